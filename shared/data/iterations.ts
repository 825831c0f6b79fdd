import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { sortableUtc } from '../domain/calendar/time';
import type { Iteration, IterationStatus } from '../domain/iteration';
import { REGIONS, type Region } from '../domain/vocabulary';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { getMany, queryAll } from './query';
import type { TransactItem } from './transactions';

/**
 * Iteration aggregate: `ITERATION#<id>` holds the plan (`#META`) and one seat counter per region (`SEATS#<region>`),
 * so one Query reads the whole iteration. The seat counters are the only record of capacity, and the invariant
 * `held ≤ capacity` (held = offered + enrolled) is enforced by condition expressions on them.
 */
export interface SeatCounter {
  region: Region;
  capacity: number;
  /** Seats offered or filled: the counter conditions guard. */
  held: number;
  offered: number;
  enrolled: number;
}

export const iterationPk = (id: string) => `ITERATION#${id}`;
export const iterationMetaKey = (id: string) => ({ pk: iterationPk(id), sk: '#META' });
export const seatKey = (id: string, region: Region) => ({ pk: iterationPk(id), sk: `SEATS#${region}` });
const listPartition = (status: IterationStatus) => `ITERATIONS#${status}`;

/** An iteration as listed: the plan without its seat counters (listings show summaries; the detail has seats). */
export type IterationRecord = Omit<Iteration, 'seats'>;

function toItem(iteration: Iteration) {
  const { seats: _capacityLivesInSeatCounters, ...record } = iteration;
  return {
    ...iterationMetaKey(iteration.id),
    type: 'iteration',
    gsi1pk: listPartition(iteration.status),
    gsi1sk: `${sortableUtc(iteration.applicationClosesAt)}#${iteration.id}`,
    ...record,
  };
}

function fromItem(item: Record<string, unknown>, seats: Iteration['seats']): Iteration {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g1s, ...record } = item;
  return { ...(record as unknown as IterationRecord), seats };
}

export interface StoredIteration {
  iteration: Iteration;
  seatCounters: Record<Region, SeatCounter>;
}

export async function getIteration(id: string): Promise<StoredIteration | undefined> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': iterationPk(id) },
      ConsistentRead: true,
    }),
  );
  const items = result.Items ?? [];
  const meta = items.find((i) => i.sk === '#META');
  if (!meta) return undefined;
  const seatCounters = {} as Record<Region, SeatCounter>;
  for (const region of REGIONS) {
    const item = items.find((i) => i.sk === `SEATS#${region}`);
    seatCounters[region] = {
      region,
      capacity: Number(item?.capacity ?? 0),
      held: Number(item?.held ?? 0),
      offered: Number(item?.offered ?? 0),
      enrolled: Number(item?.enrolled ?? 0),
    };
  }
  const seats = Object.fromEntries(REGIONS.map((r) => [r, seatCounters[r].capacity])) as Iteration['seats'];
  return { iteration: fromItem(meta, seats), seatCounters };
}

/** Several iterations' plans (without their seat counters) by id: one BatchGetItem per 100; unknown ids left out. */
export const getIterationPlans = (ids: readonly string[]): Promise<Map<string, IterationRecord>> =>
  getMany(
    ids,
    iterationMetaKey,
    (item) => {
      const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g1s, ...record } = item;
      return record as unknown as IterationRecord;
    },
    (r) => r.id,
  );

/** Create: the plan and three seat counters, refused if the id exists. */
export function createIterationItems(iteration: Iteration): TransactItem[] {
  return [
    { Put: { TableName: TABLE_NAME, Item: toItem(iteration), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...REGIONS.map((region) => ({
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...seatKey(iteration.id, region),
          type: 'seats',
          region,
          capacity: iteration.seats[region],
          held: 0,
          offered: 0,
          enrolled: 0,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
  ];
}

/** Replace the plan if nobody saved a newer version meanwhile (optimistic lock on `version`). */
export function replaceIterationItem(next: Iteration, expectedVersion: number): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: toItem(next),
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': expectedVersion },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Set a region's capacity, refused if more seats are already offered or filled than the new capacity. */
export function setCapacityItem(iterationId: string, region: Region, capacity: number): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: seatKey(iterationId, region),
      UpdateExpression: 'SET #capacity = :capacity',
      ConditionExpression: 'held <= :capacity',
      ExpressionAttributeNames: { '#capacity': 'capacity' },
      ExpressionAttributeValues: { ':capacity': capacity },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

export async function listIterations(status: IterationStatus, cursor: string | undefined, limit: number) {
  const partition = listPartition(status);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': partition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, {
        attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: ['gsi1pk', partition],
      }),
    }),
  );
  return { records: (result.Items ?? []) as IterationRecord[], cursor: encodeCursor(result.LastEvaluatedKey) };
}

