import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { nameSuffixes, normalizeEmail } from '../domain/names';
import type { Person } from '../domain/person';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { getMany, namePrefixPage, queryAll, versionCondition } from './query';
import type { TransactItem } from './transactions';

/**
 * Person aggregate: the profile at `PERSON#<sub>`/`#PROFILE`, listed under its provider's staff (gsi1) and under
 * its normalized email (gsi4 `PERSON_EMAIL#<email>`); one small name entry per word-suffix of the normalized name
 * (`PERSON#<sub>`/`NAME#<suffix>`, listed in gsi4 `PEOPLE_NAMES`), written in the same transaction as the profile,
 * so ADS finds a person by the start of any of their names.
 */
export const personKey = (sub: string) => ({ pk: `PERSON#${sub}`, sk: '#PROFILE' });
/** Staff of a provider, listed by membership (claimed/confirmed) in gsi1. */
const staffPartition = (providerId: string) => `PROVIDER#${providerId}#STAFF`;
const emailPartition = (email: string) => `PERSON_EMAIL#${normalizeEmail(email)}`;
const NAMES = 'PEOPLE_NAMES';
const nameKey = (sub: string, suffix: string) => ({ pk: `PERSON#${sub}`, sk: `NAME#${suffix}` });

export function personItem(person: Person) {
  return {
    ...personKey(person.sub),
    type: 'person',
    ...person,
    ...(person.providerId
      ? { gsi1pk: staffPartition(person.providerId), gsi1sk: `${person.membership}#${person.sub}` }
      : {}),
    gsi4pk: emailPartition(person.email),
    gsi4sk: `PERSON#${person.sub}`,
  };
}

function fromItem(item: Record<string, unknown>): Person {
  const { pk: _pk, sk: _sk, type: _t, gsi1pk: _g, gsi1sk: _s, gsi4pk: _e, gsi4sk: _f, ...person } = item;
  return person as unknown as Person;
}

export async function getPerson(sub: string): Promise<Person | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: personKey(sub), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

/** Several profiles by sub (one BatchGetItem per 100); unknown subs are left out. */
export async function getPeople(subs: string[]): Promise<Map<string, Person>> {
  return getMany(subs, personKey, fromItem, (r) => r.sub);
}

/** Put the profile, if nobody saved a newer version meanwhile (version 1: only if there was none). */
export function putPersonItem(person: Person, expectedVersion: number | undefined): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: personItem(person),
      ...versionCondition(expectedVersion),
    },
  };
}

/**
 * The profile and its name entries, kept in step: every entry of the name is put (idempotent, so profiles saved
 * before the entries existed get them on their next save), those of the previous name that no longer apply are
 * deleted. For the same transaction as any other write of the profile.
 */
export function savePersonItems(
  person: Person,
  previous: Pick<Person, 'name' | 'version'> | undefined,
): TransactItem[] {
  const current = nameSuffixes(person.name);
  const stale = previous ? nameSuffixes(previous.name).filter((s) => !current.includes(s)) : [];
  return [
    putPersonItem(person, previous?.version),
    ...current.map(
      (suffix): TransactItem => ({
        Put: {
          TableName: TABLE_NAME,
          Item: {
            ...nameKey(person.sub, suffix),
            type: 'person-name',
            sub: person.sub,
            gsi4pk: NAMES,
            gsi4sk: `${suffix}#${person.sub}`,
          },
        },
      }),
    ),
    ...stale.map((suffix): TransactItem => ({ Delete: { TableName: TABLE_NAME, Key: nameKey(person.sub, suffix) } })),
  ];
}

/**
 * People any of whose names starts with `prefix` (already normalized), a page of name entries at a time, in name
 * order. A person matched by two of their names (a repeated word) is listed once per page.
 */
export async function peopleByNamePrefix(prefix: string, cursor: string | undefined, limit: number) {
  const result = await namePrefixPage(NAMES, prefix, cursor, limit);
  const subs = [...new Set((result.Items ?? []).map((item) => item.sub as string))];
  const people = await getPeople(subs);
  return {
    people: subs.flatMap((sub) => (people.has(sub) ? [people.get(sub)!] : [])),
    cursor: encodeCursor(result.LastEvaluatedKey),
  };
}

/** People whose sign-in email is `email` (compared without case): normally one. */
export const peopleByEmail = (email: string): Promise<Person[]> =>
  queryAll(
    {
      TableName: TABLE_NAME,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :p',
      ExpressionAttributeValues: { ':p': emailPartition(email) },
    },
    fromItem,
  );

/** Confirms a claimed membership, if the person still claims that provider. */
export function confirmMembershipItem(sub: string, providerId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: personKey(sub),
      UpdateExpression:
        'SET membership = :confirmed, membershipConfirmedAt = :at, gsi1sk = :sk, #version = #version + :one',
      ConditionExpression: 'providerId = :provider',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: {
        ':confirmed': 'confirmed',
        ':at': at,
        ':sk': `confirmed#${sub}`,
        ':provider': providerId,
        ':one': 1,
      },
    },
  };
}

/** Makes a confirmed membership a claim again (ADS overturned the confirmation), if the person still names that provider. */
export function unconfirmMembershipItem(sub: string, providerId: string): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: personKey(sub),
      UpdateExpression:
        'SET membership = :claimed, gsi1sk = :sk, #version = #version + :one REMOVE membershipConfirmedAt',
      ConditionExpression: 'providerId = :provider AND membership = :confirmed',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: {
        ':claimed': 'claimed',
        ':confirmed': 'confirmed',
        ':sk': `claimed#${sub}`,
        ':provider': providerId,
        ':one': 1,
      },
    },
  };
}

/** A page of the people whose profile names this provider, claimed and confirmed members alike, confirmed first. */
export async function staffOfProvider(providerId: string, cursor: string | undefined, limit: number) {
  const partition = staffPartition(providerId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': partition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, {
        attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: ['gsi1pk', partition],
      }),
    }),
  );
  return { people: (result.Items ?? []).map(fromItem), cursor: encodeCursor(result.LastEvaluatedKey) };
}

/**
 * A person's profile and name entries deleted (conditioned on the version read), and a marker left with no personal
 * data (`PERSON#<sub>`/`#ANONYMISED`), so their records' histories can say the person was anonymised, and when.
 */
export function forgetPersonItems(person: Person, at: string): TransactItem[] {
  return [
    {
      Delete: {
        TableName: TABLE_NAME,
        Key: personKey(person.sub),
        ConditionExpression: '#version = :v',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':v': person.version },
      },
    },
    ...nameSuffixes(person.name).map(
      (suffix): TransactItem => ({ Delete: { TableName: TABLE_NAME, Key: nameKey(person.sub, suffix) } }),
    ),
    {
      Put: {
        TableName: TABLE_NAME,
        Item: { pk: `PERSON#${person.sub}`, sk: '#ANONYMISED', type: 'person-anonymised', anonymisedAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}
