import { formatCt, formatDay } from '../../domain/calendar/format';
import { escapeHtml } from '../../html';
import type { Reply } from '../route';
import { USWDS_ASSETS } from '../web-paths';
import { CT_LABEL } from '../../email/format';
import { OFFICIAL_BANNER, pageTitle, SITE_NAME } from '../../site';

/**
 * The server-rendered pages (the supervisor's link pages, the certificate verification pages, the HTML problem
 * pages) in the U.S. Web Design System, like the web app: its compiled stylesheet from the web origin (the web app
 * publishes it at `/uswds`), its markup and classes, and no script — every form posts without JavaScript. Opened
 * straight on the API's own address, where `/uswds` is not served, the pages are plain semantic HTML and read fine
 * unstyled, so no inline fallback style is kept (the policy allows no inline style at all).
 */
const STYLESHEET = `${USWDS_ASSETS}/css/uswds.min.css`;

/** Content-Security-Policy of the pages: the same-origin stylesheet, its fonts and images; forms post back here. */
export const PAGE_POLICY =
  "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const banner =
  `<section class="usa-banner" aria-label="${OFFICIAL_BANNER}"><header class="usa-banner__header">` +
  `<div class="usa-banner__inner"><p class="usa-banner__header-text">${OFFICIAL_BANNER}</p></div>` +
  '</header></section>';

const header =
  '<header class="usa-header usa-header--basic"><div class="usa-nav-container"><div class="usa-navbar">' +
  `<div class="usa-logo"><em class="usa-logo__text"><a href="/">${SITE_NAME}</a></em></div>` +
  '</div></div></header>';

const footer =
  '<footer class="usa-footer usa-footer--slim"><div class="usa-footer__secondary-section"><div class="grid-container">' +
  '<p>Customized Employment certification — Connecticut Department of Aging and Disability Services (ADS), with the Department of Developmental Services (DDS).</p>' +
  '<p><a class="usa-link" href="/accessibility">Accessibility statement</a></p>' +
  '</div></div></footer>';

/**
 * A whole page: skip link, banner, header, the main content under one `h1`, footer. The title says where the
 * reader is, then the site.
 */
export const page = (title: string, body: string): string =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
  `<title>${escapeHtml(pageTitle(title))}</title><link rel="stylesheet" href="${STYLESHEET}"></head>` +
  `<body><a class="usa-skipnav" href="#main-content">Skip to main content</a>${banner}${header}` +
  `<main id="main-content" class="grid-container usa-section"><div class="usa-prose"><h1>${escapeHtml(title)}</h1>${body}</div></main>` +
  `${footer}</body></html>`;

/** A page as an operation's answer. */
export const htmlReply = (title: string, body: string): Reply => ({
  body: page(title, body),
  contentType: 'text/html; charset=utf-8',
});

/** A USWDS alert (success, warning, error, info), slim when it has no heading; errors are announced at once. */
export const alert = (kind: 'success' | 'warning' | 'error' | 'info', heading: string | undefined, text: string) =>
  `<div class="usa-alert usa-alert--${kind}${heading ? '' : ' usa-alert--slim'}" role="${kind === 'error' ? 'alert' : 'status'}"><div class="usa-alert__body">` +
  `${heading ? `<h2 class="usa-alert__heading">${escapeHtml(heading)}</h2>` : ''}<p class="usa-alert__text">${text}</p></div></div>`;

/** Every time on a page is Connecticut's, and says so, in the words the emails and the web app use. */
export const ZONE = CT_LABEL;
/** An instant or a date in Connecticut time, machine-readable in `datetime`. */
export const when = (iso: string, pattern: string) =>
  `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatCt(new Date(iso), pattern))}</time>`;
/** A calendar day (YYYY-MM-DD) as words, e.g. "March 3, 2027" (a day is not an instant: no zone shift). */
export const day = (date: string) =>
  `<time datetime="${escapeHtml(date)}">${escapeHtml(formatDay(date, 'MMMM d, yyyy'))}</time>`;
