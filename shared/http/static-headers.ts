/**
 * The security headers of the web app's static files (HTML, scripts, styles, fonts, images). One home for them:
 * CloudFront's response-headers policy in `infra/` and the local web server in `scripts/local/` both build theirs
 * from this. The API and the server-rendered pages set their own headers in the functions (`shared/http/response.ts`),
 * so each path has exactly one owner.
 *
 * The app may load only its own files and talk only to its own origin (the API is under `/api` on the same domain),
 * to Cognito's sign-in endpoint and to the homework-files bucket (the browser posts uploads there by pre-signed POST,
 * with XMLHttpRequest, so `connect-src`; no form is submitted there, so `form-action` stays `'self'`).
 *
 * @param uploadOrigin the origin of the pre-signed POST's `url`: `https://<bucket>.s3.<region>.amazonaws.com` in AWS
 *   (`filesUploadOrigin` in `infra/stacks/files-stack.ts`), the local S3 server's address locally.
 */
export function staticContentSecurityPolicy(signInOrigin: string, uploadOrigin: string): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${signInOrigin} ${uploadOrigin}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The other headers, the same on every static file. */
export const STATIC_SECURITY_HEADERS = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
} as const;

/** Hashed build assets never change under their name; `index.html` and the runtime settings must be revalidated. */
export const cacheControlFor = (path: string): string =>
  path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';

/** The runtime settings the built app reads at start (one build for every environment). */
export interface WebConfig {
  region: string;
  userPoolId: string;
  /** Applicants sign in through this app client. */
  userPoolClientId: string;
  /** ADS and DDS staff sign in through this one (8-hour sessions); the API refuses their tokens from the other. */
  staffClientId: string;
  /** cognito-local's address locally; absent in AWS (the library uses the regional endpoint). */
  userPoolEndpoint?: string;
  /** `USER_PASSWORD_AUTH` locally (cognito-local has no SRP); SRP with TOTP MFA in AWS. */
  authFlow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';
  /** Whether the pool requires TOTP MFA (AWS) or leaves it optional (local). */
  mfa: 'required' | 'optional';
}

/** Where the app finds its runtime settings. */
export const WEB_CONFIG_PATH = '/config.json';
