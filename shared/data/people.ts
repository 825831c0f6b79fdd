import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Person } from '../domain/person';
import { dynamo, TABLE_NAME } from './client';
import { versionCondition } from './query';
import type { TransactItem } from './transactions';

/** Person aggregate: the profile at `PERSON#<sub>`/`#PROFILE`, listed under its provider's staff (gsi1). */
export const personKey = (sub: string) => ({ pk: `PERSON#${sub}`, sk: '#PROFILE' });
/** Staff of a provider, listed by membership (claimed/confirmed) in gsi1. */
const staffPartition = (providerId: string) => `PROVIDER#${providerId}#STAFF`;

export function personItem(person: Person) {
  return {
    ...personKey(person.sub),
    type: 'person',
    ...person,
    ...(person.providerId
      ? { gsi1pk: staffPartition(person.providerId), gsi1sk: `${person.membership}#${person.sub}` }
      : {}),
  };
}

function fromItem(item: Record<string, unknown>): Person {
  const { pk: _pk, sk: _sk, type: _t, gsi1pk: _g, gsi1sk: _s, ...person } = item;
  return person as unknown as Person;
}

export async function getPerson(sub: string): Promise<Person | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: personKey(sub), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
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
