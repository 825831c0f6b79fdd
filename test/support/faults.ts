import { dynamo } from '../../shared/data/client';

/**
 * Faults DynamoDB Local never produces, injected at the SDK: transaction conflicts (as DynamoDB reports them: a
 * cancelled transaction with `TransactionConflict` reasons), throttling, and timeouts. The middleware sits inside
 * the SDK's retry loop, so the SDK's own retries see them exactly as they would see the real ones.
 */
export interface FaultRates {
  transactionConflict?: number;
  throttle?: number;
  timeout?: number;
  /** Stop injecting after this many faults (e.g. a burst of throttling that the SDK's retries absorb). */
  limit?: number;
}

export function injectFaults(
  rates: FaultRates,
  random: () => number = Math.random,
): { stop: () => void; injected: Record<string, number> } {
  const injected = { transactionConflict: 0, throttle: 0, timeout: 0 };
  const name = `fault-injection-${Math.random()}`;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (
        rates.limit !== undefined &&
        injected.transactionConflict + injected.throttle + injected.timeout >= rates.limit
      )
        return next(args);
      const input = (args as { input: { TransactItems?: unknown[] } }).input;
      if (context.commandName === 'TransactWriteItemsCommand' && random() < (rates.transactionConflict ?? 0)) {
        injected.transactionConflict++;
        throw Object.assign(
          new Error(
            'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
          ),
          {
            name: 'TransactionCanceledException',
            $metadata: { httpStatusCode: 400 },
            CancellationReasons: (input.TransactItems ?? []).map(() => ({
              Code: 'TransactionConflict',
              Message: 'Transaction is ongoing for the item',
            })),
          },
        );
      }
      if (random() < (rates.throttle ?? 0)) {
        injected.throttle++;
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ThrottlingException',
          $metadata: { httpStatusCode: 400 },
          $retryable: { throttling: true },
        });
      }
      if (random() < (rates.timeout ?? 0)) {
        injected.timeout++;
        throw Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError', $metadata: {} });
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name },
  );
  return { stop: () => dynamo.middlewareStack.remove(name), injected };
}

/** A small seeded generator, so a failing randomized run can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
