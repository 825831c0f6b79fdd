import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ALL_FUNCTION_NAMES,
  functionName,
  peakRequestsPerSecond,
  planReservedConcurrency,
  reservationFor,
  SIZING,
  UNRESERVED_MINIMUM,
} from '../../infra/concurrency';
import { AREA_ACCESS } from '../../infra/areas';
import { productionProblems, readConfig, readWebConfig } from '../../infra/config';
import { CredentialSigningKey } from '../../infra/constructs/credential-signing-key';
import { BackupCopyStack } from '../../infra/stacks/backup-copy-stack';
import { ALL_ROUTES, API_AREAS } from '../../shared/http/routes';
import { JOBS } from '../../shared/jobs/catalog';
import { CDK_CONTEXT, synth, apiIdPrefix } from './synth';

const app = synth();
const reserved = CDK_CONTEXT['ce:reservedConcurrency'] as Record<string, number>;
const templates = () => [app.ops, app.data, app.files, app.api, app.web, app.waf, app.jobs, app.audit];

type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Principal?: unknown;
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};
const actions = (s: Statement) => [s.Action].flat();
const resources = (t: Template, type: string) => Object.entries(t.findResources(type));
const keyStatements = (t: Template, keyId: string): Statement[] =>
  t.findResources('AWS::KMS::Key')[keyId]!.Properties.KeyPolicy.Statement;
const logicalId = (t: Template, type: string, prefix: string) => {
  const ids = resources(t, type)
    .map(([id]) => id)
    .filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const rootStatement = {
  Effect: 'Allow',
  Action: 'kms:*',
  Principal: {
    AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] },
  },
  Resource: '*',
};
const regional = (service: string) => ({ 'Fn::Join': ['', [`${service}.`, { Ref: 'AWS::Region' }, '.amazonaws.com']] });

