import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { now } from '../clock';
import { dynamo, TABLE_NAME } from '../data/client';
import { getMany, queryAll } from '../data/query';
import { retentionKeys } from '../data/retention';
import { TTL_ATTRIBUTE } from '../data/table-design';
import { retentionEnds } from '../domain/retention';
import type { TransactItem } from '../data/transactions';
import { logger } from '../observability/logger';
import { count } from '../observability/metrics';
import { linkSealer, SEALED_TOKEN } from './link-seal';
import type { EmailMessage } from './message';
import { sendViaSes, type SendOutcome } from './ses';

/**
 * The transactional outbox, the one way this backend sends email.
 *
 * A state change and the email it causes are written in the same transaction (`queueEmail`, through the use cases'
 * `commit`), under a key that names the event (e.g. `offer#<application>#1`): the same event can never queue two
 * emails. After the commit the request dispatches it; if SES is unreachable the email stays pending and the
 * `email-outbox` job retries it.
 *
 * Sending is at most once. A sender first claims the email (a conditional write), so two senders never both send.
 * An attempt that SES certainly refused goes back to pending (up to MAX_ATTEMPTS, then `failed`, which alarms).
 * An attempt that timed out after SES may have accepted it becomes `unknown`: never resent automatically, it alarms
 * for a person to check — a doubled offer or notice is worse than a late one.
 *
 * Nothing usable stays at rest: a link token waits sealed (`link-seal.ts`), and once an email's outcome is final
 * (sent, failed, unknown) its body and sealed token are dropped. What a history needs stays: the recipients, the
 * subject, the template (the event key's first part), when, and the outcome.
 */
export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unknown';
export const MAX_ATTEMPTS = 5;
const LEASE_MS = 2 * 60 * 1000;
const PENDING = 'OUTBOX#pending';

const emailKey = (key: string) => ({ pk: `EMAIL#${key}`, sk: '#EMAIL' });

export interface StoredEmail {
  key: string;
  /** What kind of email (`offer`, `endorsement-request`…): the event key's first part. */
  template: string;
  to: string[];
  cc?: string[];
  subject: string;
  /** The body, kept only until the outcome is final. */
  message?: EmailMessage;
  /** The link token the body leaves out, sealed; kept only until the outcome is final. */
  sealedToken?: string;
  status: EmailStatus;
  attempts: number;
  messageId?: string;
  lastError?: string;
  createdAt: string;
  sentAt?: string;
  /** When the person it was about was anonymised (recipients and subject gone). */
  anonymisedAt?: string;
  /** When a failed or unknown outcome became final. */
  settledAt?: string;
}

export const templateOf = (key: string) => key.split('#')[0] ?? key;
const aboutOf = (key: string) => key.split('#')[1] ?? key;
const emailsAbout = (id: string) => `EMAILS#${id}`;

/** The outbox emails about an application, a person, a certificate or a file (by the id in their event keys). */
export const emailKeysAbout = async (id: string): Promise<string[]> =>
  (
    await queryAll({
      TableName: TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': emailsAbout(id) },
      ProjectionExpression: '#key',
      ExpressionAttributeNames: { '#key': 'key' },
    })
  ).map((item) => String(item.key));

/**
 * An email's personal data removed (its recipients and subject; the body is already gone once its outcome is
 * final): for anonymising the person it was about. One still waiting will not be sent: it becomes `failed`.
 */
export function anonymisedEmailItem(email: Pick<StoredEmail, 'key' | 'status'>, at: string): TransactItem {
  const waiting = email.status === 'pending' || email.status === 'sending';
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: emailKey(email.key),
      UpdateExpression:
        `SET #to = :none, subject = :anon, anonymisedAt = :at, ${SETTLED}` +
        `${waiting ? ', #status = :failed, lastError = :why, settledAt = :at' : ''} REMOVE cc, message, sealedToken, leaseUntil`,
      // As read: a sender that claimed it meanwhile makes this a stale write (the person's request is retried).
      ConditionExpression: '#status = :read',
      ExpressionAttributeNames: { '#to': 'to', '#status': 'status', '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':none': [],
        ':anon': '(anonymised)',
        ':at': at,
        ':read': email.status,
        ...(waiting ? { ':failed': 'failed', ':why': 'not sent: the person it was about was anonymised' } : {}),
        ...settledValues(email.key, at),
      },
    },
  };
}

