import { DomainError } from '../domain/errors';
import { classifyUnexpected } from './errors';
import type { Implementations, RouteInput, RouteSpec } from './route';

/**
 * An area's operations as the edge runs them: a domain error a use case throws becomes its problem here, where the
 * route is known, so each offending input is named by the part of the request it came from (`body.iterationId`).
 */
export function operations<Routes extends Record<string, RouteSpec>>(
  routes: Routes,
  implementations: Implementations<Routes>,
): Implementations<Routes> {
  const wrapped = Object.entries(implementations).map(([id, operation]) => [
    id,
    async (input: RouteInput<RouteSpec>) => {
      try {
        return await (operation as (input: RouteInput<RouteSpec>) => Promise<unknown>)(input);
      } catch (error) {
        throw (error instanceof DomainError && classifyUnexpected(error, routes[id])) || error;
      }
    },
  ]);
  return Object.fromEntries(wrapped) as Implementations<Routes>;
}