describe('customer-managed keys', () => {
  it('every key rotates, and only the account root (which delegates to IAM) gets every action', () => {
    for (const t of templates()) {
      for (const [id, key] of resources(t, 'AWS::KMS::Key')) {
        // The one exception, asserted below: KMS cannot rotate an asymmetric key.
        const rotates = key.Properties.KeySpec === undefined || key.Properties.KeySpec === 'SYMMETRIC_DEFAULT';
        expect([id, key.Properties.EnableKeyRotation]).toEqual([id, rotates]);
        const statements = key.Properties.KeyPolicy.Statement as Statement[];
        expect(statements[0]).toEqual(rootStatement);
        for (const s of statements.slice(1))
          expect([id, actions(s)]).toEqual([id, expect.not.arrayContaining(['kms:*'])]);
      }
    }
  });

  it('the issuer signing key is asymmetric P-256, kept, and only the credentials function may sign or read its public half', () => {
    const keyId = logicalId(app.api, 'AWS::KMS::Key', 'CredentialSigningKey');
    const [, key] = resources(app.api, 'AWS::KMS::Key').find(([id]) => id === keyId)!;
    expect(key.Properties).toMatchObject({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      EnableKeyRotation: false,
    });
    expect(key.DeletionPolicy).toBe('Retain');
    // The root's delegation to IAM (the account administers the key), and a Deny of kms:Sign to every principal but
    // the credentials function's role: an administrator's kms:*, another IAM policy or a grant cannot sign.
    const signer = logicalId(app.api, 'AWS::IAM::Role', 'ApicredentialsRole');
    expect(keyStatements(app.api, keyId)).toEqual([
      rootStatement,
      {
        Sid: 'OnlyTheCredentialsFunctionSigns',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:Sign',
        Resource: '*',
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': arnOf(signer) } },
      },
    ]);
    app.api.hasResourceProperties('AWS::Lambda::Function', {
      Role: arnOf(signer),
      Environment: { Variables: Match.objectLike({ CREDENTIAL_KMS_KEY_ID: arnOf(keyId) }) },
    });
    const granted = resources(app.api, 'AWS::IAM::ManagedPolicy').flatMap(([id, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Statement[])
        .filter((s) => JSON.stringify(s.Resource).includes(keyId))
        .map((s) => [id.replace(/Role.*$/, ''), actions(s).sort()]),
    );
    expect(granted).toEqual([['Apicredentials', ['kms:GetPublicKey', 'kms:Sign']]]);
  });

  it('the signing key has one signer: a second grant would be denied by the first, so it is refused at synth', () => {
    const stack = new Stack(new App(), 'SigningKeyAlone');
    const signingKey = new CredentialSigningKey(stack, 'SigningKey');
    const role = (name: string) => new Role(stack, name, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    signingKey.grantSigning(role('First'));
    expect(() => signingKey.grantSigning(role('Second'))).toThrow(/one signer/);
  });

  it('the table is encrypted with its own key, which DynamoDB may only describe by itself', () => {
    const keyId = logicalId(app.data, 'AWS::KMS::Key', 'TableKey');
    app.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ SSESpecification: { KMSMasterKeyId: arnOf(keyId) } })],
    });
    expect(keyStatements(app.data, keyId).slice(1)).toEqual([
      {
        Sid: 'DynamoDBReadsKeyMetadata',
        Effect: 'Allow',
        Principal: { Service: 'dynamodb.amazonaws.com' },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
        Resource: '*',
      },
    ]);
  });

  it('each function may use the table key only through DynamoDB, and only to encrypt if it writes', () => {
    const policies = resources(app.api, 'AWS::IAM::ManagedPolicy');
    for (const area of API_AREAS) {
      const [, policy] = policies.find(([id]) => id.startsWith(`${apiIdPrefix(area)}Role`))!;
      // The table key's statements (the signing-key and link-seal grants are asserted on their own).
      const kms = (policy.Properties.PolicyDocument.Statement as Statement[]).filter(
        (s) =>
          actions(s).some((a) => a.startsWith('kms:')) &&
          !/CredentialSigningKey|LinkSealKey/.test(JSON.stringify(s.Resource)),
      );
      if (AREA_ACCESS[area].table.length === 0) {
        expect([area, kms]).toEqual([area, []]);
        continue;
      }
      expect(kms).toHaveLength(1);
      expect(kms[0]!.Condition).toEqual({ StringEquals: { 'kms:ViaService': regional('dynamodb') } });
      expect(JSON.stringify(kms[0]!.Resource)).toMatch(/TableKey/);
      const writes = AREA_ACCESS[area].table.some((a) => ['PutItem', 'UpdateItem', 'DeleteItem'].includes(a));
      expect([area, actions(kms[0]!).includes('kms:Encrypt')]).toEqual([area, writes]);
    }
  });

  it('every log group is encrypted with the logs key and kept for the records period', () => {
    const retention = CDK_CONTEXT['ce:logRetentionDays'];
    const keyId = logicalId(app.ops, 'AWS::KMS::Key', 'LogsKey');
    for (const t of [app.data, app.api, app.web, app.jobs]) {
      const groups = resources(t, 'AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThan(0);
      for (const [id, group] of groups) {
        expect([id, group.Properties.RetentionInDays]).toEqual([id, retention]);
        expect([id, JSON.stringify(group.Properties.KmsKeyId)]).toEqual([id, expect.stringContaining(keyId)]);
      }
    }
    expect(resources(app.api, 'AWS::Logs::LogGroup')).toHaveLength(API_AREAS.length + 1);
  });

  it('the logs key lets CloudWatch Logs use it for this account and region only', () => {
    const statements = keyStatements(app.ops, logicalId(app.ops, 'AWS::KMS::Key', 'LogsKey')).slice(1);
    expect(statements).toEqual([
      expect.objectContaining({
        Principal: { Service: regional('logs') },
        Action: expect.arrayContaining(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']),
        Condition: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':logs:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':log-group:*',
                ],
              ],
            },
          },
        },
      }),
    ]);
  });
});

