import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { feedCalendar, iterationCalendar } from '../../shared/http/render/calendar';
import { routesOf } from '../../shared/http/route';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { feedCalendars } from '../../shared/use-cases/calendars';
import { publishedCalendar } from '../../shared/use-cases/iterations';

const routes = routesOf(iterationRoutes, 'calendars');

/**
 * The iCalendar files: a published iteration's, and a learner's private feed. A function of their own, so the
 * iCalendar library (with its validator) is loaded only here, not by every call to the iterations function.
 */
export const handler = areaHandler(
  routes,
  operations(routes, {
    getIterationCalendar: async ({ params }) => iterationCalendar(await publishedCalendar(params.iterationId)),
    getCalendarFeed: async ({ params }) => feedCalendar(await feedCalendars(params.token)),
  }),
);
