import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler as sweep } from '../../functions/jobs/allocation-sweep';
import { applicationsPartition } from '../../shared/data/applications';
import { dynamo, TABLE_NAME } from '../../shared/data/client';
import type { Application } from '../../shared/domain/application';
import { REGIONS } from '../../shared/domain/vocabulary';
import { allocationRoutes as r } from '../../shared/http/routes/allocation';
import { applicationRoutes } from '../../shared/http/routes/applications';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { linkRoutes } from '../../shared/http/routes/links';
import { at, useClockReset } from '../support/clock';
import { createProvider, endorsedApplicant, linkIn, publishedIteration, springPlan } from '../support/fixtures';
import { injectFaults, seeded } from '../support/faults';
import { ads, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const RUNS = Number(process.env.STRESS_RUNS ?? 2);
const OPS = Number(process.env.STRESS_OPS ?? 220);
const APPLICANTS = Number(process.env.STRESS_APPLICANTS ?? 30);
const agreement = { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } };

interface Logged {
  op: string;
  applicationId?: string;
  status: number;
  seq: number;
}

async function allApplications(iterationId: string): Promise<Application[]> {
  const out: Application[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    // The base table is the truth; read every application of the iteration through the index, then each item.
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': applicationsPartition(iterationId) },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...((page.Items ?? []) as Application[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

async function scenario(seed: number, faults: boolean) {
  const random = seeded(seed);
  at('2026-11-22T12:00:00-05:00');
  const providers = [
    await createProvider({ regions: ['North', 'South', 'West'] }),
    await createProvider({ regions: ['North', 'South', 'West'] }),
    await createProvider({ regions: ['North', 'South', 'West'] }),
  ];
  const iteration = await publishedIteration({ seats: { North: 4, South: 3, West: 2 } });
  const people = [];
  for (let i = 0; i < APPLICANTS; i++) {
    at(`2026-12-${String(2 + (i % 25)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00-05:00`);
    const provider = i % 5 === 4 ? null : providers[i % 3]!.id;
    people.push(await endorsedApplicant(iteration.id, provider, REGIONS[Math.floor(random() * 3)]!));
  }
  at('2027-01-16T09:00:00-05:00');
  const proposal = await invoke(r.computeProposal, { as: ads, params: { iterationId: iteration.id } });
  await invoke(r.confirmProposal, {
    as: ads,
    params: { iterationId: iteration.id },
    body: { version: proposal.body.version },
  });

  // Phase 1 prepares some co-signature links (accepted offers) so the storm can also enrol people.
  const links: string[] = [];
  for (const p of people.slice(0, 6)) {
    if (
      (await invoke(r.acceptOffer, { as: p.who, params: { applicationId: p.applicationId }, body: agreement }))
        .status === 200
    ) {
      links.push(
        linkIn(
          (await emailsTo(p.who.supervisorEmail)).find((m) => m.subject.includes('Training Agreement'))?.body.text,
        ),
      );
    }
  }

  const fault = faults ? injectFaults({ transactionConflict: 0.2, throttle: 0.05 }, seeded(seed + 1)) : undefined;
  const log: Logged[] = [];
  let seq = 0;
  const record = (op: string, applicationId?: string) => (answer: { status: number }) => {
    log.push({ op, applicationId, status: answer.status, seq: seq++ });
  };
  const ops: Promise<void>[] = [];
  for (let i = 0; i < OPS; i++) {
    const p = people[Math.floor(random() * people.length)]!;
    const choice = random();
    if (choice < 0.3)
      ops.push(
        invoke(r.acceptOffer, { as: p.who, params: { applicationId: p.applicationId }, body: agreement }).then(
          record('accept', p.applicationId),
        ),
      );
    else if (choice < 0.5)
      ops.push(
        invoke(r.declineOffer, { as: p.who, params: { applicationId: p.applicationId } }).then(
          record('decline', p.applicationId),
        ),
      );
    else if (choice < 0.6)
      ops.push(
        invoke(applicationRoutes.withdrawApplication, { as: p.who, params: { applicationId: p.applicationId } }).then(
          record('withdraw', p.applicationId),
        ),
      );
    else if (choice < 0.7 && links.length > 0)
      ops.push(
        invoke(linkRoutes.confirmLink, { params: { token: links[Math.floor(random() * links.length)]! } }).then(
          record('cosign'),
        ),
      );
    else if (choice < 0.85) {
      // ADS raises a region by a seat or two (promotion follows), or squeezes it down to exactly the seats held —
      // the edit that races hardest with a promotion taking a seat at the same moment.
      const raise = random() < 0.5;
      const grow = 1 + Math.floor(random() * 2);
      ops.push(
        invoke(iterationRoutes.getIterationForAds, { as: ads, params: { iterationId: iteration.id } }).then(
          async (read) => {
            const keep = read.body.assignments.map(({ id, title, dueAt }: Record<string, string>) => ({
              id,
              title,
              dueAt,
            }));
            const held = read.body.seatsHeld as Record<string, { offered: number; enrolled: number }>;
            const seats = Object.fromEntries(
              REGIONS.map((region) => [region, held[region]!.offered + held[region]!.enrolled + (raise ? grow : 0)]),
            );
            record(raise ? 'raise' : 'squeeze')(
              await invoke(iterationRoutes.updateIteration, {
                as: ads,
                params: { iterationId: iteration.id },
                body: { ...springPlan({ seats, assignments: keep }), version: read.body.version },
              }),
            );
          },
        ),
      );
    } else ops.push(sweep({}).then(() => record('promote')({ status: 200 })));
  }
  await Promise.all(ops);
  fault?.stop();

  // ---- the checks ----
  // Failures must be clean: a conflict, busy or unavailable answer (409/429/503), never an unexplained 500.
  expect(log.filter((l) => l.status >= 500 && l.status !== 503)).toEqual([]);
  // A request that failed mid-way (503: a call timed out under load) leaves any re-offer to the hourly sweep.
  if (log.some((l) => l.status === 503)) await sweep({});
  const apps = await allApplications(iteration.id);
  const counters = (await invoke(r.allocationSummary, { as: ads, params: { iterationId: iteration.id } })).body.seats;
  // No application lost or duplicated; nobody holds two seats.
  expect(apps.map((a) => a.id).sort()).toEqual(people.map((p) => p.applicationId).sort());
  expect(new Set(apps.map((a) => a.applicantSub)).size).toBe(apps.length);
  for (const region of REGIONS) {
    const offered = apps.filter(
      (a) => ['offered', 'accepted'].includes(a.status) && a.offer?.seatRegion === region,
    ).length;
    const enrolled = apps.filter((a) => a.status === 'enrolled' && a.offer?.seatRegion === region).length;
    // The invariant, and the counters agree with the applications.
    expect([region, counters[region].offered, counters[region].enrolled]).toEqual([region, offered, enrolled]);
    expect(offered + enrolled).toBeLessThanOrEqual(counters[region].capacity);
  }
  // Every released seat was re-offered while promotion was open: a free seat anywhere means nobody is waiting.
  const waiting = apps.filter((a) => a.status === 'waitlisted').length;
  const free = REGIONS.reduce((sum, region) => sum + counters[region].free, 0);
  expect(waiting === 0 || free === 0).toBe(true);
  // Every acknowledged release is in the record.
  for (const l of log.filter((x) => x.status === 200 && (x.op === 'decline' || x.op === 'withdraw'))) {
    expect([l.op, apps.find((a) => a.id === l.applicationId)?.status]).toEqual([
      l.op,
      l.op === 'decline' ? 'declined' : 'withdrawn',
    ]);
  }
  // Nobody was sent the same offer twice.
  for (const p of people) {
    const offers = (await emailsTo(p.who.email!)).filter((m) => m.subject.startsWith('A seat is offered'));
    expect(offers.length).toBeLessThanOrEqual(1);
  }
  return {
    ops: log.length,
    accepted: log.filter((l) => l.op === 'accept' && l.status === 200).length,
    released: log.filter((l) => ['decline', 'withdraw'].includes(l.op) && l.status === 200).length,
    injected: fault?.injected,
  };
}

describe('the seat invariant under concurrency (Jepsen-style: log every operation, then check)', () => {
  for (let run = 0; run < RUNS; run++) {
    it(`run ${run + 1}: ${OPS} concurrent accept/decline/withdraw/co-sign/capacity/promote operations keep offered + enrolled ≤ seats`, async () => {
      const summary = await scenario(1000 + run, false);
      expect(summary.ops).toBe(OPS);
      expect(summary.released).toBeGreaterThan(0);
    }, 120_000);
  }

  it('with transaction conflicts and throttling injected at the SDK, the retries keep the invariant', async () => {
    const summary = await scenario(42, true);
    expect(summary.injected?.transactionConflict).toBeGreaterThan(0);
    expect(summary.injected?.throttle).toBeGreaterThan(0);
    // And the checks had something to check: operations went through despite the faults.
    expect(summary.accepted).toBeGreaterThan(0);
    expect(summary.released).toBeGreaterThan(0);
  }, 120_000);
});
