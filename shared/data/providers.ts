import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeName } from '../domain/names';
import type { Provider } from '../domain/provider';
import type { Region } from '../domain/vocabulary';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { getMany, queryAll, versionCondition } from './query';
import type { TransactItem } from './transactions';

/**
 * Provider aggregate: the profile at `PROVIDER#<id>`/`#PROFILE` (listed in gsi1 `PROVIDERS` by name) and one
 * small entry per covered region (`REGION#<region>`, listed in gsi1 `REGION#<region>#PROVIDERS`) so the public
 * list by region reads only that region's providers.
 */
export const providerKey = (id: string) => ({ pk: `PROVIDER#${id}`, sk: '#PROFILE' });
const regionKey = (id: string, region: Region) => ({ pk: `PROVIDER#${id}`, sk: `REGION#${region}` });
const ALL = 'PROVIDERS';
const regionPartition = (region: Region) => `REGION#${region}#PROVIDERS`;

function fromItem(item: Record<string, unknown>): Provider {
  const { pk: _pk, sk: _sk, type: _t, gsi1pk: _g, gsi1sk: _s, ...provider } = item;
  return provider as unknown as Provider;
}

/** Writes the provider and its region entries, dropping entries of regions it no longer covers. */
export function saveProviderItems(next: Provider, previous: Provider | undefined): TransactItem[] {
  const sortKey = `${normalizeName(next.name)}#${next.id}`;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: TABLE_NAME,
        Item: { ...providerKey(next.id), type: 'provider', gsi1pk: ALL, gsi1sk: sortKey, ...next },
        ...versionCondition(previous?.version),
      },
    },
    ...next.regions.map((region) => ({
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...regionKey(next.id, region),
          type: 'provider-region',
          gsi1pk: regionPartition(region),
          gsi1sk: sortKey,
          id: next.id,
          name: next.name,
          regions: next.regions,
        },
      },
    })),
  ];
  for (const region of previous?.regions ?? []) {
    if (!next.regions.includes(region))
      items.push({ Delete: { TableName: TABLE_NAME, Key: regionKey(next.id, region) } });
  }
  return items;
}

export async function getProvider(id: string): Promise<Provider | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: providerKey(id), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

/** Several providers by id (one BatchGetItem per 100). */
export async function getProviders(ids: string[]): Promise<Map<string, Provider>> {
  return getMany(ids, providerKey, fromItem, (r) => r.id);
}

export async function listProviders(cursor: string | undefined, limit: number) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': ALL },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, {
        attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: ['gsi1pk', ALL],
      }),
    }),
  );
  return { providers: (result.Items ?? []).map(fromItem), cursor: encodeCursor(result.LastEvaluatedKey) };
}

/** Every provider (directory-wide computations: demand planning, allocation). */
export async function allProviders(): Promise<Provider[]> {
  const out: Provider[] = [];
  let cursor: string | undefined;
  do {
    const page = await listProviders(cursor, 100);
    out.push(...page.providers);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** The public list of one region: names and regions only. */
export const providersInRegion = (region: Region): Promise<{ id: string; name: string; regions: Region[] }[]> =>
  queryAll({
    TableName: TABLE_NAME,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p',
    ExpressionAttributeValues: { ':p': regionPartition(region) },
    ProjectionExpression: 'id, #name, regions',
    ExpressionAttributeNames: { '#name': 'name' },
  });

/** Set or clear priority status (in a transaction with its audit record). */
export function setPriorityItem(id: string, priority: Provider['priority'] | undefined, at: string): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: providerKey(id),
      UpdateExpression: priority
        ? 'SET priority = :p, updatedAt = :at, #version = #version + :one'
        : 'REMOVE priority SET updatedAt = :at, #version = #version + :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ...(priority ? { ':p': priority } : {}), ':at': at, ':one': 1 },
    },
  };
}

/**
 * Records the provider's latest future-staff figure, unless a later application already did: a newer application
 * replaces the figure, it is never summed.
 */
export function futureStaffItem(providerId: string, figure: NonNullable<Provider['futureStaff']>): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: providerKey(providerId),
      UpdateExpression: 'SET futureStaff = :f',
      ConditionExpression:
        'attribute_exists(pk) AND (attribute_not_exists(futureStaff) OR futureStaff.reportedAt < :at)',
      ExpressionAttributeValues: { ':f': figure, ':at': figure.reportedAt },
    },
  };
}

/** The provider's first confirmed member (kept once, in the confirming transaction): later ones are not "first". */
export function firstConfirmationItem(providerId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: providerKey(providerId),
      UpdateExpression: 'SET firstConfirmedAt = if_not_exists(firstConfirmedAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}