describe('alarms reach the encrypted topic', () => {
  it('the topic key lets CloudWatch make data keys for topics of this account, nothing more', () => {
    const keyId = logicalId(app.ops, 'AWS::KMS::Key', 'AlarmTopicKey');
    app.ops.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: arnOf(keyId) });
    const statements = keyStatements(app.ops, keyId).slice(1);
    expect(statements).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: {
          ArnLike: {
            'kms:EncryptionContext:aws:sns:topicArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':sns:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':*',
                ],
              ],
            },
          },
        },
      }),
    ]);
  });

  it("the topic's policy lets CloudWatch alarms of this account publish, over TLS only", () => {
    const [, policy] = resources(app.ops, 'AWS::SNS::TopicPolicy')[0]!;
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          ArnLike: { 'aws:SourceArn': expect.anything() },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it("every function of the app has an Errors alarm on it (the sign-up trigger's included)", () => {
    for (const t of templates()) {
      const alarmed = resources(t, 'AWS::CloudWatch::Alarm')
        .filter(([, a]) => a.Properties.MetricName === 'Errors' && a.Properties.Namespace === 'AWS/Lambda')
        .map(([, a]) => JSON.stringify(a.Properties.Dimensions));
      // CDK's own helper functions (bucket deployment, log retention, auto-delete) are not the app's: they have no
      // CE_ENTRY-built code and no POWERTOOLS_SERVICE_NAME.
      const ours = resources(t, 'AWS::Lambda::Function').filter(
        ([, f]) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'ce-certification',
      );
      for (const [id] of ours) expect([id, alarmed.some((d) => d.includes(`"Ref":"${id}"`))]).toEqual([id, true]);
    }
    expect(resources(app.data, 'AWS::CloudWatch::Alarm').map(([id]) => id)).toContainEqual(
      expect.stringMatching(/^PostConfirmationErrors/),
    );
  });

  it('every alarm notifies the topic', () => {
    for (const t of templates())
      for (const [id, alarm] of resources(t, 'AWS::CloudWatch::Alarm'))
        expect([id, JSON.stringify(alarm.Properties.AlarmActions)]).toEqual([id, expect.stringMatching(/AlarmTopic/)]);
  });
});

describe('failed jobs reach the encrypted dead-letter queue', () => {
  const queueId = () => logicalId(app.jobs, 'AWS::SQS::Queue', 'JobDeadLetters');
  const keyId = () => logicalId(app.jobs, 'AWS::KMS::Key', 'JobDeadLettersKey');
  const roleIds = () => resources(app.jobs, 'AWS::IAM::Role').map(([id]) => id);

  it('the queue is encrypted with its own key', () => {
    app.jobs.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: arnOf(keyId()) });
  });

  it("the key lets the scheduler's role and each job's role (the senders) encrypt, through SQS only", () => {
    const statements = keyStatements(app.jobs, keyId()).slice(1);
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement!.Action).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
    expect(statement!.Condition).toEqual({ StringEquals: { 'kms:ViaService': regional('sqs') } });
    const principals = (statement!.Principal as { AWS: unknown[] }).AWS;
    expect(principals).toEqual(expect.arrayContaining(roleIds().map(arnOf)));
    expect(principals).toHaveLength(JOBS.length + 1);
    expect(roleIds()).toContain(logicalId(app.jobs, 'AWS::IAM::Role', 'SchedulerRole'));
  });

  it('the scheduler (with its role) and Lambda (with the job roles) may send to the queue', () => {
    const policies = resources(app.jobs, 'AWS::IAM::ManagedPolicy');
    expect(policies).toHaveLength(JOBS.length + 1);
    for (const [id, policy] of policies) {
      const sends = (policy.Properties.PolicyDocument.Statement as Statement[]).filter((s) =>
        actions(s).includes('sqs:SendMessage'),
      );
      expect([id, sends.map((s) => s.Resource)]).toEqual([id, [arnOf(queueId())]]);
    }
    const schedulerRole = logicalId(app.jobs, 'AWS::IAM::Role', 'SchedulerRole');
    for (const [, schedule] of resources(app.jobs, 'AWS::Scheduler::Schedule'))
      expect(schedule.Properties.Target).toMatchObject({
        RoleArn: arnOf(schedulerRole),
        DeadLetterConfig: { Arn: arnOf(queueId()) },
      });
  });

  it('job functions (invoked asynchronously by the scheduler) retry twice, then go to the queue; API functions have none', () => {
    for (const [id, fn] of resources(app.jobs, 'AWS::Lambda::Function'))
      expect([id, fn.Properties.DeadLetterConfig]).toEqual([id, { TargetArn: arnOf(queueId()) }]);
    const configs = resources(app.jobs, 'AWS::Lambda::EventInvokeConfig').map(([, c]) => c.Properties);
    expect(configs).toHaveLength(JOBS.length);
    for (const c of configs) expect(c).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 });
    for (const [id, fn] of resources(app.api, 'AWS::Lambda::Function'))
      expect([id, fn.Properties.DeadLetterConfig]).toEqual([id, undefined]);
  });
});

