import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/components';
import { dropTable, ensureTable, exportTableLines, importTableLines } from '../../scripts/local/table';
import { useTestStack, type TestStack } from '../support/local-stack';

/**
 * The README's restore procedure, rehearsed on the local stack: a course's data is made through the API and the
 * user pool is exported by its job; the table is exported as DynamoDB's point-in-time export writes it (DynamoDB
 * JSON lines), imported into a new table, and a second stack on the restored table — with a new, empty user pool,
 * as after losing the pool — gives the same answers. The export in the restored table maps each sign-in email to
 * the `sub` the records hang on.
 */
const stack = useTestStack();
const CLOCK = { at: '2026-12-01T09:00:00-05:00' };
const admin = () =>
  new DynamoDBClient({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });

const plan = {
  kind: 'initial',
  title: 'Restore rehearsal 2027',
  applicationWindow: { opensAt: '2026-11-01T09:00', closesAt: '2027-05-01T17:00' },
  seats: { North: 2, South: 1, West: 1 },
  liveClasses: [{ date: '2027-06-01' }, { date: '2027-06-08' }],
  assignments: [{ title: 'Discovery profile', dueAt: '2027-06-07T23:59', component: 'discovery' }],
};

/** The answers compared before and after: public and ADS reads of what was made. */
async function answers(s: TestStack, ids: { iterationId: string; providerId: string; applicantSub: string }) {
  const ads = await s.token('ads-staff');
  const read = async (path: string, token?: string) => {
    const res = await s.fetch(path, { token });
    return { path, status: res.status, body: res.body };
  };
  return [
    await read('/iterations'),
    await read(`/ads/iterations/${ids.iterationId}`, ads),
    await read(`/ads/iterations/${ids.iterationId}/applications`, ads),
    await read(`/ads/providers/${ids.providerId}`, ads),
    await read(`/ads/providers/${ids.providerId}/supervisors`, ads),
    await read(`/ads/people/${ids.applicantSub}`, ads),
    await read(`/ads/audit/iteration/${ids.iterationId}`, ads),
    await read('/registry/providers'),
  ];
}

describe('restoring the table', () => {
  it('a point-in-time export imported into a new table serves the same answers, and maps the pool', async () => {
    expect((await stack().fetch('/_local/clock', { method: 'PUT', json: CLOCK })).status).toBe(200);
    const ads = await stack().token('ads-staff');
    const applicant = await stack().token('applicant');
    const iteration = await stack().fetch('/ads/iterations', { method: 'POST', token: ads, json: plan });
    await stack().fetch(`/ads/iterations/${iteration.body.id}/publish`, { method: 'POST', token: ads });
    const provider = await stack().fetch('/ads/providers', {
      method: 'POST',
      token: ads,
      json: {
        name: 'Restore Rehearsal Supports',
        regions: ['North'],
        contractsWithAds: 'yes',
        contractsWithDds: 'yes',
        contact: { name: 'Rita Contact', email: 'rita.contact@rehearsal.example.org' },
      },
    });
    expect(provider.status).toBe(201);
    const supervisor = { name: 'Sol Supervisor', email: 'sol.supervisor@rehearsal.example.org' };
    await stack().fetch(`/ads/providers/${provider.body.id}/supervisors`, {
      method: 'POST',
      token: ads,
      json: { ...supervisor, reason: 'Confirmed by phone' },
    });
    const profile = await stack().fetch('/me/profile', {
      method: 'PUT',
      token: applicant,
      json: {
        name: 'Ada Restored',
        jobTitle: 'Employment specialist',
        position: 'direct-service',
        providerId: provider.body.id,
        supervisor,
      },
    });
    expect(profile.status).toBe(200);
    const applied = await stack().fetch('/me/applications', {
      method: 'POST',
      token: applicant,
      json: {
        iterationId: iteration.body.id,
        region: 'North',
        acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
        futureStaffPlanned: 1,
      },
    });
    expect(applied.status).toBe(201);
    const applicantSub = (await stack().fetch(`/me/applications/${applied.body.id}`, { token: applicant })).body
      .applicantSub as string | undefined;
    const { handler: exportPool } = await import('../../functions/jobs/user-pool-export');
    const exported = await exportPool({});
    expect(exported.users).toBeGreaterThanOrEqual(3);
    const { getUserPoolExport } = await import('../../shared/data/user-pool-exports');
    const { ctDate } = await import('../../shared/domain/calendar/time');
    const day = ctDate(new Date(exported.ranAt));
    const pool = await getUserPoolExport(day);
    const sub = applicantSub ?? pool!.users.find((u) => u.email === stack().state.users.applicant.email)!.sub;
    const ids = { iterationId: iteration.body.id, providerId: provider.body.id, applicantSub: sub };
    const before = await answers(stack(), ids);
    expect(before.map((a) => [a.path, a.status])).toEqual(before.map((a) => [a.path, 200]));

    // The point-in-time export, and a new table restored from it.
    const client = admin();
    const source = process.env.TABLE_NAME!;
    const restored = `${source}-restored`;
    const lines = await exportTableLines(client, source);
    expect(lines.length).toBeGreaterThan(10);
    await ensureTable(client, restored);
    await importTableLines(client, restored, lines);

    // A second stack on the restored table, its own modules and a fresh user pool (new subs for the same emails).
    process.env.TABLE_NAME = restored;
    try {
      await jest.isolateModulesAsync(async () => {
        const { startTestStack } = await import('../support/local-stack');
        const second = await startTestStack();
        try {
          expect((await second.fetch('/_local/clock', { method: 'PUT', json: CLOCK })).status).toBe(200);
          expect(await answers(second, ids)).toEqual(before);
          // The pool export came back with the table: every record's sub is found by the email it signs in with.
          const { getUserPoolExport: fromRestored } = await import('../../shared/data/user-pool-exports');
          const mapping = await fromRestored(day);
          expect(mapping?.users).toEqual(pool?.users);
          const byEmail = new Map(mapping!.users.map((u) => [u.email, u]));
          expect(byEmail.get(stack().state.users.applicant.email)).toMatchObject({ sub, groups: ['applicant'] });
          expect(byEmail.get(stack().state.users['ads-staff'].email)?.groups).toEqual(['ads-staff']);
        } finally {
          await second.stop();
        }
      });
    } finally {
      process.env.TABLE_NAME = source;
      await dropTable(client, restored);
      client.destroy();
    }
  });
});
