/**
 * Per-route latency on the local stack, from a separate process (p50/p95/p99 at concurrency 1 and 32, with the
 * rate actually reached), next to a raw DynamoDB GetItem measured the same way; and DynamoDB calls per request,
 * counted in the server by an SDK middleware.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { ALL_ROUTES } from '../../shared/http/routes';
import type { RouteSpec } from '../../shared/http/route';
import { cognitoClient, signIn } from '../local/cognito';
import { clientIdFor, type StackState } from '../local/stack';
import type { Meter } from './ddb-meter';

export interface LatencyRow {
  name: string;
  concurrency: number;
  requests: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  status?: number;
}

/**
 * Reads are measured for every GET route; beside them, routes that can repeat harmlessly: two writes, and the
 * meeting-report import (a POST that records nothing). On the full run's clock (mid-January 2027) the bench
 * iteration's first class has not started, so the import answers 422 after reading the iteration.
 */
const REPEATABLE = new Set(['putBlackoutDate', 'putMyProfile', 'proposeAttendanceFromReport']);

/**
 * A course certificate of the bench applicant, so the certificate, PDF and credential routes do their real work
 * (the PDF rendered, the credential signed on the first request and read back after) rather than answer 404.
 */
async function benchCertificate(holderSub: string): Promise<string> {
  const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { dynamo } = await import('../../shared/data/client');
  const { newCertificateItems } = await import('../../shared/data/certifications');
  const { reserveStatusIndexes } = await import('../../shared/data/credential-status');
  const number = 'CT-CE-BNCH-0000-0000-0001';
  const cert = {
    number,
    holderSub,
    holderName: 'Bench Applicant',
    stage: 'discovery' as const,
    source: 'course' as const,
    iterationId: 'bench',
    applicationId: 'bench',
    issuedOn: '2027-01-04',
    expiresOn: '2030-01-04',
    standing: 'issued' as const,
    providerRegions: [],
    history: [{ at: '2027-01-04T10:00:00-05:00', action: 'issued' as const, by: 'bench' }],
    statusIndex: await reserveStatusIndexes(1),
    createdAt: '2027-01-04T10:00:00-05:00',
    version: 1,
  };
  await dynamo.send(new TransactWriteCommand({ TransactItems: newCertificateItems(cert) as never }));
  return number;
}

const subOf = (jwt: string) =>
  (JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;

/** `areas`: measure only these areas' routes (a partial run); every route when absent. */
export async function benchLatency(
  state: StackState,
  meter: Meter,
  world: { iterationId: string; providerId: string; applicationId: string },
  seconds = 2,
  areas?: readonly string[],
) {
  const idp = cognitoClient(state.cognitoEndpoint);
  const token = (role: keyof StackState['users']) =>
    signIn(idp, clientIdFor(state, role), state.users[role].email, state.users[role].password);
  const tokens = {
    'ads-staff': await token('ads-staff'),
    dds: await token('dds'),
    applicant: await token('applicant'),
  };
  const params: Record<string, string> = {
    iterationId: world.iterationId,
    providerId: world.providerId,
    applicationId: world.applicationId,
    date: '2027-02-02',
    assignmentId: 'hw-none',
    number: await benchCertificate(subOf(tokens.applicant)),
    list: '0',
    token: 'A'.repeat(43),
    subjectType: 'iteration',
    subjectId: world.iterationId,
    period: '2027-03',
    asset: 'swagger-ui.css',
    personId: 'bench-0',
  };
  const bodies: Record<string, unknown> = {
    putBlackoutDate: { reason: 'Bench break' },
    putMyProfile: {
      name: 'Bench Applicant',
      jobTitle: 'Job developer',
      position: 'direct-service',
      providerId: world.providerId,
      supervisor: { name: 'S', email: 'sup@bench.example.org' },
    },
    proposeAttendanceFromReport: { text: readFileSync('test/fixtures/meeting-reports/zoom-participants.csv', 'utf8') },
  };
  const queries: Record<string, string> = {
    listPublicProviders: '?region=North',
    completionReport: '?from=2027-01-01&to=2027-12-31',
  };
  const routes = ALL_ROUTES.filter(
    (r) => (r.method === 'GET' || REPEATABLE.has(r.operationId)) && (!areas || areas.includes(r.area)),
  );
  const targets = routes.map((r: RouteSpec) => {
    const path = r.path.replace(/\{(\w+)\}/g, (_, n: string) =>
      n === 'date' && r.operationId === 'putBlackoutDate' ? '2027-04-09' : params[n]!,
    );
    const role = r.access === 'public' ? undefined : (r.access[0] as keyof typeof tokens);
    const body = bodies[r.operationId];
    return {
      name: `${r.method} ${r.path}`,
      url: `${state.gatewayUrl}${path}${queries[r.operationId] ?? ''}`,
      method: r.method,
      headers: {
        ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    };
  });

  // DynamoDB calls and capacity units per request, counted in this process (where the handlers run).
  const calls: Record<string, number> = {};
  const units: Record<string, { read: number; write: number }> = {};
  for (const target of targets) {
    meter.reset();
    for (let i = 0; i < 5; i++)
      await (
        await fetch(target.url, { method: target.method, headers: target.headers, body: target.body })
      ).arrayBuffer();
    calls[target.name] = meter.total() / 5;
    units[target.name] = { read: meter.readUnits / 5, write: meter.writeUnits / 5 };
  }

  const input = {
    targets,
    concurrency: [1, 32],
    seconds,
    dynamo: {
      endpoint: state.dynamoEndpoint,
      table: state.tableName,
      key: { pk: `ITERATION#${world.iterationId}`, sk: '#META' },
    },
  };
  // Asynchronously: this process serves the requests the worker makes.
  const { stdout: output } = await promisify(execFile)(
    process.execPath,
    ['scripts/bench/load-worker.mjs', JSON.stringify(input)],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const rows = output
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LatencyRow);
  return { rows, calls, units };
}
