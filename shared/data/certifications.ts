import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { now } from '../clock';
import type { Application } from '../domain/application';
import { toCtIso } from '../domain/calendar/time';
import { stillStands, type Certification } from '../domain/certification';
import { nameSuffixes, normalizeName } from '../domain/names';
import type { Provider } from '../domain/provider';
import type { CeStage, Region } from '../domain/vocabulary';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { getMany, namePrefixPage, queryAll, versionCondition } from './query';
import type { TransactItem } from './transactions';

/**
 * Certification aggregate at `CERTIFICATE#<number>`. Listed under the holder's current provider (gsi1, by name),
 * under the holder (gsi2), by expiry date (gsi3 `EXPIRY`) and by normalized holder name (gsi4 `HOLDER_NAMES`).
 * So that a surname (or a middle name) finds it too, one small name entry per later word-suffix of the name
 * (`CERTIFICATE#<number>`/`NAME#<suffix>`) is listed in gsi4 `HOLDER_NAMES` beside it, written with it; the name
 * changes only by ADS's legal name change (`renamedCertificateItems`), which rewrites the entries in the same
 * transaction.
 * Issuing a course certification twice is refused by a guard `PERSON#<sub>`/`ISSUED#<iteration>#<stage>`.
 */
export const providerCertificatesPartition = (providerId: string | undefined) =>
  `PROVIDER#${providerId ?? 'NONE'}#CERTIFICATES`;
const certificateKey = (number: string) => ({ pk: `CERTIFICATE#${number}`, sk: '#CERTIFICATE' });
const EXPIRY = 'EXPIRY';
const NAMES = 'HOLDER_NAMES';

/** The index attributes that follow from a certification: the one place they are derived. */
function indexAttributes(c: Certification) {
  const name = `${normalizeName(c.holderName)}#${c.number}`;
  return {
    gsi1pk: providerCertificatesPartition(c.providerId),
    gsi1sk: name,
    gsi2pk: `PERSON#${c.holderSub}`,
    gsi2sk: `CERTIFICATE#${c.stage}#${c.issuedOn}#${c.number}`,
    gsi3pk: EXPIRY,
    gsi3sk: `${c.expiresOn}#${c.number}`,
    // An anonymised holder's certification answers by its number only: no name search lists it.
    ...(c.holderAnonymisedAt ? {} : { gsi4pk: NAMES, gsi4sk: name }),
  };
}

/** The stored item of a certification, with its index attributes. */
export const toItem = (c: Certification) => ({
  ...certificateKey(c.number),
  type: 'certificate',
  ...c,
  ...indexAttributes(c),
});

export function fromItem(item: Record<string, unknown>): Certification {
  const {
    pk: _p,
    sk: _s,
    type: _t,
    gsi1pk: _1,
    gsi1sk: _2,
    gsi2pk: _3,
    gsi2sk: _4,
    gsi3pk: _5,
    gsi3sk: _6,
    gsi4pk: _7,
    gsi4sk: _8,
    ...cert
  } = item;
  return cert as unknown as Certification;
}

/** A certification's name entries: one per later word-suffix of the holder's name (the full name is on the item). */
const nameEntrySuffixes = (holderName: string) => nameSuffixes(holderName).slice(1);
const nameEntryKey = (number: string, suffix: string) => ({ pk: `CERTIFICATE#${number}`, sk: `NAME#${suffix}` });
const nameEntryPut = (number: string, suffix: string): TransactItem => ({
  Put: {
    TableName: TABLE_NAME,
    Item: {
      ...nameEntryKey(number, suffix),
      type: 'certificate-name',
      number,
      gsi4pk: NAMES,
      gsi4sk: `${suffix}#${number}`,
    },
  },
});

/**
 * A certification whose holder was anonymised: marked, out of the name index, its name entries deleted (the name
 * stays on the item, as the registry and the verification page show it). Conditioned on the version read.
 */
export function anonymisedCertificateItems(c: Certification, at: string): TransactItem[] {
  return [
    {
      Update: {
        TableName: TABLE_NAME,
        Key: certificateKey(c.number),
        UpdateExpression: 'SET holderAnonymisedAt = :at REMOVE gsi4pk, gsi4sk',
        ConditionExpression: '#version = :v',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':at': at, ':v': c.version },
      },
    },
    ...nameEntrySuffixes(c.holderName).map(
      (suffix): TransactItem => ({ Delete: { TableName: TABLE_NAME, Key: nameEntryKey(c.number, suffix) } }),
    ),
  ];
}

