/** The Public Sans files the certificate PDF embeds (read by the renderer; copied into its bundle by CDK). */
export const FONT_FILES = ['PublicSans-Regular.ttf', 'PublicSans-Bold.ttf'] as const;

/** Where they come from: the design system's package (the renderer reads them there locally). */
export const FONT_PACKAGE_DIR = 'node_modules/@uswds/uswds/dist/fonts/public-sans';
