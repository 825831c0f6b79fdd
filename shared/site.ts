/**
 * What every page says about the service, the web app's and the server-rendered alike (one home): its name, how a
 * page's title is made, and the banner saying whose website it is (a state service, not a federal one, so not the
 * design system's default "official website of the United States government").
 */
export const SITE_NAME = 'CT Customized Employment certification';

/** "Where you are — the service", most specific first, as screen readers announce it. */
export const pageTitle = (where: string): string => `${where} — ${SITE_NAME}`;

export const OFFICIAL_BANNER = 'An official website of the State of Connecticut';
