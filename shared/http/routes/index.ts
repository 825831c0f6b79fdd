import type { RouteSpec } from '../route';
import { accountRoutes } from './accounts';
import { agencyRoutes } from './agency';
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
 * A route file may hold routes of two areas, when a route with heavy code of its own is served by a small function
 * beside its area's (`routesOf` splits them): the iCalendar files (`calendars`, among the iterations' routes) and the
 * meeting-report import (`attendance-import`, among the course's).
 */
const ROUTE_FILES = [
  iterationRoutes,
  accountRoutes,
  providerRoutes,
  agencyRoutes,
  applicationRoutes,
  linkRoutes,
  allocationRoutes,
  courseRoutes,
  homeworkFileRoutes,
  certificationRoutes,
  certificatePdfRoutes,
  credentialRoutes,
  registryRoutes,
  noticeRoutes,
  auditRoutes,
  docsRoutes,
] as const;

/** Every route, in the order of the route files (the OpenAPI document's order). */
export const ALL_ROUTES: RouteSpec[] = ROUTE_FILES.flatMap((file) => Object.values(file) as RouteSpec[]);

/** The areas that have routes: one Lambda function each, entry `functions/<area>/handler.ts`. */
export const API_AREAS = [...new Set(ALL_ROUTES.map((r) => r.area))];
