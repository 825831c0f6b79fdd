import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IGrantable, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The issuer's signing key for Open Badges credentials and the status list: an asymmetric KMS key (ECC NIST P-256,
 * SIGN_VERIFY → ES256). The private key never leaves KMS; the credentials function may only `kms:Sign` and
 * `kms:GetPublicKey` with it (`grantSigning`). The key policy keeps the root's delegation to IAM, so the account
 * administers the key, and denies `kms:Sign` to every principal but the signing function's role (an explicit Deny
 * on `aws:PrincipalArn`): an administrator's `kms:*`, another role's IAM policy or a grant cannot sign a credential.
 * Changing that is a `PutKeyPolicy`, itself administration. Kept on stack deletion: credentials already issued name
 * its public key.
 *
 * Automatic rotation does not apply: KMS rotates symmetric keys only. Rotating means a new key: publish both keys in
 * the JWKS for as long as credentials signed with the old one are valid (up to three years), then retire it.
 */
export class CredentialSigningKey extends Construct {
  readonly key: Key;
  private signer: IRole | undefined;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Signs the Open Badges 3.0 credentials and the credential status list (ES256)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      enableKeyRotation: false,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.key).acknowledge({
      id: 'AwsSolutions::AwsSolutions-KMS5',
      reason: 'An asymmetric signing key: KMS cannot rotate it automatically (rotation by a new key, see the README).',
    });
  }

  /** The one role that may sign (the trail's alarm watches for any other caller). */
  get signerRoleArn(): string {
    if (!this.signer) throw new Error('The credential signing key has no signer yet: grantSigning first.');
    return this.signer.roleArn;
  }

  /**
   * Lets one function's role sign with the key and read its public half, nothing more, and denies signing to every
   * other principal in the key policy. One signer only: a second would be denied by the first's rule.
   */
  grantSigning(grantee: IGrantable) {
    const signer = grantee.grantPrincipal as Partial<IRole>;
    if (typeof signer.roleArn !== 'string') throw new Error('The credential signing key signs only for a role.');
    if (this.signer) throw new Error('The credential signing key has one signer; it is already granted.');
    this.signer = signer as IRole;
    this.key.grant(grantee, 'kms:Sign', 'kms:GetPublicKey');
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyTheCredentialsFunctionSigns',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:Sign'],
        resources: ['*'],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': signer.roleArn } },
      }),
    );
  }
}
