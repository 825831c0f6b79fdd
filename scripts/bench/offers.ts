/**
 * Confirming 1,000 offers end to end on the local stack: 1,200 endorsed applications (seeded straight into the
 * table), then ADS's two requests — compute the proposal, confirm it — through the gateway with a real token.
 */
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { setLocalClock } from '../../shared/clock';
import { applicationKey, indexAttributes } from '../../shared/data/applications';
import { dynamo, TABLE_NAME } from '../../shared/data/client';
import type { Application } from '../../shared/domain/application';
import { REGIONS } from '../../shared/domain/vocabulary';
import { cognitoClient, signIn } from '../local/cognito';
import type { StackState } from '../local/stack';
import type { Meter } from './ddb-meter';

/** A POST with a JSON body, or with none (`body` undefined) for the routes that take none. */
async function post(state: StackState, token: string, path: string, body?: unknown) {
  const res = await fetch(`${state.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function benchOffers(state: StackState, meter: Meter, offers = 1000, applicants = 1200) {
  const token = await signIn(
    cognitoClient(state.cognitoEndpoint),
    state.staffClientId,
    state.users['ads-staff'].email,
    state.users['ads-staff'].password,
  );
  setLocalClock(new Date('2026-11-22T12:00:00-05:00'));
  const providerIds: string[] = [];
  for (let i = 0; i < 30; i++) {
    const p = await post(state, token, '/ads/providers', {
      name: `Bench Provider ${i}`,
      regions: ['North', 'South', 'West'],
      contractsWithAds: 'yes',
      contractsWithDds: 'yes',
      contact: { name: 'Bench', email: `bench${i}@example.org` },
    });
    providerIds.push(p.id);
  }
  const seats = {
    North: Math.round(offers * 0.4),
    South: Math.round(offers * 0.35),
    West: offers - Math.round(offers * 0.4) - Math.round(offers * 0.35),
  };
  const iteration = await post(state, token, '/ads/iterations', {
    kind: 'initial',
    title: 'Bench iteration',
    applicationWindow: { opensAt: '2026-11-01T09:00', closesAt: '2027-01-15T17:00' },
    seats,
    liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-09' }],
    assignments: [],
  });
  await post(state, token, `/ads/iterations/${iteration.id}/publish`);
  const items = Array.from({ length: applicants }, (_, i): Application => {
    const region = i < seats.North + 80 ? 'North' : i < seats.North + seats.South + 160 ? 'South' : 'West';
    return {
      id: `ap-BENCH${String(i).padStart(11, '0')}`,
      iterationId: iteration.id,
      iterationKind: 'initial',
      applicantSub: `bench-${i}`,
      applicant: {
        name: `Bench Learner ${i}`,
        email: `learner${i}@bench.example.org`,
        jobTitle: 'Job developer',
        position: i % 3 === 0 ? 'management' : 'direct-service',
      },
      providerId: providerIds[i % providerIds.length],
      providerName: 'Bench Provider',
      region: REGIONS.includes(region) ? region : 'West',
      supervisor: { name: 'Sup', email: `sup${i}@bench.example.org` },
      acknowledgedAt: '2026-12-01T10:00:00.000-05:00',
      futureStaffPlanned: 1,
      submittedAt: new Date(Date.UTC(2026, 11, 2) + i * 60_000).toISOString(),
      status: 'endorsed',
      endorsedAt: '2026-12-05T10:00:00.000-05:00',
      version: 2,
      updatedAt: '2026-12-05T10:00:00.000-05:00',
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    await dynamo.send(
      new BatchWriteCommand({
        RequestItems: {
          [TABLE_NAME]: items.slice(i, i + 25).map((a) => ({
            PutRequest: { Item: { ...applicationKey(a.id), type: 'application', ...a, ...indexAttributes(a) } },
          })),
        },
      }),
    );
  }
  setLocalClock(new Date('2027-01-16T09:00:00-05:00'));
  meter.reset();
  let t = performance.now();
  const proposal = await post(state, token, `/ads/iterations/${iteration.id}/allocation/proposals`);
  const proposeMs = performance.now() - t;
  const proposeCalls = { ...meter.calls };
  const proposeUnits = { read: meter.readUnits, write: meter.writeUnits };
  meter.reset();
  t = performance.now();
  const summary = await post(state, token, `/ads/iterations/${iteration.id}/allocation/confirm`, {
    version: proposal.version,
  });
  const confirmMs = performance.now() - t;
  const calls = { ...meter.calls };
  const total = meter.total();
  const units = { read: meter.readUnits, write: meter.writeUnits };
  const pending = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :p',
      ExpressionAttributeValues: { ':p': 'OUTBOX#pending' },
      Select: 'COUNT',
    }),
  );
  return {
    world: { iterationId: iteration.id as string, providerId: providerIds[0]!, applicationId: items[0]!.id },
    applicants,
    offers: REGIONS.reduce((sum, r) => sum + summary.seats[r].offered, 0),
    httpRequests: 2,
    propose: { ms: proposeMs, calls: proposeCalls, units: proposeUnits },
    confirm: { ms: confirmMs, calls, totalCalls: total, units },
    emailsQueued: applicants,
    emailsLeftForOutboxJob: pending.Count ?? 0,
  };
}
