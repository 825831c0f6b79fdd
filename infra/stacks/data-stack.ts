import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, type CfnGlobalTable, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  UserPool,
  UserPoolEmail,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { SESSION_HOURS } from '../../shared/config/session';
import { GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/data/table-design';
import { ROLES } from '../../shared/domain/vocabulary';
import { functionName } from '../concurrency';
import { CeFunction, type FunctionSettings } from '../constructs/ce-function';
import { TableBackup, type TableBackupProps } from '../constructs/table-backup';
import { PASSWORD_POLICY } from '../../shared/domain/password-policy';

export interface DataStackProps extends StackProps {
  functions: FunctionSettings;
  backup: Pick<TableBackupProps, 'retentionDays' | 'copyTo'>;
  /**
   * Cognito's own emails (sign-up and reset codes, staff invitations) go through SES from the project's sender and
   * configuration set, not from Cognito's default address and its 50-a-day quota.
   */
  email: { from: string; configurationSetName: string };
}

/**
 * Stateful resources, in their own stack: the single table (encrypted with a customer-managed key, backed up daily)
 * and the user pool. Both are retained if the stack is deleted. Their logical ids must never change (a test pins
 * them): changing one replaces the resource and its data.
 */
export class DataStack extends Stack {
  readonly table: TableV2;
  /** The table's customer-managed key; functions that use the table need it too (see `CeFunction.bindTable`). */
  readonly tableKey: Key;
  /** Seals the link tokens of emails waiting in the outbox (`shared/email/link-seal.ts`); only senders may use it. */
  readonly linkSealKey: Key;
  readonly userPool: UserPool;
  /** Applicants' sign-in (a day's session). */
  readonly userPoolClient: UserPoolClient;
  /** Staff sign-in (ADS, DDS): sessions of at most 8 hours; the API refuses a staff token from any other client. */
  readonly staffClient: UserPoolClient;
  readonly backup: TableBackup;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    // Rotated yearly by KMS, which keeps the earlier key material: nothing needs re-encrypting.
    this.tableKey = new Key(this, 'TableKey', {
      enableKeyRotation: true,
      description: 'Encrypts the CE certification table (personal data of applicants, learners and staff)',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // DynamoDB checks the key's state with its service principal; using the key for data goes through callers' roles.
    this.tableKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DynamoDBReadsKeyMetadata',
        principals: [new ServicePrincipal('dynamodb.amazonaws.com')],
        actions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
        resources: ['*'],
      }),
    );

    // Pending emails' link tokens are encrypted under it, so the table and its backups hold no working link. Kept on
    // stack deletion: an email still waiting could not be opened without it.
    this.linkSealKey = new Key(this, 'LinkSealKey', {
      enableKeyRotation: true,
      description: 'Seals the link tokens of emails waiting in the outbox; only the functions that send email use it',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: GSIS.map((g) => ({
        indexName: g.indexName,
        partitionKey: { name: g.partitionKey, type: AttributeType.STRING },
        sortKey: { name: g.sortKey, type: AttributeType.STRING },
      })),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // New and old images: the audit archive (`CeJobs`) copies each audit record, and keeps any change to one.
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    encryptWithCustomerKey(this.table, this.tableKey);
    this.backup = new TableBackup(this, 'TableBackup', {
      table: this.table,
      tableKey: this.tableKey,
      ...props.backup,
    });

    // One pool for everyone, MFA (authenticator app) required for everyone: Cognito sets MFA per pool, one pool keeps
    // one issuer for the API's single JWT authorizer, and applicant accounts also control seats and agreements.
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // A changed email takes effect only once the new address is verified: until then the account keeps (and
      // signs in with, and its tokens carry) the verified one.
      keepOriginal: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { ...PASSWORD_POLICY, tempPasswordValidity: Duration.days(3) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      email: UserPoolEmail.withSES({
        fromEmail: props.email.from,
        fromName: 'CT Customized Employment certification',
        configurationSetName: props.email.configurationSetName,
        sesRegion: this.region,
        // The same identity the functions send from: the sender's domain, verified in SES (see README, "Deploying").
        sesVerifiedDomain: props.email.from.split('@')[1],
      }),
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const rule of ['AwsSolutions-COG3', 'AwsSolutions-COG8']) {
      Validations.of(this.userPool).acknowledge({
        id: `AwsSolutions::${rule}`,
        reason:
          'Threat protection (advanced security) needs the Cognito Plus feature plan; MFA is required for every account instead. A cost decision for ADS, recorded in the README.',
      });
    }

    for (const group of ROLES) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: `Role: ${group}`,
      });
    }

    // No OAuth flows (no hosted UI, no callback URLs): both apps sign in with SRP. `email_verified` is not writable
    // by either client (only Cognito sets it, when the code sent to the address is entered).
    const appClient = (id: string, sessionHours: number) =>
      this.userPool.addClient(id, {
        authFlows: { userSrp: true },
        disableOAuth: true,
        preventUserExistenceErrors: true,
        writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.hours(sessionHours),
      });
    this.userPoolClient = appClient('WebClient', SESSION_HOURS.applicant);
    this.staffClient = appClient('StaffClient', SESSION_HOURS.staff);

    const postConfirmation = new CeFunction(this, 'PostConfirmation', {
      ...props.functions,
      name: functionName.postConfirmation,
      entry: 'functions/accounts/post-confirmation.ts',
      description: 'Puts people who signed themselves up in the applicant group',
      memorySize: 256,
      invocation: { type: 'synchronous', caller: 'Cognito (the post-confirmation trigger of sign-up)' },
    });
    // The pool's ARN cannot be referenced here without a dependency cycle (pool → trigger → policy → pool).
    postConfirmation.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:AdminAddUserToGroup'],
        resources: [Stack.of(this).formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: '*' })],
      }),
    );
    Validations.of(postConfirmation.role!).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cognito-idp:<AWS::Region>:<AWS::AccountId>:userpool/*]',
      reason: 'The trigger cannot name its own pool without a dependency cycle; it may only add users to groups.',
    });
    this.userPool.addTrigger(UserPoolOperation.POST_CONFIRMATION, postConfirmation);
  }
}

/**
 * Encrypts a single-region TableV2 with a customer-managed key. TableV2 refuses a customer-managed key in a
 * region-agnostic stack (it cannot tell which replica is local), and this app's stacks are region-agnostic; this table
 * has exactly one replica, in the deployment region, so the key goes on it. The template is the one TableV2 renders in
 * a stack with a region. Switching an existing table's key is an in-place update: the table stays available.
 */
function encryptWithCustomerKey(table: TableV2, key: Key) {
  const resource = table.node.defaultChild as CfnGlobalTable;
  resource.addPropertyOverride('SSESpecification', { SSEEnabled: true, SSEType: 'KMS' });
  resource.addPropertyOverride('Replicas.0.SSESpecification.KMSMasterKeyId', key.keyArn);
}
