import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { BackupVault } from 'aws-cdk-lib/aws-backup';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * The vault in a second region that receives a copy of every daily backup of the table (`ce:backupCopyRegion`), so
 * the data survives the loss of the deployment region (NIST CP-6, CP-9). It has its own key, made in that region.
 * The vault has a fixed name because the backup plan in the other region must name it, and stacks in different
 * regions cannot reference each other.
 */
export class BackupCopyStack extends Stack {
  static readonly VAULT_NAME = 'ce-certification-backup-copy';
  readonly vault: BackupVault;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const key = new Key(this, 'VaultKey', {
      enableKeyRotation: true,
      description: 'Encrypts the copies of the CE certification table backups',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: BackupCopyStack.VAULT_NAME,
      encryptionKey: key,
      blockRecoveryPointDeletion: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
