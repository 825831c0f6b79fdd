import type * as z from 'zod/mini';
import type { Role } from '../domain/vocabulary';
import type { Caller } from './caller';
import type { Tag } from './routes/tags';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Which Lambda function serves a route. One function per area of the domain, not per route: routes of an area
 * share code and data access, so one warm container serves them all (fewer cold starts), while each function is
 * still granted only the table actions its own area uses.
 */
export type Area =
  | 'accounts'
  | 'iterations'
  | 'calendars'
  | 'providers'
  | 'applications'
  | 'links'
  | 'allocation'
  | 'course'
  | 'attendance-import'
  | 'certifications'
  | 'certificate-pdf'
  | 'credentials'
  | 'registry'
  | 'notices'
  | 'audit'
  | 'docs';

/** `public`: no sign-in (no authorizer on the route). Otherwise the signed-in caller needs one of these groups. */
export type Access = 'public' | readonly Role[];

/** 303 and 308 are redirects: a page's answer (`Reply.location`) sending the browser to the address it belongs at. */
export type SuccessStatus = 200 | 201 | 202 | 204 | 303 | 308;

export interface RouteSpec {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path syntax, e.g. `/ads/iterations/{iterationId}`. */
  path: string;
  area: Area;
  access: Access;
  summary: string;
  description?: string;
  tag: Tag;
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /**
   * The body is also accepted as an HTML form (`application/x-www-form-urlencoded`, fields as strings), and an
   * absent body as an empty form: for pages that must work without JavaScript.
   */
  form?: boolean;
  /**
   * A POST that only reads: it computes an answer from the body (a proposal, a dry run) and changes nothing, so it
   * answers no 409 and leaves no audit record.
   */
  readOnly?: true;
  /** Honours an `Idempotency-Key` header: a retried request gets the first answer and changes nothing more. */
  idempotent?: boolean;
  success: {
    status: SuccessStatus;
    description: string;
    /**
     * JSON body schema; also strips any field not in it before the response leaves. With `contentType`, it only
     * documents the shape of the reply (the OpenAPI document itself).
     */
    schema?: z.ZodMiniType;
    /**
     * Non-JSON answers (CSV, iCalendar, HTML, scripts): the operation returns a `Reply`. Several when it picks one
     * per answer (a stylesheet or a script).
     */
    contentType?: string | readonly string[];
    /**
     * Another success status the operation answers with (`WithStatus`), with the same media types; a redirect
     * (303, 308) also carries `Location`.
     */
    also?: { status: SuccessStatus; description: string };
  };
  /**
   * Error statuses particular to this route (404, 410, 422…), for the API document. Those that follow from what the
   * route is — signed in, has a body, writes, idempotent — are added by `openapi.ts`, not repeated here.
   */
  problems?: readonly number[];
}

/**
 * The routes of one area, among a route file's routes (a file may serve two functions, e.g. iterations and calendars,
 * course and attendance-import).
 */
export type RoutesOf<Routes extends Record<string, RouteSpec>, A extends Area> = {
  [K in keyof Routes as Routes[K]['area'] extends A ? K : never]: Routes[K];
};

export const routesOf = <Routes extends Record<string, RouteSpec>, A extends Area>(
  routes: Routes,
  area: A,
): RoutesOf<Routes, A> =>
  Object.fromEntries(Object.entries(routes).filter(([, r]) => r.area === area)) as RoutesOf<Routes, A>;

/** Declares a route and keeps its literal types, so the implementation is typed from its schemas. */
export function route<const R extends RouteSpec>(spec: R): R {
  return spec;
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface RouteInput<R extends RouteSpec> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  /** Present on every non-public route (the middleware refuses anonymous calls before the operation runs). */
  caller: R['access'] extends 'public' ? Caller | undefined : Caller;
  requestId: string;
}

/** Lets an operation answer with another success status than the route's usual one (e.g. 200 for "already there"). */
export class WithStatus<T> {
  constructor(
    readonly status: SuccessStatus,
    readonly body: T,
  ) {}
}

/** A non-JSON answer. */
export interface Reply {
  body: string;
  contentType: string;
  filename?: string;
  isBase64Encoded?: boolean;
  /** Honoured on public routes only: a signed-in answer is never cached. */
  cacheSeconds?: number;
  /** A page that needs more than a link page may do (the docs page runs Swagger UI) names its own policy. */
  contentSecurityPolicy?: string;
  /** Where a redirect (303, 308) sends the browser: a path on the same origin. */
  location?: string;
}

/** The media types a route's `Reply` may carry. */
export const replyTypes = (route: RouteSpec): readonly string[] => [route.success.contentType ?? []].flat();

/** Routes that answer people with pages (the supervisor links, the docs page). */
export const answersWithPages = (route: RouteSpec): boolean =>
  replyTypes(route).some((type) => type.startsWith('text/html'));

type SuccessBody<R extends RouteSpec> = R['success']['contentType'] extends string | readonly string[]
  ? Reply | WithStatus<Reply>
  : R['success']['schema'] extends z.ZodMiniType
    ? z.input<R['success']['schema']> | WithStatus<z.input<R['success']['schema']>>
    : // biome-ignore lint/suspicious/noConfusingVoidType: an operation without a response body returns nothing
      void;

export type Operation<R extends RouteSpec> = (input: RouteInput<R>) => Promise<SuccessBody<R>>;

/** An area's implementations, keyed by operationId: the compiler insists every route of the area has one. */
export type Implementations<Routes extends Record<string, RouteSpec>> = {
  [K in keyof Routes]: Operation<Routes[K]>;
};
