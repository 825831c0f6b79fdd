import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, type CfnGlobalTable, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/data/table-design';
import { ROLES } from '../../shared/domain/vocabulary';
import { functionName } from '../concurrency';
import { CeFunction, type FunctionSettings } from '../constructs/ce-function';
import { TableBackup, type TableBackupProps } from '../constructs/table-backup';
import { PASSWORD_POLICY } from '../../shared/domain/password-policy';

export interface DataStackProps extends StackProps {
  functions: FunctionSettings;
  backup: Pick<TableBackupProps, 'retentionDays' | 'copyTo'>;
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
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
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
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { ...PASSWORD_POLICY, tempPasswordValidity: Duration.days(3) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
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

    this.userPoolClient = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });

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