describe('backups of the table', () => {
  const tableId = 'TableCD117FA1';

  it('a daily plan keeps each backup for ce:backupRetentionDays, in a vault with its own key, undeletable by hand', () => {
    const vaultKey = logicalId(app.data, 'AWS::KMS::Key', 'TableBackupVaultKey');
    expect(vaultKey).not.toMatch(/^TableKey/);
    app.data.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        EncryptionKeyArn: arnOf(vaultKey),
        AccessPolicy: {
          Version: '2012-10-17',
          Statement: [Match.objectLike({ Effect: 'Deny', Action: Match.arrayWith(['backup:DeleteRecoveryPoint']) })],
        },
      }),
    });
    const [, plan] = resources(app.data, 'AWS::Backup::BackupPlan')[0]!;
    expect(plan.Properties.BackupPlan.BackupPlanRule).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'cron(0 5 * * ? *)',
        Lifecycle: { DeleteAfterDays: CDK_CONTEXT['ce:backupRetentionDays'] },
        TargetBackupVault: {
          'Fn::GetAtt': [logicalId(app.data, 'AWS::Backup::BackupVault', 'TableBackupVault'), 'BackupVaultName'],
        },
      }),
    ]);
    expect(plan.Properties.BackupPlan.BackupPlanRule[0].CopyActions).toBeUndefined();
  });

  it('selects the table, with a role that may use the table key and the vault key', () => {
    const role = logicalId(app.data, 'AWS::IAM::Role', 'TableBackupRole');
    app.data.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: { Resources: [arnOf(tableId)], IamRoleArn: arnOf(role) },
    });
    const [, policy] = resources(app.data, 'AWS::IAM::ManagedPolicy').find(([id]) => id.startsWith('TableBackupRole'))!;
    const keys = (policy.Properties.PolicyDocument.Statement as Statement[]).find((s) =>
      actions(s).includes('kms:Decrypt'),
    )!;
    expect(keys.Resource).toEqual([
      arnOf(logicalId(app.data, 'AWS::KMS::Key', 'TableKey')),
      arnOf(logicalId(app.data, 'AWS::KMS::Key', 'TableBackupVaultKey')),
    ]);
    app.data.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'backup.amazonaws.com' } })],
      },
    });
  });
});

