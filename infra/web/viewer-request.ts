import { API_PREFIX } from '../../shared/http/web-paths';

/**
 * The code of the distribution's CloudFront Functions (runtime `cloudfront-js-2.0`, run on each viewer request). Kept
 * as source text here so the tests can run it on sample events exactly as CloudFront will.
 */

/** `/api/me/profile` → `/me/profile`: the HTTP API knows its routes without the web domain's `/api` prefix. */
export const STRIP_API_PREFIX = `function handler(event) {
  var request = event.request;
  var rest = request.uri.slice(${API_PREFIX.length});
  request.uri = rest.charAt(0) === '/' ? rest : '/' + rest;
  return request;
}`;

/**
 * The web app's own routes (`/`, `/applications/42`) are paths without a file name: they get the app's
 * `index.html`, and the app's router shows the page. A path with a file name (`/assets/app-1a2b.js`) is a file, and
 * a missing one stays an error. Done here rather than with the distribution's error responses, which apply to every
 * path: they would turn the API's own 403 and 404 answers into the app's page with 200.
 */
export const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  var name = request.uri.split('/').pop();
  if (name.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;
