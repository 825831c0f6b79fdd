/**
 * The single table's key schema, shared by the CDK stack and the local/test table so they cannot drift.
 * Every item has `pk`/`sk`; four overloaded global secondary indexes serve the other access patterns
 * (see the README's access-pattern table):
 * - `gsi1` — a parent's children, listed in order (iterations by status, applications by iteration/status/region,
 *   providers by region, a provider's staff and certifications, notices);
 * - `gsi2` — everything of one person (applications, attendance, homework, certifications);
 * - `gsi3` — things due by date (offer deadlines, certification expiry, emails waiting to be sent);
 * - `gsi4` — certifications by holder's normalized name (registry name-prefix search), people by name and email,
 *   and applications to a recertification iteration still in play (`RECERT_UNDER_WAY`, sparse).
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const GSIS = [
  { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
] as const;

export type IndexName = (typeof GSIS)[number]['indexName'];

/** Epoch seconds after which DynamoDB may delete the item (idempotency records only). */
export const TTL_ATTRIBUTE = 'ttl';
