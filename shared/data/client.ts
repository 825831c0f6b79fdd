import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config/runtime';

/**
 * One client per container, created at cold start. Timeouts are short so a stuck call becomes a clean 503 well
 * inside the API's 30 s limit; the SDK's standard retries (with backoff) absorb brief throttling.
 * Locally `AWS_ENDPOINT_URL_DYNAMODB` points the same code at DynamoDB Local.
 */
export const dynamo = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    maxAttempts: 4,
    requestHandler: { requestTimeout: 3000, connectionTimeout: 1000, throwOnRequestTimeout: true },
  }),
  { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
);

export const TABLE_NAME = config.tableName;