describe('reserved concurrency', () => {
  it('every function reserves its ce:reservedConcurrency', () => {
    const functions = [app.data, app.files, app.api, app.jobs, app.audit].flatMap((t) =>
      resources(t, 'AWS::Lambda::Function'),
    );
    expect(functions).toHaveLength(ALL_FUNCTION_NAMES.length);
    const byLogicalId = (prefix: string) => functions.find(([id]) => id.startsWith(prefix))![1];
    for (const area of API_AREAS)
      expect([area, byLogicalId(apiIdPrefix(area)).Properties.ReservedConcurrentExecutions]).toEqual([
        area,
        reserved[functionName.api(area)],
      ]);
    for (const job of JOBS)
      expect([
        job.name,
        byLogicalId(`Job${job.name.replaceAll('-', '')}`).Properties.ReservedConcurrentExecutions,
      ]).toEqual([job.name, reserved[functionName.job(job.name)]]);
    expect(byLogicalId('PostConfirmation').Properties.ReservedConcurrentExecutions).toBe(
      reserved[functionName.postConfirmation],
    );
    expect(byLogicalId('ScanResult').Properties.ReservedConcurrentExecutions).toBe(reserved[functionName.scanResult]);
    expect(byLogicalId('AuditArchiveFunction').Properties.ReservedConcurrentExecutions).toBe(
      reserved[functionName.auditArchive],
    );
  });

  it('is sized from the bench (peak requests/s × (init + p99) × headroom) and fits the standard quota', () => {
    const bench = JSON.parse(readFileSync('bench/results.json', 'utf8')) as {
      bundles: { fn: string; initMs: number }[];
      latency: { rows: { name: string; concurrency: number; p99: number }[] };
    };
    const initMs = (fn: string) => bench.bundles.find((b) => b.fn === fn)!.initMs;
    for (const area of API_AREAS) {
      const keys = ALL_ROUTES.filter((r) => r.area === area).map((r) => `${r.method} ${r.path}`);
      const p99s = bench.latency.rows.filter((r) => r.concurrency === 1 && keys.includes(r.name)).map((r) => r.p99);
      expect([area, p99s.length > 0]).toEqual([area, true]);
      const name = functionName.api(area);
      const needed = reservationFor(peakRequestsPerSecond(area), initMs(name), Math.max(...p99s));
      expect([name, reserved[name]]).toEqual([name, expect.any(Number)]);
      expect([name, reserved[name]! >= needed]).toEqual([name, true]);
    }
    for (const job of JOBS) expect(reserved[functionName.job(job.name)]).toBeGreaterThanOrEqual(SIZING.jobs);
    expect(reserved[functionName.postConfirmation]).toBeGreaterThanOrEqual(
      reservationFor(SIZING.signUpsPerSecond, initMs(functionName.postConfirmation), SIZING.signUpCallMs),
    );
    const total = Object.values(reserved).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(1000 - UNRESERVED_MINIMUM);
  });

  it('an account whose quota cannot hold them reserves nothing, with a warning, and refuses oversized reservations', () => {
    const sized = { 'api-a': 50, 'job-b': 2 };
    expect(planReservedConcurrency(['api-a', 'job-b'], 1000, sized)).toEqual({ reserved: sized });
    expect(planReservedConcurrency(['api-a', 'job-b'], 152, sized)).toEqual({ reserved: sized });
    expect(planReservedConcurrency(['api-a', 'job-b'], 151, sized).offReason).toMatch(/^Reserved concurrency is off/);
    expect(planReservedConcurrency(['api-a', 'job-b'], 10, sized)).toEqual({
      offReason: expect.stringContaining('10'),
    });
    expect(() => planReservedConcurrency(['api-a'], 1000, { 'api-a': 901 })).toThrow(/does not fit/);
    expect(() => planReservedConcurrency(['api-a', 'job-b'], 1000, { 'api-a': 1 })).toThrow(/missing job-b/);
    expect(() => planReservedConcurrency(['api-a'], 1000, { 'api-a': 1, 'api-z': 1 })).toThrow(/unknown api-z/);
  });
});

