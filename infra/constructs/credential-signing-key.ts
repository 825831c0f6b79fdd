import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The issuer's signing key for Open Badges credentials and the status list: an asymmetric KMS key (ECC NIST P-256,
 * SIGN_VERIFY → ES256). The private key never leaves KMS; the credentials function may only `kms:Sign` and
 * `kms:GetPublicKey` with it (`grantSigning`), nothing else in the account is granted anything beyond the default
 * key policy's delegation to IAM. Kept on stack deletion: credentials already issued name its public key.
 *
 * Automatic rotation does not apply: KMS rotates symmetric keys only. Rotating means a new key: publish both keys in
 * the JWKS for as long as credentials signed with the old one are valid (up to three years), then retire it.
 */
export class CredentialSigningKey extends Construct {
  readonly key: Key;

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

  /** Lets a function sign with the key and read its public half, nothing more. */
  grantSigning(grantee: IGrantable) {
    this.key.grant(grantee, 'kms:Sign', 'kms:GetPublicKey');
  }
}