/**
 * The outbox item to add to the transaction that causes the email. Refused if the key was ever used. An email that
 * carries a link token has `SEALED_TOKEN` in its body where the token goes, and the token sealed beside it.
 */
export function queueEmail(key: string, message: EmailMessage, sealedToken?: string): TransactItem {
  const at = now().toISOString();
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...emailKey(key),
        type: 'email',
        key,
        template: templateOf(key),
        to: message.to,
        ...(message.cc ? { cc: message.cc } : {}),
        subject: message.subject,
        message,
        ...(sealedToken ? { sealedToken } : {}),
        status: 'pending',
        attempts: 0,
        createdAt: at,
        gsi3pk: PENDING,
        gsi3sk: `${at}#${key}`,
        // Listed under what it is about (the event key's second part: an application, a person, a certificate, a
        // file), so that anonymising a person finds their emails without a Scan.
        gsi1pk: emailsAbout(aboutOf(key)),
        gsi1sk: `${at}#${key}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * An outcome is final: the email leaves the pending queue for the records schedule's (gsi3 `RETENTION`), and TTL
 * deletes it when its period ends (`shared/data/retention.ts`).
 */
const SETTLED = '#ttl = :ttl, gsi3pk = :retention, gsi3sk = :retentionSk';
function settledValues(key: string, at: string) {
  const marks = retentionKeys(retentionEnds('email', at), emailKey(key));
  return { ':ttl': marks[TTL_ATTRIBUTE], ':retention': marks.gsi3pk, ':retentionSk': marks.gsi3sk };
}

async function claim(key: string, at: Date): Promise<StoredEmail | undefined> {
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: emailKey(key),
        UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, attempts = attempts + :one',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':lease': at.getTime() + LEASE_MS,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as StoredEmail;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

async function record(key: string, outcome: SendOutcome, attempts: number): Promise<EmailStatus> {
  const at = now().toISOString();
  const status: EmailStatus = outcome.status === 'failed' && attempts < MAX_ATTEMPTS ? 'pending' : outcome.status;
  const stillPending = status === 'pending';
  await dynamo.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: emailKey(key),
      UpdateExpression: stillPending
        ? 'SET #status = :status, lastError = :error REMOVE leaseUntil'
        : `SET #status = :status, ${outcome.status === 'sent' ? 'messageId = :id, sentAt = :at' : 'lastError = :error, settledAt = :at'}, ${SETTLED} REMOVE leaseUntil, message, sealedToken`,
      ExpressionAttributeNames: { '#status': 'status', ...(stillPending ? {} : { '#ttl': TTL_ATTRIBUTE }) },
      ExpressionAttributeValues: {
        ':status': status,
        ...(outcome.status === 'sent' ? { ':id': outcome.messageId } : { ':error': outcome.error }),
        ...(stillPending ? {} : { ':at': at, ...settledValues(key, at) }),
      },
    }),
  );
  if (status === 'sent') count('EmailsSent');
  else if (status === 'failed') count('EmailsFailed');
  else if (status === 'unknown') count('EmailsUnknown');
  if (status !== 'sent' && status !== 'pending') logger.error('email not delivered', { emailKey: key, status });
  return status;
}

/**
 * Sends the queued emails with these keys, each at most once. Returns what became of each. With a time budget,
 * stops starting new sends when it runs out (the rest stay pending for the job): a request that queued many
 * emails answers in time, and SES's sending rate is respected.
 */
