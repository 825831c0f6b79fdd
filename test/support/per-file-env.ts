import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureEnvironment } from '../../scripts/local/environment';

// Each test file signs credentials with its own temporary key (created on first use).
process.env.CREDENTIAL_SIGNING_KEY_FILE = join(tmpdir(), `ce-test-key-${randomBytes(6).toString('hex')}.pem`);
// …and seals its outbox's link tokens with its own key.
process.env.LINK_SEAL_KEY_FILE = join(tmpdir(), `ce-test-seal-${randomBytes(6).toString('hex')}.key`);

// Runs before each test file's imports, so handlers read this file's own table name at their "cold start".
configureEnvironment({
  tableName: `test-${randomBytes(6).toString('hex')}`,
  dynamoEndpoint: process.env.TEST_DYNAMO_ENDPOINT ?? 'http://127.0.0.1:1',
  sesEndpoint: process.env.TEST_SES_ENDPOINT ?? 'http://127.0.0.1:1',
  s3Endpoint: process.env.TEST_S3_ENDPOINT,
});
process.env.POWERTOOLS_LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'SILENT';
