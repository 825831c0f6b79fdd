import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';
import { getMany, queryAll, versionCondition } from './query';
import type { TransactItem } from './transactions';

/**
 * A provider administrator's link to their one agency, kept on the server (never read from the token): at
 * `PROVIDER#<id>`/`ADMIN#<sub>` (the agency's administrators, for ADS), and beside the staff account at
 * `PERSON#<sub>`/`ADMIN_OF` (the one GetItem each agency route makes to learn the caller's agency). Ending the link
 * (by ADS) writes both in one transaction; the Cognito group alone then opens nothing.
 */
export interface ProviderAdmin {
  sub: string;
  providerId: string;
  name: string;
  email: string;
  status: 'active' | 'ended';
  /** When ADS linked them: vouching in the days after it is flagged for review, like a newly authorised supervisor. */
  linkedAt: string;
  linkedBy: string;
  endedAt?: string;
  endedBy?: string;
  reason?: string;
  version: number;
}

const adminKey = (providerId: string, sub: string) => ({ pk: `PROVIDER#${providerId}`, sk: `ADMIN#${sub}` });
const pointerKey = (sub: string) => ({ pk: `PERSON#${sub}`, sk: 'ADMIN_OF' });

function fromItem(item: Record<string, unknown>): ProviderAdmin {
  const { pk: _p, sk: _s, type: _t, ...admin } = item;
  return admin as unknown as ProviderAdmin;
}

/** The link and its pointer, written together (version 1: only if there was none). */
export function saveProviderAdminItems(admin: ProviderAdmin, expectedVersion: number | undefined): TransactItem[] {
  return [
    {
      Put: {
        TableName: TABLE_NAME,
        Item: { ...adminKey(admin.providerId, admin.sub), type: 'provider-admin', ...admin },
        ...versionCondition(expectedVersion),
      },
    },
    { Put: { TableName: TABLE_NAME, Item: { ...pointerKey(admin.sub), type: 'provider-admin', ...admin } } },
  ];
}

/** The caller's link, active or ended (one GetItem on their own partition). */
export async function adminLinkOf(sub: string): Promise<ProviderAdmin | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: pointerKey(sub), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

export async function getProviderAdmin(providerId: string, sub: string): Promise<ProviderAdmin | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: adminKey(providerId, sub), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

/** An agency's administrators, every status. */
export const adminsOf = (providerId: string): Promise<ProviderAdmin[]> =>
  queryAll(
    {
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': `PROVIDER#${providerId}`, ':s': 'ADMIN#' },
    },
    fromItem,
  );

/**
 * In the transaction of every act a provider administrator takes for their agency (vouching above all): the link must
 * still be active at that moment, so an ending by ADS at the same moment also stops it.
 */
export function activeAdminCheck(providerId: string, sub: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: TABLE_NAME,
      Key: adminKey(providerId, sub),
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active' },
    },
  };
}

/**
 * The expiry watchlist's record that an administrator was told of a holder's certifications reaching a reminder
 * point, at `PERSON#<adminSub>`/`WATCHED#<holderSub>#<expiresOn>#<point>`: put with the email, refused if there, so
 * each is told once.
 */
const watchedKey = (adminSub: string, entry: string) => ({ pk: `PERSON#${adminSub}`, sk: `WATCHED#${entry}` });

export const watchedItem = (adminSub: string, entry: string, at: string): TransactItem => ({
  Put: {
    TableName: TABLE_NAME,
    Item: { ...watchedKey(adminSub, entry), type: 'watched', at },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** Which of these watchlist entries the administrator was already told of (one BatchGetItem per 100). */
export async function alreadyWatched(adminSub: string, entries: string[]): Promise<Set<string>> {
  const found = await getMany(
    entries,
    (entry) => watchedKey(adminSub, entry),
    (item) => String(item.sk).slice('WATCHED#'.length),
    (entry) => entry,
  );
  return new Set(found.keys());
}
