import { fetchAuthSession } from 'aws-amplify/auth';
import createClient, { type Middleware } from 'openapi-fetch';
import type { FieldProblem } from '../../../shared/http/errors';
import type { paths } from './schema';

/**
 * The typed API client: paths, parameters and answers come from `schema.d.ts` (`npm run gen:client`). The API is on
 * the same origin under `/api` (CloudFront, the local web server and `npm run web:dev` all strip the prefix).
 */
export const api = createClient<paths>({ baseUrl: `${window.location.origin}/api` });

/** Every call carries the signed-in person's ID token (the API's authorizer checks its audience = the app client). */
const bearer: Middleware = {
  async onRequest({ request }) {
    const session = await fetchAuthSession().catch(() => undefined);
    const token = session?.tokens?.idToken?.toString();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};
api.use(bearer);

/** The API's problem+json (RFC 9457); `errors` lists the fields at fault (`shared/http/errors.ts`). */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: FieldProblem[];
}

export const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && 'status' in value && 'title' in value;

/** A thrown error or answer as a problem to show: the API's own, or a plain one for network failures. */
export function asProblem(error: unknown): Problem {
  if (isProblem(error)) return error;
  return { status: 0, title: 'Something went wrong', detail: (error as Error)?.message ?? String(error) };
}