describe('a new account (quota 10) with backups copied to a second region', () => {
  const other = synth({ 'ce:lambdaConcurrencyQuota': '10', 'ce:backupCopyRegion': 'us-west-2' });

  it('still synthesizes: reservations off, with a warning and the NIST acknowledgement naming why', () => {
    for (const t of [other.data, other.api, other.jobs])
      for (const [id, fn] of resources(t, 'AWS::Lambda::Function'))
        expect([id, fn.Properties.ReservedConcurrentExecutions]).toEqual([id, undefined]);
    Annotations.fromStack(other.built.api).hasWarning('*', Match.stringLikeRegexp('Reserved concurrency is off'));
    for (const plugin of other.nag.pluginReports)
      expect([plugin.pluginName, plugin.conclusion]).toEqual([plugin.pluginName, 'success']);
    const nist = other.nag.pluginReports.find((p) => p.pluginName === 'NIST.800.53.R5')!;
    // The web stack's deploy-time custom-resource functions are acknowledged for their own reason (see web-stack.ts).
    const concurrency = nist
      .suppressedViolations!.filter((v) => v.ruleName === 'NIST.800.53.R5-LambdaConcurrency')
      .filter((v) => !v.violatingConstructs.some((c) => c.constructPath.startsWith('CeApi/Web/')));
    expect(concurrency.reduce((n, v) => n + v.violatingConstructs.length, 0)).toBe(ALL_FUNCTION_NAMES.length);
    for (const v of concurrency) expect(v.reason).toMatch(/^SC-6, CA-7: Reserved concurrency is off.*quota of 10/);
  });

  it('copies each backup to a vault with its own key in the other region, kept as long', () => {
    expect(other.built.backupCopy!.region).toBe('us-west-2');
    expect(other.built.data.dependencies).toContain(other.built.backupCopy);
    const copyKey = logicalId(other.backupCopy!, 'AWS::KMS::Key', 'VaultKey');
    other.backupCopy!.hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: BackupCopyStack.VAULT_NAME,
      EncryptionKeyArn: arnOf(copyKey),
    });
    const [, plan] = resources(other.data, 'AWS::Backup::BackupPlan')[0]!;
    const [rule] = plan.Properties.BackupPlan.BackupPlanRule;
    expect(rule.CopyActions).toEqual([
      {
        DestinationBackupVaultArn: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              `:backup:us-west-2:`,
              { Ref: 'AWS::AccountId' },
              `:backup-vault:${BackupCopyStack.VAULT_NAME}`,
            ],
          ],
        },
        Lifecycle: { DeleteAfterDays: CDK_CONTEXT['ce:backupRetentionDays'] },
      },
    ]);
  });
});

describe('email in transit', () => {
  it('the one SES configuration set requires TLS to the receiving server', () => {
    const sets = templates().flatMap((t) => resources(t, 'AWS::SES::ConfigurationSet'));
    expect(sets).toHaveLength(1);
    app.ops.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
  });
});

describe('deployment settings', () => {
  it('refuses a log retention CloudWatch Logs does not offer, and reservations that do not fit', () => {
    expect(() => synth({ 'ce:logRetentionDays': 100 })).toThrow(/ce:logRetentionDays/);
    expect(() => synth({ 'ce:reservedConcurrency': { ...reserved, 'api-docs': 800 } })).toThrow(/does not fit/);
  });
});

