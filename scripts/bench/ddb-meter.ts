import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Counts DynamoDB calls and estimates the capacity units they would cost in AWS. DynamoDB Local reports no
 * consumed capacity, so units are computed from item sizes the way DynamoDB bills them: reads in 4 KB units per
 * item (Get/BatchGet) or per query/scan page (summed sizes of the items examined), halved when eventually
 * consistent, doubled inside transactions; writes in 1 KB units per item (Put/Update/Delete, BatchWrite), doubled
 * inside transactions. Underestimates: a Query or Scan with a filter is billed for the items it examined, and an
 * Update for the item's size after it, while this sees only what is returned and the key (see `scanned`).
 */
export function itemSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + itemSize(v) + 1, 0);
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + itemSize(v), 0);
  if (typeof value === 'object')
    return (
      3 +
      Object.entries(value as Record<string, unknown>).reduce(
        (sum, [k, v]) => sum + Buffer.byteLength(k) + itemSize(v) + 1,
        0,
      )
    );
  return 0;
}
const topLevel = (item: Record<string, unknown>) =>
  Object.entries(item).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + itemSize(v), 0);
const readUnits = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
const writeUnits = (item: Record<string, unknown> | undefined) => Math.max(1, Math.ceil(topLevel(item ?? {}) / 1024));

export interface Meter {
  calls: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  scanned: number;
  reset(): void;
  stop(): void;
  total(): number;
}

export function meter(client: DynamoDBDocumentClient): Meter {
  const m = {
    calls: {} as Record<string, number>,
    readUnits: 0,
    writeUnits: 0,
    scanned: 0,
    reset() {
      m.calls = {};
      m.readUnits = 0;
      m.writeUnits = 0;
      m.scanned = 0;
    },
    total: () => Object.values(m.calls).reduce((a, b) => a + b, 0),
    stop: () => client.middlewareStack.remove('bench-meter'),
  };
  client.middlewareStack.add(
    ((next: (a: unknown) => Promise<unknown>, context: { commandName: string }) => async (args: unknown) => {
      const name = String(context.commandName).replace(/Command$/, '');
      m.calls[name] = (m.calls[name] ?? 0) + 1;
      const input = (args as { input: Record<string, any> }).input;
      const result = (await next(args)) as { output: Record<string, any> };
      const out = result.output ?? {};
      const consistent = input.ConsistentRead === true;
      if (name === 'GetItem') m.readUnits += readUnits(out.Item ? topLevel(out.Item) : 0, consistent);
      if (name === 'Query' || name === 'Scan') {
        m.scanned += Number(out.ScannedCount ?? 0);
        m.readUnits += readUnits(
          (out.Items ?? []).reduce((s: number, i: Record<string, unknown>) => s + topLevel(i), 0),
          consistent,
        );
      }
      if (name === 'BatchGetItem')
        for (const [table, items] of Object.entries(out.Responses ?? {}) as [string, Record<string, unknown>[]][])
          for (const i of items)
            m.readUnits += readUnits(topLevel(i), input.RequestItems?.[table]?.ConsistentRead === true);
      // Transactional reads cost twice a consistent read.
      if (name === 'TransactGetItems')
        for (const r of out.Responses ?? []) m.readUnits += 2 * readUnits(r.Item ? topLevel(r.Item) : 0, true);
      if (name === 'BatchWriteItem')
        for (const requests of Object.values(input.RequestItems ?? {}) as Record<string, any>[][])
          for (const r of requests) m.writeUnits += writeUnits(r.PutRequest?.Item ?? r.DeleteRequest?.Key);
      if (name === 'PutItem' || name === 'UpdateItem' || name === 'DeleteItem')
        m.writeUnits += writeUnits(input.Item ?? input.Key);
      if (name === 'TransactWriteItems') {
        for (const t of input.TransactItems ?? [])
          m.writeUnits += 2 * writeUnits(t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key ?? t.ConditionCheck?.Key);
      }
      return result;
    }) as never,
    { step: 'initialize', priority: 'high', name: 'bench-meter' },
  );
  return m;
}
