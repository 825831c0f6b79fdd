import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { derToRaw, type EcPublicJwk, spkiToJwk } from './keys';

/**
 * The issuer's signing key, ES256. `sign` returns the raw r‖s signature JWS wants. Two keepers: KMS in AWS (the
 * private key never leaves it: `kms:Sign` on a digest), a PEM file locally (generated on first use, git-ignored).
 * Both go through DER and the same conversion, so the local path exercises what AWS runs.
 */
export interface Signer {
  publicJwk(): Promise<EcPublicJwk>;
  sign(data: Buffer): Promise<Buffer>;
}

/** Key ids are URIs that lead to the key (Open Badges 3.0 §8.2.4.1): the JWKS address and the key's thumbprint. */
export const kidPrefix = (publicBaseUrl: string) => `${publicBaseUrl.replace(/\/$/, '')}/.well-known/jwks.json#`;

export function kmsSigner(keyId: string, prefix: string, client = new KMSClient({})): Signer {
  let jwk: Promise<EcPublicJwk> | undefined;
  return {
    publicJwk() {
      jwk ??= client.send(new GetPublicKeyCommand({ KeyId: keyId })).then((out) => {
        if (!out.PublicKey) throw new Error('KMS returned no public key');
        return spkiToJwk(out.PublicKey, prefix);
      });
      return jwk;
    },
    async sign(data) {
      const out = await client.send(
        new SignCommand({
          KeyId: keyId,
          Message: createHash('sha256').update(data).digest(),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      if (!out.Signature) throw new Error('KMS returned no signature');
      return derToRaw(out.Signature);
    },
  };
}

/** A P-256 key kept in a PEM file (local stack and tests), created there on first use. */
export function fileSigner(path: string, prefix: string): Signer {
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  }
  const key = createPrivateKey(readFileSync(path));
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  const jwk = spkiToJwk(spki, prefix);
  return {
    publicJwk: async () => jwk,
    sign: async (data) => derToRaw(sign('sha256', data, key)),
  };
}

/**
 * A VC-JOSE JWT (`typ: vc+jwt`): the credential itself is the payload, as Open Badges 3.0 and VC-JOSE-COSE say (not
 * the older `vc` claim). The three-part compact form is written here because the signature comes from KMS, which
 * JWT libraries cannot call; verification is left to a library (`jose` in the tests).
 */
export async function signCredential(signer: Signer, credential: object): Promise<string> {
  const { kid } = await signer.publicJwk();
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'ES256', kid, typ: 'vc+jwt', cty: 'vc' })}.${part(credential)}`;
  return `${input}.${(await signer.sign(Buffer.from(input))).toString('base64url')}`;
}