/** A new certification and its name entries (the full name is on the certification itself). */
export const newCertificateItems = (c: Certification): TransactItem[] => [
  {
    Put: {
      TableName: TABLE_NAME,
      Item: toItem({ ...c, updatedAt: c.createdAt }),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  ...nameEntrySuffixes(c.holderName).map((suffix) => nameEntryPut(c.number, suffix)),
];

/**
 * A certification whose holder's name changed: the item (its name index keys follow from it) and its name entries —
 * those of the new name put, those of the old name that no longer apply deleted — so the registry's name search finds
 * it by the new name only. For one transaction, conditioned on the version read.
 */
export function renamedCertificateItems(previous: Certification, next: Certification): TransactItem[] {
  const current = nameEntrySuffixes(next.holderName);
  const stale = nameEntrySuffixes(previous.holderName).filter((s) => !current.includes(s));
  return [
    saveCertificateItem(next, previous.version),
    ...current.map((suffix) => nameEntryPut(next.number, suffix)),
    ...stale.map(
      (suffix): TransactItem => ({ Delete: { TableName: TABLE_NAME, Key: nameEntryKey(next.number, suffix) } }),
    ),
  ];
}

/** Refused if this person was already issued this stage for this iteration: issuing twice is impossible. */
export const issuanceGuardItem = (c: Certification): TransactItem => ({
  Put: {
    TableName: TABLE_NAME,
    Item: {
      pk: `PERSON#${c.holderSub}`,
      sk: `ISSUED#${c.iterationId}#${c.stage}`,
      type: 'issuance-guard',
      number: c.number,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** A new certification; for a course certification, also its issuance guard. */
export const createCertificateItems = (c: Certification): TransactItem[] => [
  ...newCertificateItems(c),
  ...(c.source === 'course' ? [issuanceGuardItem(c)] : []),
];

/**
 * The next state of a certification, if nobody changed it since it was read. Every change goes through here, so
 * this is where its last-changed stamp is written: the request's instant (`now()`), as the history's are.
 */
export function saveCertificateItem(next: Certification, expectedVersion: number): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: toItem({ ...next, updatedAt: toCtIso(now()) }),
      ...versionCondition(expectedVersion),
    },
  };
}

/**
 * Certifications belong to the person and are listed under their current confirmed provider (or none), so they
 * follow the holder: where the membership is confirmed or changed, each of the holder's certifications listed
 * elsewhere is re-pointed — provider, its name and regions, and with them the provider index key — in the same
 * transaction as the change, each conditioned on the version read. The move is kept in each one's history.
 */
export function followHolderItems(
  held: Certification[],
  provider: Pick<Provider, 'id' | 'name' | 'regions'> | undefined,
  move: { at: string; by: string },
): { items: TransactItem[]; moved: string[] } {
  const elsewhere = held.filter((c) => c.providerId !== provider?.id);
  return {
    items: elsewhere.map((c) =>
      saveCertificateItem(
        {
          ...c,
          providerId: provider?.id,
          providerName: provider?.name,
          providerRegions: provider?.regions ?? [],
          history: [
            ...c.history,
            {
              at: move.at,
              action: 'provider-changed',
              reason: provider ? `listed under ${provider.name}` : 'listed under no provider',
              by: move.by,
            },
          ],
          version: c.version + 1,
        },
        c.version,
      ),
    ),
    moved: elsewhere.map((c) => c.number),
  };
}

export async function getCertificate(number: string): Promise<Certification | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: certificateKey(number), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

/** Several certifications by number (one BatchGetItem per 100); unknown numbers are left out. */
async function getCertificates(numbers: string[]): Promise<Map<string, Certification>> {
  return getMany(numbers, certificateKey, fromItem, (r) => r.number);
}

const queryCertificates = (input: QueryCommandInput) => queryAll(input, fromItem);

export const certificatesOfPerson = (sub: string) =>
  queryCertificates({
    TableName: TABLE_NAME,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :p AND begins_with(gsi2sk, :c)',
    ExpressionAttributeValues: { ':p': `PERSON#${sub}`, ':c': 'CERTIFICATE#' },
  });

export const certificatesOfProvider = (providerId: string) =>
  queryCertificates({
    TableName: TABLE_NAME,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p',
    ExpressionAttributeValues: { ':p': providerCertificatesPartition(providerId) },
  });

/** Certifications whose expiry date falls in [from, to] (YYYY-MM-DD, both inclusive), soonest first: gsi3 only. */
export const certificatesExpiringBetween = async (from: string, to: string) =>
  from > to
    ? []
    : queryCertificates({
        TableName: TABLE_NAME,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p AND gsi3sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': EXPIRY, ':from': `${from}#`, ':to': `${to}#~` },
      });

/**
 * Course certifications with no place in the credential status list (issued before credentials existed), a page at
 * a time: the expiry index (gsi3 `EXPIRY`, every certification) read page by page, the rest filtered out. For the
 * backfill job, never a request path.
 */
export async function* certificatesAwaitingStatus(pageSize = 100): AsyncGenerator<Certification[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p',
        FilterExpression: '#source = :course AND attribute_not_exists(statusIndex)',
        ExpressionAttributeNames: { '#source': 'source' },
        ExpressionAttributeValues: { ':p': EXPIRY, ':course': 'course' },
        Limit: pageSize,
        ExclusiveStartKey: start,
      }),
    );
    const certs = (page.Items ?? []).map(fromItem);
    if (certs.length > 0) yield certs;
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * How many of a provider's staff hold a certification active on `today` (YYYY-MM-DD): standing `issued` and not
 * yet at its expiry date (the filter form of `certificationState(...).active`). Several stages count once.
 */
export async function certifiedStaffCount(providerId: string, today: string): Promise<number> {
  const certs = await queryCertificates({
    TableName: TABLE_NAME,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p',
    FilterExpression: 'standing = :issued AND expiresOn > :today',
    ExpressionAttributeValues: {
      ':p': providerCertificatesPartition(providerId),
      ':issued': 'issued',
      ':today': today,
    },
  });
  return new Set(certs.map((c) => c.holderSub)).size;
}

/** Each person's soonest expiry among certifications that still stand. */
export async function soonestExpiries(subs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    [...new Set(subs)].map(async (sub) => {
      const dates = (await certificatesOfPerson(sub))
        .filter(stillStands)
        .map((c) => c.expiresOn)
        .sort();
      if (dates[0]) out.set(sub, dates[0]);
    }),
  );
  return out;
}

