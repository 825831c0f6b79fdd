/** The Public Sans files the certificate PDF embeds (read by the renderer; copied into its bundle by CDK). */
export const FONT_FILES = ['PublicSans-Regular.ttf', 'PublicSans-Bold.ttf'] as const;
