import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';
import type { TransactItem } from './transactions';

/**
 * A certificate's signed credential, kept beside it at `CERTIFICATE#<number>`/`CREDENTIAL` once signed, so the issuer's
 * key signs each credential once (one `kms:Sign`), not on every download. Nothing in the JWT changes with the
 * certificate's standing (that is the status list's job). It carries the holder's name and the certificate's status
 * entry as they were when signed: a legal name change reissues the credential (a new name and a new status entry), so
 * a kept JWT whose name or entry differs from the certificate's is not the current one and is signed again.
 */
export interface StoredCredential {
  jwt: string;
  holderName: string;
  /** The status-list entry the JWT names; absent on credentials kept before reissuing existed (the original one). */
  statusIndex?: number;
  signedAt: string;
}

const credentialKey = (number: string) => ({ pk: `CERTIFICATE#${number}`, sk: 'CREDENTIAL' });

export async function getStoredCredential(number: string): Promise<StoredCredential | undefined> {
  const out = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: credentialKey(number), ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  const { jwt, holderName, statusIndex, signedAt } = out.Item as StoredCredential;
  return { jwt, holderName, statusIndex, signedAt };
}

/** Whether a kept credential is the certificate's current one: its name and its status entry. */
export const isCurrentCredential = (
  stored: Pick<StoredCredential, 'holderName' | 'statusIndex'>,
  cert: { holderName: string; statusIndex?: number },
) => stored.holderName === cert.holderName && (stored.statusIndex ?? cert.statusIndex) === cert.statusIndex;

/**
 * Keeps a freshly signed credential. Two first downloads at once both sign; the first write wins and the other's JWT,
 * equally valid, is simply not kept. A stored one for another name or another status entry is replaced.
 */
export async function storeCredential(number: string, credential: StoredCredential): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...credentialKey(number), type: 'credential', ...credential },
        ConditionExpression:
          'attribute_not_exists(pk) OR holderName <> :name OR attribute_not_exists(statusIndex) OR statusIndex <> :index',
        ExpressionAttributeValues: { ':name': credential.holderName, ':index': credential.statusIndex ?? -1 },
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
}

/**
 * Forgets the kept credential, in the transaction that reissues it (a legal name change): the next download signs
 * the new one. Deleting nothing is not an error (a credential never downloaded was never kept).
 */
export const forgetCredentialItem = (number: string): TransactItem => ({
  Delete: { TableName: TABLE_NAME, Key: credentialKey(number) },
});
