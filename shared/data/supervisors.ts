import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { crockford } from '../domain/ids';
import { normalizeEmail } from '../domain/names';
import type { Supervisor } from '../domain/supervisor';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { queryAll, versionCondition } from './query';
import type { TransactItem } from './transactions';

/**
 * Authorised supervisors, one record per address and scope (a provider, or `self-hired`) at
 * `SUPERVISORS#<scope>`/`SUPERVISOR#<id>`; while pending, also listed in gsi1 `SUPERVISORS#pending` by request time
 * (ADS's queue). Applications waiting for a pending supervisor leave a marker beside it,
 * `SUPERVISORS#<scope>`/`WAITING#<id>#<applicationId>`, so that authorising the address sends their links.
 */
export const supervisorId = (email: string) =>
  `sv-${crockford(createHash('sha256').update(normalizeEmail(email)).digest().subarray(0, 10))}`;
const partition = (scope: string) => `SUPERVISORS#${scope}`;
export const supervisorKey = (scope: string, id: string) => ({ pk: partition(scope), sk: `SUPERVISOR#${id}` });
const waitingKey = (scope: string, id: string, applicationId: string) => ({
  pk: partition(scope),
  sk: `WAITING#${id}#${applicationId}`,
});
const PENDING = 'SUPERVISORS#pending';

function supervisorItem(s: Supervisor) {
  return {
    ...supervisorKey(s.scope, s.id),
    type: 'supervisor',
    ...s,
    ...(s.status === 'pending' ? { gsi1pk: PENDING, gsi1sk: `${s.requestedAt}#${s.scope}#${s.id}` } : {}),
  };
}

function fromItem(item: Record<string, unknown>): Supervisor {
  const { pk: _p, sk: _s, type: _t, gsi1pk: _g, gsi1sk: _h, ...supervisor } = item;
  return supervisor as unknown as Supervisor;
}

export async function getSupervisor(scope: string, email: string): Promise<Supervisor | undefined> {
  return getSupervisorById(scope, supervisorId(email));
}

export async function getSupervisorById(scope: string, id: string): Promise<Supervisor | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: supervisorKey(scope, id), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

/** A provider's supervisors, every status (ADS), or only the authorised ones (the applicant's picker). */
export async function supervisorsOf(scope: string): Promise<Supervisor[]> {
  return queryAll(
    {
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': partition(scope), ':s': 'SUPERVISOR#' },
    },
    fromItem,
  );
}

/** ADS's queue: supervisors waiting for a decision, oldest request first. */
export async function pendingSupervisors(cursor: string | undefined, limit: number) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': PENDING },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, {
        attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: ['gsi1pk', PENDING],
      }),
    }),
  );
  return { supervisors: (result.Items ?? []).map(fromItem), cursor: encodeCursor(result.LastEvaluatedKey) };
}

/** Writes the record if nobody changed it since it was read (version 1: only if there was none). */
export function saveSupervisorItem(s: Supervisor, expectedVersion: number | undefined): TransactItem {
  return { Put: { TableName: TABLE_NAME, Item: supervisorItem(s), ...versionCondition(expectedVersion) } };
}

/**
 * A pending request for an address nobody has asked about yet; an existing record (whatever its status) is left as it
 * is. For a transaction of its own: refused when the record exists, which is the expected, harmless case.
 */
export function requestSupervisorItem(s: Supervisor): TransactItem {
  return saveSupervisorItem(s, undefined);
}

/**
 * In the transaction of every vouching act (endorsing, co-signing): the address must be authorised for the scope at
 * that moment, so a link sent before ADS removed a supervisor, or an address nobody authorised, cannot be used.
 */
export function authorisedCheck(scope: string, email: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: TABLE_NAME,
      Key: supervisorKey(scope, supervisorId(email)),
      ConditionExpression: '#status = :authorised',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':authorised': 'authorised' },
    },
  };
}

export function waitingItem(scope: string, email: string, applicationId: string, at: string): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: { ...waitingKey(scope, supervisorId(email), applicationId), type: 'supervisor-waiting', applicationId, at },
    },
  };
}

export const waitingDoneItem = (scope: string, id: string, applicationId: string): TransactItem => ({
  Delete: { TableName: TABLE_NAME, Key: waitingKey(scope, id, applicationId) },
});

/** The applications waiting for this supervisor's authorisation. */
export async function waitingFor(scope: string, id: string): Promise<string[]> {
  const items = await queryAll({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': partition(scope), ':s': `WAITING#${id}#` },
  });
  return items.map((i) => i.applicationId as string);
}

/** A marker whose application no longer waits (withdrawn, another supervisor named): removed on sight. */
export async function dropWaiting(scope: string, id: string, applicationId: string): Promise<void> {
  await dynamo.send(new DeleteCommand({ TableName: TABLE_NAME, Key: waitingKey(scope, id, applicationId) }));
}
