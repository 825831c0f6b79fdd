import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from './managed-policy-role';

/** Actions AWS Backup needs on a key to back up or restore data it protects. */
const BACKUP_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:DescribeKey',
];

export interface TableBackupProps {
  table: ITableV2;
  /** The key the table is encrypted with: backups without AWS Backup's advanced DynamoDB features keep it. */
  tableKey: IKey;
  /** Days each daily backup is kept. */
  retentionDays: number;
  /** Another region that receives a copy of each backup, in the vault `BackupCopyStack` creates there. */
  copyTo?: { region: string; vaultName: string };
}

/**
 * A daily AWS Backup of the table (NIST CP-9), beside point-in-time recovery: recovery points outlive the table
 * (even if it is deleted), are kept longer than PITR's 35 days, sit in a vault of their own encrypted with its own key,
 * and nobody can delete them before their retention ends. Optionally each one is copied to a second region (CP-6).
 * Restoring always makes a new table: see the README, "Restoring the table".
 */
export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly role: ManagedPolicyRole;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const vaultKey = new Key(this, 'VaultKey', {
      enableKeyRotation: true,
      description: 'Encrypts the backup vault of the CE certification table',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new BackupVault(this, 'Vault', {
      encryptionKey: vaultKey,
      // Recovery points leave only when their retention ends, never by hand.
      blockRecoveryPointDeletion: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const deleteAfter = Duration.days(props.retentionDays);
    const plan = new BackupPlan(this, 'Plan', {
      backupPlanName: `${stack.stackName}-table-daily`,
      backupVault: this.vault,
    });
    plan.addRule(
      new BackupPlanRule({
        ruleName: 'Daily',
        // 05:00 UTC: midnight or 01:00 in Connecticut, when nobody is using the system.
        scheduleExpression: Schedule.cron({ minute: '0', hour: '5' }),
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter,
        copyActions: props.copyTo
          ? [
              {
                destinationBackupVault: BackupVault.fromBackupVaultArn(
                  this,
                  'CopyVault',
                  stack.formatArn({
                    service: 'backup',
                    region: props.copyTo.region,
                    resource: 'backup-vault',
                    resourceName: props.copyTo.vaultName,
                    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                  }),
                ),
                deleteAfter,
              },
            ]
          : undefined,
      }),
    );

    // AWS Backup's own service policies (AWS maintains them as the service changes), plus the keys of this data.
    this.role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup backs up and restores the CE certification table with this role',
    });
    this.role.addToPolicy(
      new PolicyStatement({ actions: BACKUP_KEY_ACTIONS, resources: [props.tableKey.keyArn, vaultKey.keyArn] }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['kms:CreateGrant'],
        resources: [props.tableKey.keyArn, vaultKey.keyArn],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    );
    if (props.copyTo) {
      // The copy vault's key is made in the other region; its ARN cannot be known here.
      this.role.addToPolicy(
        new PolicyStatement({
          actions: BACKUP_KEY_ACTIONS,
          resources: [
            stack.formatArn({ service: 'kms', region: props.copyTo.region, resource: 'key', resourceName: '*' }),
          ],
          conditions: { StringEquals: { 'kms:ViaService': `backup.${props.copyTo.region}.amazonaws.com` } },
        }),
      );
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:${props.copyTo.region}:<AWS::AccountId>:key/*]`,
        reason:
          'The copy vault key lives in the other region and its ARN is unknown here; the role may use keys there only through AWS Backup.',
      });
    }
    plan.addSelection('Table', {
      resources: [BackupResource.fromArn(props.table.tableArn)],
      role: this.role,
      allowRestores: true,
    });
    for (const policy of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
        reason:
          "AWS Backup's own service-role policy, which AWS keeps current with the service; the role can be assumed only by AWS Backup.",
      });
    }

    new CfnOutput(stack, 'BackupVaultName', { value: this.vault.backupVaultName });
    new CfnOutput(stack, 'BackupRoleArn', { value: this.role.roleArn });
  }
}
