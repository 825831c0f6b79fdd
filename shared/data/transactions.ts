import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface CancellationReason {
  Code?: string;
  Item?: Record<string, unknown>;
}

const RETRYABLE = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
const ATTEMPTS = 6;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));

/**
 * Writes all items or none. If a condition fails, returns each item's cancellation reason (in item order) with the
 * item as it stood, so the caller can explain the refusal (stale version, seats already taken); use cases go
 * through `commit` (shared/use-cases/unit-of-work.ts), which reports refusals by the names of their writes.
 * A cancellation caused by a concurrent transaction on the same items, or by throttling, is retried with jittered
 * backoff (the SDK does not retry those); if it persists it is thrown, and the HTTP edge answers 409/429.
 */
export async function transact(
  items: TransactItem[],
): Promise<{ ok: true } | { ok: false; reasons: CancellationReason[] }> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
      // The document client does not unmarshall the items attached to cancellation reasons.
      const raw =
        (error as { CancellationReasons?: { Code?: string; Item?: Record<string, never> }[] }).CancellationReasons ??
        [];
      const reasons: CancellationReason[] = raw.map((r) => ({
        Code: r.Code,
        Item: r.Item ? unmarshall(r.Item) : undefined,
      }));
      if (reasons.some((r) => RETRYABLE.has(r.Code ?? ''))) {
        if (attempt >= ATTEMPTS) throw error;
        await pause(attempt);
        continue;
      }
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return { ok: false, reasons };
      throw error;
    }
  }
}
