import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface CancellationReason {
  Code?: string;
  Item?: Record<string, unknown>;
}

/**
 * Writes all items or none. If a condition fails, returns which items refused (by their position) and the item as
 * it stood, so the caller can explain the refusal (stale version, seats already taken) instead of a bare 409.
 * Conflicts with a concurrent transaction and throttling are thrown for the caller's retry policy or the HTTP layer.
 */
export async function transact(items: TransactItem[], token?: string): Promise<{ ok: true } | { ok: false; reasons: CancellationReason[] }> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token }));
    return { ok: true };
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') {
      // The document client does not unmarshall the items attached to cancellation reasons.
      const raw = (error as { CancellationReasons?: { Code?: string; Item?: Record<string, never> }[] }).CancellationReasons ?? [];
      const reasons: CancellationReason[] = raw.map((r) => ({ Code: r.Code, Item: r.Item ? unmarshall(r.Item) : undefined }));
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed') && reasons.every((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'None')) {
        return { ok: false, reasons };
      }
    }
    throw error;
  }
}

export const failedAt = (reasons: CancellationReason[], index: number): boolean => reasons[index]?.Code === 'ConditionalCheckFailed';
