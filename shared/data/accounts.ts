import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountState } from '../domain/account';
import { dynamo, TABLE_NAME } from './client';
import { versionCondition } from './query';
import type { TransactItem } from './transactions';

/** A sign-in account's standing at `PERSON#<sub>`/`#ACCOUNT` (absent: enabled, never signed out everywhere). */
const accountKey = (sub: string) => ({ pk: `PERSON#${sub}`, sk: '#ACCOUNT' });

/**
 * Read on every signed-in request (one consistent GetItem of a small item), so a disabled account or an ended
 * session is refused from the moment it is recorded.
 */
export async function getAccountState(sub: string): Promise<AccountState | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: accountKey(sub), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  const { pk: _pk, sk: _sk, type: _t, ...state } = result.Item;
  return state as AccountState;
}

/** The new standing, if nobody changed it since it was read (`expectedVersion` 0: only if there was none). */
export function putAccountState(state: AccountState, expectedVersion: number): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: { ...accountKey(state.sub), type: 'account', ...state },
      ...versionCondition(expectedVersion),
    },
  };
}
