/**
 * How the web domain divides its paths (one home for the rule; CloudFront in `infra/` and the local web server in
 * `scripts/local/` both read it):
 * - `/api/*` goes to the HTTP API with the prefix stripped (`/api/me/profile` → `/me/profile`), never cached;
 * - the server-rendered pages and feeds, and the credential documents (keys, status lists), whose addresses are printed in emails, PDFs and QR codes keep their own paths
 *   on the web domain and go to the HTTP API unchanged;
 * - everything else is the built web app (static files; unknown paths get the app's `index.html`).
 */
export const API_PREFIX = '/api';

/** Path prefixes the HTTP API answers on the web domain without the `/api` prefix. */
export const SERVER_RENDERED_PREFIXES = ['/verify/', '/links/', '/calendar-feeds/', '/credentials/'] as const;

/**
 * Exact paths the HTTP API answers on the web domain too: the certificate lookup form (`/verify?number=…`) and the
 * issuer's public keys, which credentials name (their `kid`) on the web domain.
 */
export const SERVER_RENDERED_PATHS = ['/verify', '/.well-known/jwks.json'] as const;

/** The server-rendered paths as CloudFront path patterns: each prefix with `*`, each exact path as itself. */
export const SERVER_RENDERED_PATTERNS: string[] = [
  ...SERVER_RENDERED_PREFIXES.map((prefix) => `${prefix}*`),
  ...SERVER_RENDERED_PATHS,
];

/** Whether the HTTP API answers this path (without its query) on the web domain, unchanged. */
export const isServerRendered = (path: string): boolean =>
  SERVER_RENDERED_PREFIXES.some((prefix) => path.startsWith(prefix)) ||
  (SERVER_RENDERED_PATHS as readonly string[]).includes(path);

/**
 * Where the web app publishes the U.S. Web Design System's compiled stylesheet, fonts and images under fixed names,
 * so the server-rendered pages can use the same design system from the same origin.
 */
export const USWDS_ASSETS = '/uswds';