export async function dispatch(
  keys: string[],
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<Record<string, EmailStatus | 'not-pending'>> {
  const results: Record<string, EmailStatus | 'not-pending'> = {};
  const started = Date.now();
  for (const key of keys) {
    if (Date.now() - started > budgetMs) break;
    const email = await claim(key, now());
    if (!email) {
      results[key] = 'not-pending';
      continue;
    }
    const outcome = await send(email);
    results[key] = await record(key, outcome, email.attempts);
  }
  return results;
}

/** Opens the email's sealed token into its body, then sends it. A token that will not open is a certain failure. */
async function send(email: StoredEmail): Promise<SendOutcome> {
  if (!email.message) return { status: 'failed', error: 'the body is gone' };
  if (!email.sealedToken) return sendViaSes(email.message);
  let token: string;
  try {
    token = await linkSealer().open(email.sealedToken, email.key);
  } catch (error) {
    return { status: 'failed', error: `the link token did not open: ${(error as Error).name}` };
  }
  const fill = (part: string) => part.replaceAll(SEALED_TOKEN, token);
  return sendViaSes({ ...email.message, text: fill(email.message.text), html: fill(email.message.html) });
}

/**
 * The `email-outbox` job: sends what is still pending, and turns claims abandoned mid-send (the sender died after
 * calling SES, so it may have gone out) into `unknown` rather than sending them again.
 */
export async function drainOutbox(
  at: Date = now(),
): Promise<{ sent: number; failed: number; unknown: number; retryLater: number }> {
  const counts = { sent: 0, failed: 0, unknown: 0, retryLater: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p',
        ExpressionAttributeValues: { ':p': PENDING },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const key = String(item.key);
      if (item.status === 'sending') {
        if (Number(item.leaseUntil ?? 0) < at.getTime()) {
          await abandonClaim(key, at);
          counts.unknown++;
        }
        continue;
      }
      const result = (await dispatch([key]))[key];
      if (result === 'sent') counts.sent++;
      else if (result === 'failed') counts.failed++;
      else if (result === 'unknown') counts.unknown++;
      else if (result === 'pending') counts.retryLater++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return counts;
}

async function abandonClaim(key: string, at: Date): Promise<void> {
  await dynamo
    .send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: emailKey(key),
        UpdateExpression: `SET #status = :unknown, lastError = :why, settledAt = :at, ${SETTLED} REMOVE leaseUntil, message, sealedToken`,
        ConditionExpression: '#status = :sending AND leaseUntil < :now',
        ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':unknown': 'unknown',
          ':sending': 'sending',
          ':now': at.getTime(),
          ':at': at.toISOString(),
          ...settledValues(key, at.toISOString()),
          ':why': 'sender stopped after calling SES; check whether it was delivered',
        },
      }),
    )
    .catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
  count('EmailsUnknown');
  logger.error('email outcome unknown', { emailKey: key });
}

export async function getEmail(key: string): Promise<StoredEmail | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: emailKey(key), ConsistentRead: true }));
  return result.Item as StoredEmail | undefined;
}

/** Several outbox items by event key, read consistently (one BatchGetItem per 100); unknown keys are left out. */
export const getEmails = (keys: readonly string[]): Promise<Map<string, StoredEmail>> =>
  getMany(
    keys,
    emailKey,
    (item) => item as unknown as StoredEmail,
    (e) => e.key,
    true,
  );

/**
 * An email to queue with a change: its event key and message. An email carrying a link gives the token apart and
 * writes `SEALED_TOKEN` in the message where it goes; `commit` seals it before anything is written.
 */
export interface Outgoing {
  key: string;
  message: EmailMessage;
  linkToken?: string;
}

/** The outbox item of an outgoing email, its link token (if any) sealed. */
export const queueOutgoing = async (email: Outgoing): Promise<TransactItem> =>
  queueEmail(
    email.key,
    email.message,
    email.linkToken === undefined ? undefined : await linkSealer().seal(email.linkToken, email.key),
  );
