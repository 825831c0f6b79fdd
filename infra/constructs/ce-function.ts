import { spawnSync } from 'node:child_process';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays, type CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { GSIS } from '../../shared/data/table-design';
import { ManagedPolicyRole } from './managed-policy-role';

/** What every function of the app shares, decided once in `infra/app.ts`. */
export interface FunctionSettings {
  /** Every log group is encrypted with this key and kept this long (the state records schedule). */
  logs: { key: IKey; retention: RetentionDays };
  /** Every function's errors alarm here (the sign-up trigger's too: a failing trigger leaves people without a role). */
  alarmTopic: ITopic;
  /**
   * Reserved concurrency per function name (see `infra/concurrency.ts`); undefined when the account's quota is too
   * low for reservations.
   */
  reservedConcurrency?: Record<string, number>;
}

/**
 * How a function is invoked, which decides where a failed invocation goes. A synchronous caller receives the error
 * itself, and Lambda never uses a dead-letter queue for such calls. An asynchronous event is retried by Lambda, then
 * kept in the dead-letter queue (its body is the original event, so it can be replayed as is).
 */
export type Invocation =
  | { type: 'synchronous'; caller: string }
  | { type: 'asynchronous'; deadLetterQueue: IQueue; retryAttempts: number; maxEventAge: Duration }
  /** Polled by Lambda from a stream: failures go to the event source mapping's on-failure destination. */
  | { type: 'stream'; source: string };

export interface CeFunctionProps extends FunctionSettings {
  /** Path from the project root, e.g. `functions/iterations/handler.ts`. */
  entry: string;
  description: string;
  /** The function's name in `ce:reservedConcurrency` and the bench: `api-<area>`, `job-<name>`, `post-confirmation`. */
  name: string;
  invocation: Invocation;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  /** Puts files the function reads beside its bundle (the docs page's assets, the certificate's fonts). */
  addFiles?: (outputDir: string) => void;
}

/** The DynamoDB actions a function may use; `bindTable` grants exactly these, never blanket read/write. */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem';

const WRITES: readonly TableAction[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

/** The project's root: `cdk` runs the app from the folder of `cdk.json`, and the tests run from it too. */
const ROOT = process.cwd();

/**
 * The function's code: its entry bundled by `bundleFunction` (`infra/bundling.ts`) on this machine, at synth, with
 * the project's own esbuild. The asset's hash is that of the bundle, so an unchanged bundle is not uploaded again.
 * CDK requires a container image for bundling; it is never used, because local bundling either succeeds or stops
 * the synth with esbuild's error.
 */
function bundledCode(entry: string, addFiles?: (outputDir: string) => void): Code {
  return Code.fromAsset(ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // CDK caches staged assets by source folder and serializable bundling options, which would be the same for
      // every function here: the entry, named in them, tells them apart (else all would get the first one's bundle).
      environment: { CE_ENTRY: entry },
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      local: {
        tryBundle(outputDir) {
          const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/bundle-function.ts', entry, outputDir], {
            cwd: ROOT,
            encoding: 'utf8',
          });
          if (run.status !== 0) throw new Error(`Bundling ${entry} failed:\n${run.stderr}${run.stdout}`);
          addFiles?.(outputDir);
          return true;
        },
      },
    },
  });
}

/**
 * Every Lambda of this project: Node.js 24 on arm64, bundled as `infra/bundling.ts` says (minified ESM with the AWS
 * SDK inside, source maps beside the bundle but read only when an unexpected error is logged), JSON logs in a log
 * group encrypted with the app's logs key and kept for the records period, tracing on, permissions in a
 * customer-managed policy of its own.
 */
export class CeFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: CeFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logs.retention,
      encryptionKey: props.logs.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role, allowed to write only to its own log group (rather than the managed basic-execution policy).
    const role = new ManagedPolicyRole(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const { invocation } = props;
    super(scope, id, {
      role,
      code: bundledCode(props.entry, props.addFiles),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrency?.[props.name],
      ...(invocation.type === 'asynchronous'
        ? {
            deadLetterQueue: invocation.deadLetterQueue,
            retryAttempts: invocation.retryAttempts,
            maxEventAge: invocation.maxEventAge,
          }
        : {}),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'ce-certification',
        POWERTOOLS_METRICS_NAMESPACE: 'CeCertification',
        ...props.environment,
      },
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: PutTraceSegments and PutTelemetryRecords take no resource-level permissions.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(logGroup.node.defaultChild as CfnLogGroup)}.Arn>:*]`,
      reason: "Log streams of this function's own log group.",
    });
    Validations.of(this).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC',
      reason:
        'SC-7, AC-4(21), AC-17: no VPC resources are reached. The function calls only AWS service endpoints (DynamoDB, SES, Cognito, CloudWatch, X-Ray) over TLS with SigV4-signed requests its IAM role scopes; a VPC would add NAT gateway or interface endpoint cost and network-interface setup to cold starts without putting a boundary on these calls.',
    });
    // An invocation that ended in an error (an unexpected failure, a timeout, a crash at cold start): one is enough
    // to look, since every expected refusal is an answer (4xx), not an error.
    new Alarm(scope, `${id}Errors`, {
      alarmDescription: `The ${props.name} function failed`,
      metric: this.metricErrors({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alarmTopic));
    if (invocation.type === 'stream') {
      Validations.of(this).acknowledge({
        id: 'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ',
        reason: `SI-2a, CA-7: polled from ${invocation.source}; a batch that keeps failing goes to the event source mapping's on-failure queue, which alarms (a function dead-letter queue applies to asynchronous invocations only).`,
      });
    }
    if (invocation.type === 'synchronous') {
      Validations.of(this).acknowledge({
        id: 'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ',
        reason: `SI-2a, CA-7: invoked synchronously by ${invocation.caller}, which receives the error itself; Lambda sends nothing to a dead-letter queue for synchronous invocations. The error also stays in the function's logs and traces.`,
      });
    }
  }

  /**
   * A function that emails seals the link tokens it queues and opens those it sends (`shared/email/link-seal.ts`):
   * Encrypt and Decrypt on that one key, nothing else.
   */
  grantLinkSeal(key: IKey): this {
    this.addEnvironment('LINK_SEAL_KMS_KEY_ID', key.keyArn);
    key.grant(this, 'kms:Encrypt', 'kms:Decrypt');
    return this;
  }

  /**
   * Grants only the listed table actions (on the table and its indexes) and sets TABLE_NAME. The table is encrypted
   * with a customer-managed key, which DynamoDB uses with the caller's permissions: the function may use that key
   * only through DynamoDB, and only to encrypt if it writes.
   */
  bindTable(table: ITableV2, actions: readonly TableAction[], tableKey: IKey): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (actions.length === 0) return this;
    this.addToRolePolicy(
      new PolicyStatement({
        actions: actions.map((a) => `dynamodb:${a}`),
        resources: [table.tableArn, ...GSIS.map((g) => `${table.tableArn}/index/${g.indexName}`)],
      }),
    );
    const writes = actions.some((a) => WRITES.includes(a));
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'kms:Decrypt',
          'kms:DescribeKey',
          ...(writes
            ? [
                'kms:Encrypt',
                'kms:ReEncryptFrom',
                'kms:ReEncryptTo',
                'kms:GenerateDataKey',
                'kms:GenerateDataKeyWithoutPlaintext',
              ]
            : []),
        ],
        resources: [tableKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    // Audit records are append-only: no function may change or delete one, whatever else it may do.
    if (writes) {
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
          resources: [table.tableArn],
          conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
        }),
      );
    }
    return this;
  }
}
