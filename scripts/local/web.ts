/**
 * The built web app on this machine, one origin like CloudFront in AWS (`shared/http/web-paths.ts`):
 * - `/api/*` → the local gateway with the prefix stripped; the server-rendered paths (`isServerRendered`) → unchanged;
 * - `/config.json` → the app's runtime settings for this stack;
 * - `/_local/cognito` → cognito-local, through a relay that answers `GetTokensFromRefreshToken` (the call Amplify
 *   Auth v6 makes to refresh tokens, which cognito-local lacks) with cognito-local's `InitiateAuth`
 *   `REFRESH_TOKEN_AUTH`. Local only: in AWS the app talks to Cognito's regional endpoint;
 * - everything else → `web/dist`, with the static files' headers (`shared/http/static-headers.ts`); an unknown
 *   page path gets `index.html` (the app routes it).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import {
  cacheControlFor,
  STATIC_SECURITY_HEADERS,
  staticContentSecurityPolicy,
  WEB_CONFIG_PATH,
  type WebConfig,
} from '../../shared/http/static-headers';
import { API_PREFIX, isServerRendered, USWDS_ASSETS } from '../../shared/http/web-paths';
import { startCodeRelay } from './code-relay';
import { LOCAL_REGION } from './components';

export const LOCAL_COGNITO_PATH = '/_local/cognito';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface WebServerOptions {
  port: number;
  dist: string;
  gatewayUrl: string;
  cognitoEndpoint: string;
  /** The local S3 server: the browser posts homework files to it (the pre-signed POST's origin). */
  s3Endpoint: string;
  userPoolId: string;
  clientId: string;
  staffClientId: string;
}

export async function startWebServer(options: WebServerOptions) {
  const origin = `http://127.0.0.1:${options.port}`;
  const config: WebConfig = {
    region: LOCAL_REGION,
    userPoolId: options.userPoolId,
    userPoolClientId: options.clientId,
    staffClientId: options.staffClientId,
    userPoolEndpoint: `${origin}${LOCAL_COGNITO_PATH}`,
    authFlow: 'USER_PASSWORD_AUTH',
    mfa: 'optional',
  };
  const staticHeaders = (path: string) => ({
    ...STATIC_SECURITY_HEADERS,
    // The sign-in endpoint is on this origin locally (the relay), so `'self'` covers it.
    'content-security-policy': staticContentSecurityPolicy(origin, new URL(options.s3Endpoint).origin),
    'cache-control': cacheControlFor(path),
  });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`))
      return proxy(req, res, options.gatewayUrl, path.slice(API_PREFIX.length) + url.search || '/');
    if (isServerRendered(path)) return proxy(req, res, options.gatewayUrl, path + url.search);
    if (path === LOCAL_COGNITO_PATH) return relayCognito(req, res, options);
    if (path === WEB_CONFIG_PATH) {
      res.writeHead(200, { ...staticHeaders(path), 'content-type': 'application/json' });
      return res.end(JSON.stringify(config));
    }
    return serveStatic(res, options.dist, path, staticHeaders);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  return {
    url: origin,
    config,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function serveStatic(
  res: ServerResponse,
  dist: string,
  path: string,
  headers: (path: string) => Record<string, string>,
) {
  const file = normalize(join(dist, decodeURIComponent(path)));
  const inside = file.startsWith(dist);
  if (inside && existsSync(file) && statSync(file).isFile()) {
    res.writeHead(200, { ...headers(path), 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    return void createReadStream(file).pipe(res);
  }
  // A missing file is a 404; any other path is a page of the app.
  if (!inside || path.startsWith('/assets/') || path.startsWith(`${USWDS_ASSETS}/`) || extname(path)) {
    res.writeHead(404, { ...headers(path), 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('Not found');
  }
  res.writeHead(200, { ...headers('/index.html'), 'content-type': TYPES['.html'] });
  createReadStream(join(dist, 'index.html')).pipe(res);
}

function proxy(req: IncomingMessage, res: ServerResponse, target: string, path: string) {
  const to = new URL(path, target);
  const upstream = request(to, { method: req.method, headers: { ...req.headers, host: to.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The local API did not answer.');
  });
  req.pipe(upstream);
}

const TARGET = 'AWSCognitoIdentityProviderService.';

async function relayCognito(req: IncomingMessage, res: ServerResponse, options: WebServerOptions) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let target = String(req.headers['x-amz-target'] ?? '');
  let body = Buffer.concat(chunks).toString('utf8');
  const refresh = target === `${TARGET}GetTokensFromRefreshToken`;
  if (refresh) {
    const { ClientId, RefreshToken } = JSON.parse(body) as { ClientId: string; RefreshToken: string };
    target = `${TARGET}InitiateAuth`;
    body = JSON.stringify({
      ClientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: RefreshToken },
    });
  }
  const answer = await fetch(options.cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body,
  }).catch(() => undefined);
  if (!answer) {
    res.writeHead(502, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ __type: 'InternalErrorException', message: 'cognito-local did not answer' }));
  }
  let text = await answer.text();
  // InitiateAuth's answer has the same AuthenticationResult (without a new refresh token, which Amplify then keeps).
  if (refresh && answer.ok) {
    const { AuthenticationResult } = JSON.parse(text) as { AuthenticationResult: unknown };
    text = JSON.stringify({ AuthenticationResult });
  }
  res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/x-amz-json-1.1' });
  res.end(text);
}

/**
 * The web app for a running stack: built if its inputs changed, served on `port`, with the sign-up and
 * password-reset codes relayed to the email viewer.
 */
export async function serveWebApp(
  state: {
    gatewayUrl: string;
    cognitoEndpoint: string;
    s3Endpoint: string;
    cognitoDir: string;
    sesEndpoint: string;
    userPoolId: string;
    clientId: string;
    staffClientId: string;
  },
  port: number,
) {
  const { buildWebIfStale, WEB_DIST } = await import('../web-build');
  const built = await buildWebIfStale();
  const web = await startWebServer({ port, dist: WEB_DIST, ...state });
  const relay = startCodeRelay({
    cognitoDir: state.cognitoDir,
    userPoolId: state.userPoolId,
    sesEndpoint: state.sesEndpoint,
    sender: process.env.SENDER_EMAIL ?? 'CT CE Certification <ce-certification@ads.example.org>',
  });
  return {
    url: web.url,
    built,
    stop: async () => {
      await relay.stop();
      await web.stop();
    },
  };
}