export interface RegistryFilter {
  providerId?: string;
  region?: Region;
  stage?: CeStage;
  namePrefix?: string;
  expiresFrom?: string;
  expiresTo?: string;
}

/** Whether a certification is active on `today` and matches the filter (the in-memory form of the filters below). */
function matches(c: Certification, filter: RegistryFilter, today: string): boolean {
  return (
    c.standing === 'issued' &&
    c.expiresOn > today &&
    (!filter.providerId || c.providerId === filter.providerId) &&
    (!filter.stage || c.stage === filter.stage) &&
    (!filter.region || c.providerRegions.includes(filter.region)) &&
    (!filter.expiresFrom || c.expiresOn >= filter.expiresFrom) &&
    (!filter.expiresTo || c.expiresOn <= filter.expiresTo)
  );
}

/**
 * A page of the holder-name index from `prefix` on: the certifications whose holder's name, or any later word of
 * it, starts with the prefix. Name entries point to their certification, read in one batch; the filter applies in
 * memory (a page may hold fewer than `limit` matches, as with a filter expression).
 */
async function searchByName(
  prefix: string,
  filter: RegistryFilter,
  today: string,
  cursor: string | undefined,
  limit: number,
) {
  const result = await namePrefixPage(NAMES, prefix, cursor, limit);
  const items = result.Items ?? [];
  const pointed = await getCertificates(
    items.filter((i) => i.type === 'certificate-name').map((i) => i.number as string),
  );
  // A name whose words repeat ("Ana Ana") can match twice on a page: list it once.
  const found = new Map<string, Certification>();
  for (const item of items) {
    const c = item.type === 'certificate-name' ? pointed.get(item.number as string) : fromItem(item);
    if (c && !found.has(c.number) && matches(c, filter, today)) found.set(c.number, c);
  }
  return { certificates: [...found.values()], cursor: encodeCursor(result.LastEvaluatedKey) };
}

/**
 * Active certifications matching the filter, a page at a time. The most selective key serves it: a name prefix
 * the holder-name index (gsi4, any word of the name), else a provider's partition (gsi1), else the expiry index
 * (gsi3, from tomorrow on, so only unexpired ones are read); the other criteria filter within it.
 */
