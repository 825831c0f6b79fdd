import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut } from '../../shared/data/audit';
import { dynamo, TABLE_NAME } from '../../shared/data/client';
import { staffItem } from '../../shared/data/staff';
import { systemActor } from '../../shared/domain/audit';
import { auditRoutes } from '../../shared/http/routes/audit';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { commit } from '../../shared/use-cases/unit-of-work';
import { useClockReset } from '../support/clock';
import { newApplicant, saveProfile, unique } from '../support/fixtures';
import { type As, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * "Who" in every history is a person's name: audit records keep the actor's id, and the audit trail resolves the ids
 * of a page to current names when read (a staff account's name, else a profile's), in one batched read.
 */
const staff = (name: string, as: As) =>
  dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: staffItem({ sub: as.sub, name, email: `${as.sub}@ads.example.org`, role: 'ads-staff', createdAt: 'x' }),
    }),
  );

/** Counts the BatchGetItem calls the shared client sends while `run` runs. */
async function batchGets<T>(run: () => Promise<T>): Promise<{ result: T; calls: number }> {
  let calls = 0;
  const name = `count-batch-gets-${unique()}`;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'BatchGetItemCommand') calls++;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name },
  );
  try {
    return { result: await run(), calls };
  } finally {
    dynamo.middlewareStack.remove(name);
  }
}

it('names each actor of a page of records by their current name, in one batched read; jobs and unnamed accounts are left unnamed', async () => {
  const dana: As = { sub: `dana-${unique()}`, roles: ['ads-staff'] };
  const lee: As = { sub: `lee-${unique()}`, roles: ['ads-staff'] };
  const nameless: As = { sub: `nameless-${unique()}`, roles: ['ads-staff'] };
  const date = '2031-12-26';
  // Dana acts before her staff record exists (an old record); Lee has a staff record; the third account has none.
  for (const [as, reason] of [
    [dana, 'Winter break'],
    [lee, 'Winter break (renamed)'],
    [nameless, 'Winter break (again)'],
  ] as const)
    expect(
      (await invoke(iterationRoutes.putBlackoutDate, { as, params: { date }, body: { reason } })).status,
    ).toBeLessThan(300);
  await commit({
    writes: [
      auditPut({
        subjectType: 'blackout',
        subjectId: date,
        action: 'checked',
        actor: systemActor('nightly'),
        at: '2031-12-01T07:00:00-05:00',
      }),
    ],
  });
  await staff('Dana Reyes', dana);
  await staff('Lee Chen', lee);

  const read = () =>
    invoke(auditRoutes.getAuditTrail, { as: lee, params: { subjectType: 'blackout', subjectId: date } });
  const { result: trail, calls } = await batchGets(read);
  expect(calls).toBe(1);
  const actors = trail.body.items.map((e: { actor: unknown }) => e.actor);
  expect(actors).toEqual(
    expect.arrayContaining([
      { id: dana.sub, roles: ['ads-staff'], name: 'Dana Reyes' },
      { id: lee.sub, roles: ['ads-staff'], name: 'Lee Chen' },
      { id: nameless.sub, roles: ['ads-staff'] },
      { id: 'system:nightly', roles: [] },
    ]),
  );

  // Renamed: every record shows the current name.
  await staff('Dana Reyes-Okafor', dana);
  const again = (await read()).body.items.find((e: { actor: { id: string } }) => e.actor.id === dana.sub);
  expect(again.actor.name).toBe('Dana Reyes-Okafor');
});

it('an applicant acting on their own record is named by their profile', async () => {
  const me = newApplicant('Robin Park');
  await saveProfile(me, null);
  await commit({
    writes: [
      auditPut({
        subjectType: 'person',
        subjectId: me.sub,
        action: 'noted',
        actor: { id: me.sub, roles: ['applicant'] },
        at: '2031-01-01T09:00:00-05:00',
      }),
    ],
  });
  const trail = await invoke(auditRoutes.getAuditTrail, {
    as: { sub: 'ads-reader', roles: ['ads-staff'] },
    params: { subjectType: 'person', subjectId: me.sub },
  });
  expect(trail.body.items.at(-1).actor).toEqual({ id: me.sub, roles: ['applicant'], name: 'Robin Park' });
});
