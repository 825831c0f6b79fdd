import { credentialsConfig } from '../config/credentials';
import { config } from '../config/runtime';
import { fileSigner, kidPrefix, kmsSigner, type Signer } from './signer';

let signer: Signer | undefined;

/** The issuer's signer, made on first use from the configuration read at cold start (KMS in AWS, a file locally). */
export function issuerSigner(): Signer {
  const prefix = kidPrefix(config.publicBaseUrl);
  signer ??= credentialsConfig.kmsKeyId
    ? kmsSigner(credentialsConfig.kmsKeyId, prefix)
    : fileSigner(credentialsConfig.keyFile!, prefix);
  return signer;
}