export async function searchActive(filter: RegistryFilter, today: string, cursor: string | undefined, limit: number) {
  const prefix = filter.namePrefix ? normalizeName(filter.namePrefix) : undefined;
  if (prefix) return searchByName(prefix, filter, today, cursor, limit);
  const values: Record<string, unknown> = { ':issued': 'issued', ':today': today };
  const filters = ['standing = :issued', 'expiresOn > :today'];
  let index: 'gsi1' | 'gsi3';
  let partition: string;
  let keyCondition: string;
  if (filter.providerId) {
    index = 'gsi1';
    partition = providerCertificatesPartition(filter.providerId);
    keyCondition = 'gsi1pk = :p';
  } else {
    index = 'gsi3';
    partition = EXPIRY;
    const from = filter.expiresFrom && filter.expiresFrom > today ? `${filter.expiresFrom}#` : `${today}#~`;
    const to = `${filter.expiresTo ?? '9999-12-31'}#~`;
    // Nothing active can expire before tomorrow (and DynamoDB refuses an empty BETWEEN).
    if (to < from) return { certificates: [], cursor: undefined };
    keyCondition = 'gsi3pk = :p AND gsi3sk BETWEEN :from AND :to';
    values[':from'] = from;
    values[':to'] = to;
  }
  values[':p'] = partition;
  if (filter.stage) {
    filters.push('stage = :stage');
    values[':stage'] = filter.stage;
  }
  if (filter.region) {
    filters.push('contains(providerRegions, :region)');
    values[':region'] = filter.region;
  }
  if (index === 'gsi1' && filter.expiresFrom) {
    filters.push('expiresOn >= :expiresFrom');
    values[':expiresFrom'] = filter.expiresFrom;
  }
  if (index === 'gsi1' && filter.expiresTo) {
    filters.push('expiresOn <= :expiresTo');
    values[':expiresTo'] = filter.expiresTo;
  }
  const keys = { gsi1: ['gsi1pk', 'gsi1sk'], gsi3: ['gsi3pk', 'gsi3sk'] }[index];
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: index,
      KeyConditionExpression: keyCondition,
      FilterExpression: filters.join(' AND '),
      ExpressionAttributeValues: values,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { attributes: ['pk', 'sk', ...keys], partition: [keys[0]!, partition] }),
    }),
  );
  return { certificates: (result.Items ?? []).map(fromItem), cursor: encodeCursor(result.LastEvaluatedKey) };
}

// ---- course completions, by the provider the learner was enrolled from (for DDS's replacement-staff payments) ----

export interface Completion {
  providerId?: string;
  providerName?: string;
  applicationId: string;
  iterationId: string;
  iterationTitle: string;
  learnerSub: string;
  learnerName: string;
  enrolledAt: string;
  completedOn: string;
}

const completionsPartition = (providerId: string | undefined) => `COMPLETIONS#${providerId ?? 'NONE'}`;

export function completionItem(c: Completion): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        pk: completionsPartition(c.providerId),
        sk: `${c.completedOn}#${c.applicationId}`,
        type: 'completion',
        ...c,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export const completions = (providerId: string, from: string, to: string): Promise<Completion[]> =>
  queryAll({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :p AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':p': completionsPartition(providerId), ':from': `${from}#`, ':to': `${to}#~` },
  });

/** The completion an application led to, if any: one Query of its provider's completions since it was enrolled. */
export async function completionOf(
  application: Pick<Application, 'id' | 'providerId' | 'enrolledAt'>,
): Promise<{ pk: string; sk: string } | undefined> {
  if (!application.enrolledAt) return undefined;
  const [found] = await queryAll({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :p AND sk >= :from',
    FilterExpression: 'applicationId = :id',
    ExpressionAttributeValues: {
      ':p': completionsPartition(application.providerId),
      ':from': application.enrolledAt.slice(0, 10),
      ':id': application.id,
    },
    ProjectionExpression: 'pk, sk',
  });
  return found as { pk: string; sk: string } | undefined;
}

/** A completion whose learner was anonymised: DDS's payment record keeps the dates and provider, not the name. */
export const anonymisedCompletionItem = (key: { pk: string; sk: string }, name: string): TransactItem => ({
  Update: {
    TableName: TABLE_NAME,
    Key: key,
    UpdateExpression: 'SET learnerName = :name',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':name': name },
  },
});
