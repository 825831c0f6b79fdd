import { blackoutItem, deleteBlackoutItem } from '../../shared/data/iterations';
import { putPersonItem } from '../../shared/data/people';
import type { Person } from '../../shared/domain/person';
import { getEmail } from '../../shared/email/outbox';
import { compose } from '../../shared/email/message';
import { commit, commitOrStale, named, sendQueued } from '../../shared/use-cases/unit-of-work';
import { StaleWrite } from '../../shared/domain/errors';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();

const unique = () => `u${Math.random().toString(36).slice(2, 10)}`;
const email = (key: string) => ({
  key,
  message: compose({ to: [`${key}@uow.example.org`], subject: 'A change', blocks: ['It happened.'] }),
});
const person = (sub: string, version: number): Person => ({
  sub,
  name: 'Pat Doe',
  email: `${sub}@uow.example.org`,
  jobTitle: 'Job developer',
  position: 'direct-service',
  membership: 'none',
  supervisor: { name: 'Sam Boss', email: 'sam@uow.example.org' },
  version,
  updatedAt: '2027-01-04T10:00:00.000-05:00',
});

describe('the unit of work', () => {
  it('writes the change with its emails, then sends them', async () => {
    const key = unique();
    expect(await commit({ writes: [blackoutItem('2031-01-02', key)], emails: [email(key)] })).toEqual({ ok: true });
    expect((await getEmail(key))?.status).toBe('sent');
    expect(await emailsTo(`${key}@uow.example.org`)).toHaveLength(1);
  });

  it('reports a refusal by the names of the writes that refused, and writes nothing', async () => {
    const sub = unique();
    await commit({ writes: [putPersonItem(person(sub, 1), undefined)] });
    const key = unique();
    const stale = await commit({
      writes: [
        named('blackout', blackoutItem('2031-01-03', 'fine')),
        named('profile', putPersonItem(person(sub, 3), 2)),
        deleteBlackoutItem('2031-12-31'),
      ],
      emails: [email(key)],
    });
    expect(stale.ok).toBe(false);
    // The unnamed delete refused too (nothing to delete); only named writes are reported.
    expect(stale.ok || [...stale.refused.keys()]).toEqual(['profile']);
    // All or nothing: the email was not queued either.
    expect(await getEmail(key)).toBeUndefined();
  });

  it('gives the record as it stood when the refused write asks for it', async () => {
    const sub = unique();
    await commit({ writes: [putPersonItem(person(sub, 1), undefined)] });
    const { Put } = putPersonItem(person(sub, 3), 2);
    const refused = await commit({
      writes: [named('profile', { Put: { ...Put!, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } })],
    });
    expect(refused.ok === false && refused.refused.get('profile')).toMatchObject({ sub, version: 1 });
  });

  it('turns a refusal into a stale write when that is all it can mean', async () => {
    const sub = unique();
    await commitOrStale({ writes: [putPersonItem(person(sub, 1), undefined)] }, 'unused');
    await expect(commitOrStale({ writes: [putPersonItem(person(sub, 2), 5)] }, 'Reload.')).rejects.toEqual(
      new StaleWrite('Reload.'),
    );
  });

  it('leaves the emails of a change sent later pending until the caller sends them', async () => {
    const key = unique();
    await commit({ writes: [], emails: [email(key)], sendLater: true });
    expect((await getEmail(key))?.status).toBe('pending');
    await sendQueued([email(key)]);
    expect((await getEmail(key))?.status).toBe('sent');
  });
});