/**
 * Published iterations whose application window has not closed (open or upcoming), soonest closing first.
 * The index sort key starts with the closing instant, so the read touches only those iterations.
 */
export const listPublishedClosingAfter = (instant: Date): Promise<IterationRecord[]> =>
  queryAll({
    TableName: TABLE_NAME,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p AND gsi1sk > :t',
    ExpressionAttributeValues: { ':p': listPartition('published'), ':t': instant.toISOString() },
  });

/** Published iterations whose application window closed by `instant` (the records schedule's job). */
export const listPublishedClosedBy = (instant: Date): Promise<IterationRecord[]> =>
  queryAll({
    TableName: TABLE_NAME,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :t',
    ExpressionAttributeValues: { ':p': listPartition('published'), ':t': `${instant.toISOString()}#~` },
  });

// ---- ADS blackout dates (academic-calendar breaks) ----

const BLACKOUTS = 'BLACKOUTS';

export async function listBlackouts(): Promise<Map<string, string>> {
  const items = await queryAll({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': BLACKOUTS },
  });
  return new Map(items.map((item) => [String(item.sk), String(item.reason)]));
}

export const blackoutItem = (date: string, reason: string): TransactItem => ({
  Put: { TableName: TABLE_NAME, Item: { pk: BLACKOUTS, sk: date, type: 'blackout', date, reason } },
});

export const deleteBlackoutItem = (date: string): TransactItem => ({
  Delete: { TableName: TABLE_NAME, Key: { pk: BLACKOUTS, sk: date }, ConditionExpression: 'attribute_exists(pk)' },
});

export async function getBlackout(date: string): Promise<string | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: { pk: BLACKOUTS, sk: date } }));
  return result.Item ? String(result.Item.reason) : undefined;
}

/**
 * Moves seats between the region's counts in one conditional update. Taking seats (`held` grows) is refused unless
 * the region still has them: the invariant offered + enrolled ≤ capacity holds in DynamoDB, not in memory.
 */
export function seatChangeItem(
  iterationId: string,
  region: Region,
  change: { offered?: number; enrolled?: number },
): TransactItem {
  const offered = change.offered ?? 0;
  const enrolled = change.enrolled ?? 0;
  const held = offered + enrolled;
  if (held > 1) throw new Error('take seats one at a time, or use takeSeatsItem');
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: seatKey(iterationId, region),
      UpdateExpression: 'SET held = held + :held, offered = offered + :offered, enrolled = enrolled + :enrolled',
      ConditionExpression: held > 0 ? 'held < #capacity' : 'held >= :release',
      ExpressionAttributeNames: held > 0 ? { '#capacity': 'capacity' } : undefined,
      ExpressionAttributeValues: {
        ':held': held,
        ':offered': offered,
        ':enrolled': enrolled,
        ...(held > 0 ? {} : { ':release': -held }),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Offers `count` seats at once, given the counter as read: refused if it changed meanwhile. */
export function takeSeatsItem(iterationId: string, counter: SeatCounter, count: number): TransactItem {
  if (counter.held + count > counter.capacity) throw new Error('more seats than the region has');
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: seatKey(iterationId, counter.region),
      UpdateExpression: 'SET held = held + :n, offered = offered + :n',
      ConditionExpression: 'held = :held AND #capacity = :capacity',
      ExpressionAttributeNames: { '#capacity': 'capacity' },
      ExpressionAttributeValues: { ':n': count, ':held': counter.held, ':capacity': counter.capacity },
    },
  };
}

/** Stamps the moment allocation closed (ADS closing it early, or the first class starting). */
export function closeAllocationItem(iterationId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: iterationMetaKey(iterationId),
      UpdateExpression: 'SET allocationClosedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(allocationClosedAt)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}
