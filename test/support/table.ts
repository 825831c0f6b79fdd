import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/components';
import { dropTable, ensureTable } from '../../scripts/local/table';

const admin = () =>
  new DynamoDBClient({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });

/** Gives the test file its own table on the shared DynamoDB Local, created before and dropped after its tests. */
export function useTestTable(): void {
  const client = admin();
  beforeAll(async () => {
    await ensureTable(client, process.env.TABLE_NAME!);
  });
  afterAll(async () => {
    await dropTable(client, process.env.TABLE_NAME!);
    client.destroy();
  });
}