describe('a production stage', () => {
  const context = (extra: Record<string, unknown>) => {
    const app = new App({ context: { ...CDK_CONTEXT, ...extra } });
    return { config: readConfig(app.node), web: readWebConfig(app.node, () => false) };
  };
  const real = {
    'ce:stage': 'production',
    'ce:alarmEmail': 'ce-ops@ct.gov',
    'ce:senderEmail': 'ce-certification@ct.gov',
    'ce:ddsNoticeRecipients': ['ce-tracking@ct.gov'],
    'ce:adsNotifyEmails': ['ce-team@ct.gov'],
    'ce:allowedOrigins': ['https://ce.ct.gov'],
    'ce:webDomain': 'ce.ct.gov',
    'ce:webCertificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
  };

  it('is refused at synth without someone to receive the alarms, naming the setting', () => {
    const { 'ce:alarmEmail': _, ...noAlarms } = real;
    expect(() => synth(noAlarms)).toThrow(/production stage needs.*ce:alarmEmail/);
  });

  it('names every setting still missing or still an example value; builds when all are real', () => {
    expect(productionProblems(context(real).config, context(real).web)).toEqual([]);
    const { 'ce:webDomain': _d, 'ce:webCertificateArn': _c, ...noDomain } = real;
    const problems = productionProblems(
      context({ ...noDomain, 'ce:adsNotifyEmails': ['ce-team@example.org'] }).config,
      context(noDomain).web,
    );
    expect(problems).toEqual([
      expect.stringMatching(/^ce:webDomain and ce:webCertificateArn/),
      expect.stringMatching(/^ce:adsNotifyEmails \(still an example/),
    ]);
    // Any other stage builds with cdk.json's examples, as the tests and a first look do.
    expect(productionProblems(context({}).config, context({}).web)).toEqual([]);
  });
});

describe('CloudTrail', () => {
  const trail = () => resources(app.audit, 'AWS::CloudTrail::Trail')[0]![1].Properties;

  it('records management events of every region and data events of the table and both buckets, validated and encrypted', () => {
    const p = trail();
    expect(p).toMatchObject({ IsMultiRegionTrail: true, EnableLogFileValidation: true, IsLogging: true });
    expect(JSON.stringify(p.KMSKeyId)).toMatch(/TrailKey/);
    const selectors = p.AdvancedEventSelectors as { Name: string; FieldSelectors: Record<string, unknown>[] }[];
    const text = JSON.stringify(selectors);
    expect(selectors[0]).toEqual({
      Name: 'Management events',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
    });
    expect(text).toContain('AWS::DynamoDB::Table');
    expect(text).toMatch(/ExportsOutputFnGetAttTable[A-Za-z0-9]*Arn/);
    expect(text).toMatch(/HomeworkFiles[A-Za-z0-9]*Arn/);
    expect(text).toMatch(/Site[A-Za-z0-9]*Arn/);
  });

  it('delivers to an encrypted log group through a role that may write only there', () => {
    const p = trail();
    expect(JSON.stringify(p.CloudWatchLogsLogGroupArn)).toMatch(/TrailEvents/);
    app.audit.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue() });
    app.audit.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailEvents'), 'Arn'] },
          },
        ],
      },
    });
  });

  it('alarms on any kms:Sign with the credential-signing key by a principal other than the credentials role', () => {
    const [, filter] = resources(app.audit, 'AWS::Logs::MetricFilter')[0]!;
    const pattern = JSON.stringify(filter.Properties.FilterPattern);
    expect(pattern).toContain('$.eventName = \\"Sign\\"');
    expect(pattern).toMatch(/\$\.userIdentity\.sessionContext\.sessionIssuer\.arn != .*Apicredentials[A-Za-z0-9]*Role/);
    expect(pattern).toMatch(/\$\.resources\[0\]\.ARN = .*CredentialSigningKey/);
    const alarm = resources(app.audit, 'AWS::CloudWatch::Alarm').find(([id]) => id.startsWith('OtherSigners'))!;
    expect(alarm[1].Properties).toMatchObject({
      MetricName: filter.Properties.MetricTransformations[0].MetricName,
      Threshold: 1,
    });
  });
});

describe('audit records nobody can change', () => {
  it('the table streams new and old images', () => {
    app.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('the archive bucket locks every object in compliance mode for the audit retention, encrypted with its own key', () => {
    const buckets = resources(app.audit, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('AuditArchiveRecords'));
    expect(buckets).toHaveLength(1);
    expect(buckets[0]![1].Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: CDK_CONTEXT['ce:auditRetentionDays'] } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^AuditArchiveKey/), 'Arn'] },
            },
          },
        ],
      },
    });
  });

  it("only audit keys reach the archiver, from the table's stream, retried, then dead-lettered", () => {
    const mappings = resources(app.audit, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]![1];
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::ImportValue': expect.stringMatching(/Table[A-Z0-9]*StreamArn/) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/^AuditArchiveDeadLetters/), 'Arn'] } },
      },
    });
    expect(JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern)).toEqual({
      dynamodb: { Keys: { pk: { S: [{ prefix: 'AUDIT#' }] } } },
    });
  });

  it('the archiver may only put objects there: not read, delete, or change their retention', () => {
    const policies = resources(app.audit, 'AWS::IAM::ManagedPolicy').filter(([id]) =>
      id.startsWith('AuditArchiveFunction'),
    );
    const s3Actions = policies
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])
      .flatMap(actions)
      .filter((a) => a.startsWith('s3:'));
    expect(s3Actions).toEqual(['s3:PutObject']);
  });
});
