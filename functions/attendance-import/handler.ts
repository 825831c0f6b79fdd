import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { routesOf } from '../../shared/http/route';
import { courseRoutes } from '../../shared/http/routes/course';
import { proposeFromMeetingReport } from '../../shared/use-cases/course/attendance-import';

const routes = routesOf(courseRoutes, 'attendance-import');

/**
 * A roster proposal from a meeting's participant report (Zoom, Teams). A function of its own, so the CSV parser and
 * the report's readers are loaded only here, not by every call to the course function; it reads and records nothing.
 */
export const handler = areaHandler(
  routes,
  operations(routes, {
    proposeAttendanceFromReport: ({ params, body }) => proposeFromMeetingReport(params.iterationId, params.date, body),
  }),
);
