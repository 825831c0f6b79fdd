import { escapeHtml } from '../../html';
import type { HttpProblem } from '../errors';
import type { ApiEvent } from '../response';
import type { RouteSpec } from '../route';
import { alert, page } from './layout';
import { unknownNumberPage, unreadableNumberPage } from './verify-lookup';

/**
 * A problem as a page, for a browser on a route that answers with pages. The verification pages answer an unknown
 * or unreadable number with the lookup form (the typed number kept); every other page problem is an error alert.
 */
export function problemPage(problem: HttpProblem, event: ApiEvent, route: RouteSpec): string {
  const typed =
    route.operationId === 'verifyAtAddress'
      ? (event.pathParameters?.number ?? '')
      : route.operationId === 'verifyLookup'
        ? (event.queryStringParameters?.number ?? '')
        : undefined;
  if (typed !== undefined && problem.status === 404) return unknownNumberPage(typed);
  if (typed !== undefined && problem.status === 400) return unreadableNumberPage(typed);
  return page(problem.title, alert('error', undefined, escapeHtml(problem.message)));
}
