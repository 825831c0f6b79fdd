import { existsSync } from 'node:fs';
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { ALL_FUNCTION_NAMES, planReservedConcurrency } from './concurrency';
import { productionProblems, readConfig, readWebConfig } from './config';
import type { FunctionSettings } from './constructs/ce-function';
import { ApiStack } from './stacks/api-stack';
import { AuditStack } from './stacks/audit-stack';
import { BackupCopyStack } from './stacks/backup-copy-stack';
import { DataStack } from './stacks/data-stack';
import { FilesStack, filesUploadOrigin } from './stacks/files-stack';
import { JobsStack } from './stacks/jobs-stack';
import { OpsStack } from './stacks/ops-stack';

import { WafStack } from './stacks/waf-stack';
import { WebStack } from './stacks/web-stack';

/**
 * Builds the whole backend. Used by `cdk.json` (`npx cdk synth|deploy`) and by the infrastructure tests. Checked at
 * synth by cdk-nag's AwsSolutions and NIST SP 800-53 rev. 5 packs: a finding neither fixed nor acknowledged (with
 * its control and reason) fails the synth.
 */
export function buildApp(app = new App()) {
  const config = readConfig(app.node);
  const webConfig = readWebConfig(app.node, existsSync);
  const missing = productionProblems(config, webConfig);
  if (missing.length > 0)
    throw new Error(
      `A production stage needs these CDK context settings: ${missing.join('; ')} (see README, "Deploying")`,
    );
  const concurrency = planReservedConcurrency(
    ALL_FUNCTION_NAMES,
    config.concurrency.accountQuota,
    config.concurrency.reserved,
  );
  const ops = new OpsStack(app, 'CeOps', { alarmEmail: config.alarmEmail });
  const functions: FunctionSettings = {
    logs: { key: ops.logsKey, retention: config.logRetention },
    alarmTopic: ops.alarmTopic,
    reservedConcurrency: concurrency.reserved,
  };
  const { copyRegion } = config.backup;
  const backupCopy = copyRegion ? new BackupCopyStack(app, 'CeBackupCopy', { env: { region: copyRegion } }) : undefined;
  const data = new DataStack(app, 'CeData', {
    functions,
    email: { from: config.senderEmail, configurationSetName: ops.configurationSet.configurationSetName },
    backup: {
      retentionDays: config.backup.retentionDays,
      copyTo: copyRegion ? { region: copyRegion, vaultName: BackupCopyStack.VAULT_NAME } : undefined,
    },
  });
  if (backupCopy) data.addStackDependency(backupCopy, 'backups are copied to its vault');
  const files = new FilesStack(app, 'CeFiles', {
    webOrigin: webConfig.customDomain ? `https://${webConfig.customDomain.name}` : undefined,
    table: data.table,
    tableKey: data.tableKey,
    config,
    functions,
    alarmTopic: ops.alarmTopic,
    configurationSet: ops.configurationSet,
  });
  const api = new ApiStack(app, 'CeApi', {
    homeworkFiles: files,
    table: data.table,
    tableKey: data.tableKey,
    linkSealKey: data.linkSealKey,
    userPool: data.userPool,
    userPoolClient: data.userPoolClient,
    staffClient: data.staffClient,
    config,
    functions,
    alarmTopic: ops.alarmTopic,
    configurationSet: ops.configurationSet,
  });
  // CloudFront's web ACL lives in us-east-1, whatever the app's region (see WafStack for how the distribution finds it).
  const waf = new WafStack(app, 'CeWaf', {
    env: { region: WafStack.REGION },
    rateLimit: webConfig.wafRateLimit,
    logRetention: config.logRetention,
  });
  const web = new WebStack(api, 'Web', {
    httpApi: api.api,
    userPool: data.userPool,
    userPoolClient: data.userPoolClient,
    staffClient: data.staffClient,
    web: webConfig,
    logs: functions.logs,
    uploadOrigin: filesUploadOrigin(files.bucket),
  });
  api.addStackDependency(waf, "the distribution reads the web ACL's ARN");
  // Email links land on the web domain's pages.
  api.setPublicBaseUrl(web.baseUrl);
  const jobs = new JobsStack(app, 'CeJobs', {
    table: data.table,
    tableKey: data.tableKey,
    linkSealKey: data.linkSealKey,
    userPool: data.userPool,
    config,
    functions,
    alarmTopic: ops.alarmTopic,
    configurationSet: ops.configurationSet,
    publicBaseUrl: web.baseUrl,
  });
  const audit = new AuditStack(app, 'CeAudit', {
    table: data.table,
    tableKey: data.tableKey,
    functions,
    auditRetentionDays: config.auditRetentionDays,
    buckets: [files.bucket, web.bucket],
    signing: { keyArn: api.signingKey.key.keyArn, signerRoleArn: api.signingKey.signerRoleArn },
  });
  if (concurrency.offReason) {
    for (const stack of [data, files, api, jobs])
      Annotations.of(stack).addWarningV2('ce:reserved-concurrency-off', concurrency.offReason);
    Validations.of(app).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency',
      reason: `SC-6, CA-7: ${concurrency.offReason}`,
    });
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  return { app, ops, data, files, api, web, waf, jobs, audit, backupCopy };
}
