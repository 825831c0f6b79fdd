import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';

/**
 * A certificate's signed credential, kept beside it at `CERTIFICATE#<number>`/`CREDENTIAL` once signed, so the issuer's
 * key signs each credential once (one `kms:Sign`), not on every download. Nothing in the JWT changes with the
 * certificate's standing (that is the status list's job); it carries the holder's name as the certificate does, so a
 * stored JWT whose name differs from the certificate's is signed again.
 */
export interface StoredCredential {
  jwt: string;
  holderName: string;
  signedAt: string;
}

const credentialKey = (number: string) => ({ pk: `CERTIFICATE#${number}`, sk: 'CREDENTIAL' });

export async function getStoredCredential(number: string): Promise<StoredCredential | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: credentialKey(number) }));
  if (!out.Item) return undefined;
  const { jwt, holderName, signedAt } = out.Item as StoredCredential;
  return { jwt, holderName, signedAt };
}

/**
 * Keeps a freshly signed credential. Two first downloads at once both sign; the first write wins and the other's JWT,
 * equally valid, is simply not kept. A stored one for another name is replaced.
 */
export async function storeCredential(number: string, credential: StoredCredential): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...credentialKey(number), type: 'credential', ...credential },
        ConditionExpression: 'attribute_not_exists(pk) OR holderName <> :name',
        ExpressionAttributeValues: { ':name': credential.holderName },
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
}
