import { TABLE_NAME } from './client';
import { getMany } from './query';
import type { TransactItem } from './transactions';

/** The accounts ADS creates (applicants sign themselves up). */
export type StaffRole = 'ads-staff' | 'dds' | 'provider-admin';

/**
 * Staff accounts (ADS, DDS and provider administrators) at `PERSON#<sub>`/`#STAFF`: the name and role given when ADS created the account.
 * Audit records keep only who acted (an id); histories name people by resolving those ids when they are read
 * (`actorNames`), so records older than this item read with a name too, and a renamed person shows their current name.
 */
export interface StaffAccount {
  sub: string;
  name: string;
  email: string;
  role: StaffRole;
  createdAt: string;
}

const key = (sub: string, sk: '#STAFF' | '#PROFILE') => ({ pk: `PERSON#${sub}`, sk });
export const staffItem = (account: StaffAccount) => ({ ...key(account.sub, '#STAFF'), type: 'staff', ...account });

/** The staff account, written once with the Cognito account (its audit record in the same transaction). */
export function putStaffItem(account: StaffAccount): TransactItem {
  return {
    Put: { TableName: TABLE_NAME, Item: staffItem(account), ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** An actor id that is a person's sign-in id (not `system:<job>` nor `supervisor-link:<email>`). */
const isPerson = (id: string) => id !== '' && id !== 'system' && !id.includes(':');

/**
 * The current names of the people behind actor ids, in one batched read (BatchGetItem, 100 keys a call) of each
 * one's staff account and profile: a staff account's name wins, else the profile's (an applicant acting on their own
 * record). Jobs, supervisors' links and ids with neither are left out: the caller words those.
 */
export async function actorNames(ids: readonly string[]): Promise<Map<string, string>> {
  const people = [...new Set(ids)].filter(isPerson);
  const found = await getMany(
    people.flatMap((sub) => [`${sub} #STAFF`, `${sub} #PROFILE`]),
    (id) => {
      const [sub, sk] = id.split(' ') as [string, '#STAFF' | '#PROFILE'];
      return key(sub, sk);
    },
    (item) => ({
      id: `${String(item.pk).slice('PERSON#'.length)} ${String(item.sk)}`,
      name: String(item.name ?? ''),
    }),
    (r) => r.id,
  );
  const names = new Map<string, string>();
  for (const sub of people) {
    const name = found.get(`${sub} #STAFF`)?.name || found.get(`${sub} #PROFILE`)?.name;
    if (name) names.set(sub, name);
  }
  return names;
}
