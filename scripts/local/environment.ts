import { LOCAL_CREDENTIALS, LOCAL_REGION } from './components';

export interface LocalEndpoints {
  tableName: string;
  dynamoEndpoint: string;
  sesEndpoint: string;
  /** The local S3 server (s3rver) holding the homework-files bucket. */
  s3Endpoint?: string;
  filesBucket?: string;
  cognitoEndpoint?: string;
  userPoolId?: string;
  staffClientId?: string;
  gatewayUrl?: string;
  /** Where email links point: the web app when it is served (it proxies the link and verify pages), else the gateway. */
  publicBaseUrl?: string;
}

/**
 * The environment the handlers read at cold start, pointed at the local components. In AWS the CDK stacks set the
 * same variables (the endpoint ones are simply absent there, so the SDK talks to AWS).
 */
export function configureEnvironment(local: LocalEndpoints): void {
  Object.assign(process.env, {
    TABLE_NAME: local.tableName,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: local.dynamoEndpoint,
    AWS_ENDPOINT_URL_SES: local.sesEndpoint,
    AWS_ENDPOINT_URL_S3: local.s3Endpoint ?? 'http://127.0.0.1:1',
    S3_FORCE_PATH_STYLE: 'true',
    FILES_BUCKET: local.filesBucket ?? 'ce-homework-files',
    ...(local.cognitoEndpoint ? { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: local.cognitoEndpoint } : {}),
    USER_POOL_ID: local.userPoolId ?? 'local_none',
    COGNITO_SUPPRESS_INVITES: 'true',
    // In-process tests have no Cognito: their staff claims name this client (`test/support/invoke.ts`).
    STAFF_CLIENT_ID: local.staffClientId ?? 'local-staff-client',
    PUBLIC_BASE_URL: local.publicBaseUrl ?? local.gatewayUrl ?? 'http://127.0.0.1:3000',
    SENDER_EMAIL: process.env.SENDER_EMAIL ?? 'CT CE Certification <ce-certification@ads.example.org>',
    ADS_NOTIFY_EMAILS: process.env.ADS_NOTIFY_EMAILS ?? 'ce-team@ads.example.org',
    DDS_NOTICE_RECIPIENTS: process.env.DDS_NOTICE_RECIPIENTS ?? 'ce-tracking@dds.example.org',
    // The issuer's signing key (in AWS a KMS key): generated into .local/ on first use, git-ignored.
    CREDENTIAL_SIGNING_KEY_FILE: process.env.CREDENTIAL_SIGNING_KEY_FILE ?? '.local/credential-signing-key.pem',
    // Seals the link tokens of emails waiting in the outbox (in AWS a KMS key): generated into .local/ on first use.
    LINK_SEAL_KEY_FILE: process.env.LINK_SEAL_KEY_FILE ?? '.local/link-seal-key',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_NAMESPACE: 'CeCertification',
    // Embedded metrics are CloudWatch's business; locally they would only clutter the console.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    POWERTOOLS_SERVICE_NAME: 'ce-certification',
  });
}
