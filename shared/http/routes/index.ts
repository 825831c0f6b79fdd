import { type RouteSpec, routesOf } from '../route';
import { accountRoutes } from './accounts';
import { allocationRoutes } from './allocation';
import { applicationRoutes } from './applications';
import { auditRoutes } from './audit';
import { certificationRoutes } from './certifications';
import { courseRoutes } from './course';
import { certificatePdfRoutes, credentialRoutes } from './credentials';
import { docsRoutes } from './docs';
import { homeworkFileRoutes } from './homework-files';
import { iterationRoutes } from './iterations';
import { linkRoutes } from './links';
import { noticeRoutes } from './notices';
import { providerRoutes } from './providers';
import { registryRoutes } from './registry';

/**
 * The route table: the single source for the CDK routes (and their authorizers), the local gateway and the
 * OpenAPI document. Each area's handler imports only its own slice, so a function bundles only its own schemas.
 * The iCalendar routes are written among the iterations' but served by their own small function (`calendars`), so
 * the iCalendar library stays out of the iterations function.
 */
export const ROUTE_GROUPS = {
  iterations: routesOf(iterationRoutes, 'iterations'),
  calendars: routesOf(iterationRoutes, 'calendars'),
  accounts: accountRoutes,
  providers: providerRoutes,
  applications: applicationRoutes,
  links: linkRoutes,
  allocation: allocationRoutes,
  course: { ...courseRoutes, ...homeworkFileRoutes },
  certifications: certificationRoutes,
  'certificate-pdf': certificatePdfRoutes,
  credentials: credentialRoutes,
  registry: registryRoutes,
  notices: noticeRoutes,
  audit: auditRoutes,
  docs: docsRoutes,
} as const;

/** Every route, in the order of the route files (the OpenAPI document's order). */
export const ALL_ROUTES: RouteSpec[] = [
  iterationRoutes,
  ...Object.entries(ROUTE_GROUPS)
    .filter(([area]) => area !== 'iterations' && area !== 'calendars')
    .map(([, group]) => group),
].flatMap((group) => Object.values(group) as RouteSpec[]);

/** The areas that have routes: one Lambda function each, entry `functions/<area>/handler.ts`. */
export const API_AREAS = [...new Set(ALL_ROUTES.map((r) => r.area))];
