import { InvalidInput } from '../domain/errors';

type Key = Record<string, string | number>;

/** An opaque pagination cursor: the last evaluated key, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * Reads a cursor back, refusing anything this listing could not have produced (a cursor from another listing, or
 * a forged one): it must hold exactly the key attributes expected and stay inside the partition being listed.
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: { attributes: readonly string[]; partition: [string, string] },
): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new InvalidInput('The cursor is not valid for this listing.', [
      { field: 'cursor', code: 'invalid_cursor', message: 'Use the cursor from the previous page as given' },
    ]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  if (entries.length !== expected.attributes.length) throw invalid();
  for (const [name, value] of entries) {
    if (!expected.attributes.includes(name) || (typeof value !== 'string' && typeof value !== 'number'))
      throw invalid();
  }
  const [partitionAttribute, partitionValue] = expected.partition;
  if ((key as Key)[partitionAttribute] !== partitionValue) throw invalid();
  return key as Key;
}
