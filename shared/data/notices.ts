import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import type { TransactItem } from './transactions';

/**
 * The DDS notice of a period at `NOTICE#<period>`, listed in gsi1 `NOTICES` by period. The item is claimed
 * (a conditional write) before anything is sent, so a period is sent at most once; its outcome is recorded:
 * `sent` (with SES's message id), `failed` (SES certainly did not take it: may be claimed again and retried), or
 * `unknown` (the call timed out after SES may have accepted it: a person checks; never resent automatically).
 */
export type NoticeStatus = 'sending' | 'sent' | 'failed' | 'unknown';

export interface NoticeRecord {
  period: string;
  noticeOn: string;
  status: NoticeStatus;
  attempts: number;
  leaseUntil?: number;
  recipients?: string[];
  subject?: string;
  expiringCount?: number;
  expiredCount?: number;
  range?: { expiredFrom: string; expiredTo: string; expiringFrom: string; expiringTo: string };
  /** What was sent: the message parts, kept so ADS can re-send exactly this on purpose. */
  content?: { text: string; html: string; csv: string };
  messageId?: string;
  lastError?: string;
  sentAt?: string;
  resends?: { at: string; by: string; reason: string; status: 'sent' | 'failed' | 'unknown'; messageId?: string }[];
}

const key = (period: string) => ({ pk: `NOTICE#${period}`, sk: '#NOTICE' });
const LIST = 'NOTICES';
const LEASE_MS = 10 * 60 * 1000;

export async function getNotice(period: string): Promise<NoticeRecord | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: key(period), ConsistentRead: true }));
  if (!result.Item) return undefined;
  const { pk: _p, sk: _s, type: _t, gsi1pk: _g, gsi1sk: _h, ...notice } = result.Item;
  return notice as NoticeRecord;
}

/** Claims the period for this run: first claim, or a new attempt after a failure. Otherwise what stands. */
export async function claimNotice(period: string, noticeOn: string, nowMs: number): Promise<'claimed' | NoticeRecord> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...key(period),
          type: 'notice',
          gsi1pk: LIST,
          gsi1sk: period,
          period,
          noticeOn,
          status: 'sending',
          attempts: 1,
          leaseUntil: nowMs + LEASE_MS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'claimed';
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key(period),
        UpdateExpression: 'SET #status = :sending, attempts = attempts + :one, leaseUntil = :lease',
        ConditionExpression: '#status = :failed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':failed': 'failed',
          ':one': 1,
          ':lease': nowMs + LEASE_MS,
        },
      }),
    );
    return 'claimed';
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  return (await getNotice(period))!;
}

/** Records what this run did (only the run holding the claim writes it). */
export async function recordNotice(period: string, fields: Partial<NoticeRecord>): Promise<void> {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  await dynamo.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: key(period),
      UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')} REMOVE leaseUntil`,
      ConditionExpression: '#claimed = :sending',
      ExpressionAttributeNames: { '#claimed': 'status', ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])) },
      ExpressionAttributeValues: {
        ':sending': 'sending',
        ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
      },
    }),
  );
}

/** A run that claimed the period and stopped before recording: its email may have gone out, so it is unknown. */
export async function abandonNotice(period: string, nowMs: number): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key(period),
        UpdateExpression: 'SET #status = :unknown, lastError = :why REMOVE leaseUntil',
        ConditionExpression: '#status = :sending AND leaseUntil < :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':unknown': 'unknown',
          ':sending': 'sending',
          ':now': nowMs,
          ':why': 'a run stopped after claiming the period; check with SES whether the notice went out',
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** A deliberate re-send, appended to the notice's record: written in one transaction with its audit record. */
export const resendItem = (period: string, resend: NonNullable<NoticeRecord['resends']>[number]): TransactItem => ({
  Update: {
    TableName: TABLE_NAME,
    Key: key(period),
    UpdateExpression: 'SET resends = list_append(if_not_exists(resends, :empty), :one)',
    ExpressionAttributeValues: { ':empty': [], ':one': [resend] },
  },
});

export async function listNotices(cursor: string | undefined, limit: number) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': LIST },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, {
        attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: ['gsi1pk', LIST],
      }),
    }),
  );
  return { notices: (result.Items ?? []) as NoticeRecord[], cursor: encodeCursor(result.LastEvaluatedKey) };
}

/** The latest notice sent before this period (its date starts the "expired since" range). */
export async function lastSentBefore(period: string): Promise<NoticeRecord | undefined> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :period',
      FilterExpression: '#status = :sent',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':p': LIST, ':period': period, ':sent': 'sent' },
      ScanIndexForward: false,
    }),
  );
  return result.Items?.[0] as NoticeRecord | undefined;
}
