import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { listPosition } from '../credentials/status-list';
import { dynamo, TABLE_NAME } from './client';
import { queryAll } from './query';
import type { TransactItem } from './transactions';

/**
 * The credential status list. Indexes are handed out by a counter `STATUS_LIST`/`#NEXT` (reserved before the
 * issuing transaction; an index reserved by a transaction that then fails is simply never used, which the list
 * allows). A certificate whose status is not "valid" has one entry `STATUS_LIST#<list>`/`ENTRY#<position>` holding
 * the value, written in the same transaction as its change of standing, so the published list is as current as
 * the record. Publishing a list is one Query of its entries (only suspended, revoked and superseded credentials have one).
 */
const counterKey = { pk: 'STATUS_LIST', sk: '#NEXT' };
const entryKey = (index: number) => {
  const { list, position } = listPosition(index);
  return { pk: `STATUS_LIST#${list}`, sk: `ENTRY#${String(position).padStart(6, '0')}` };
};

/** Reserves `count` consecutive status indexes; returns the first. */
export async function reserveStatusIndexes(count: number): Promise<number> {
  const out = await dynamo.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: counterKey,
      UpdateExpression: 'ADD #next :count',
      ExpressionAttributeNames: { '#next': 'next' },
      ExpressionAttributeValues: { ':count': count },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.next) - count;
}

/** The write that publishes a certificate's status value (0, valid, removes its entry). */
export function statusEntryWrite(index: number, value: number, number: string): TransactItem {
  if (value === 0) return { Delete: { TableName: TABLE_NAME, Key: entryKey(index) } };
  return {
    Put: { TableName: TABLE_NAME, Item: { ...entryKey(index), type: 'status-entry', value, number } },
  };
}

/** The non-zero entries of one list, by position. */
export async function statusEntries(list: number): Promise<Map<number, number>> {
  const items = await queryAll({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `STATUS_LIST#${list}` },
    ProjectionExpression: 'sk, #value',
    ExpressionAttributeNames: { '#value': 'value' },
  });
  return new Map(items.map((item) => [Number(String(item.sk).slice('ENTRY#'.length)), Number(item.value)]));
}
