import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client';
import type { TransactItem } from './transactions';

/** ADS admitting a person to a recertification iteration (with a reason), at `ADMISSION#<iteration>`/`PERSON#<sub>`. */
const admissionKey = (iterationId: string, sub: string) => ({ pk: `ADMISSION#${iterationId}`, sk: `PERSON#${sub}` });

export function admitItem(iterationId: string, sub: string, reason: string, by: string, at: string): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: { ...admissionKey(iterationId, sub), type: 'admission', iterationId, sub, reason, by, at },
    },
  };
}

export async function isAdmitted(iterationId: string, sub: string): Promise<boolean> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: admissionKey(iterationId, sub), ProjectionExpression: 'pk' }),
  );
  return result.Item !== undefined;
}
