import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { linkSealConfig } from '../config/link-seal';

/**
 * A link token waiting in the outbox is sealed, so that the table, its point-in-time recovery and its backups never
 * hold a working link: the queued email carries `SEALED_TOKEN` where the token goes, and the item the token
 * encrypted under a key only the functions that send email may use. The sender opens it just before SES and puts
 * the token in; once the email's outcome is recorded its body and the sealed token are dropped.
 *
 * Two keepers, as for the credential signing key: a symmetric KMS key in AWS (Encrypt/Decrypt, the email's key as
 * encryption context, so a sealed token opens only for the email it was sealed for), an AES-256-GCM key in a file
 * locally (generated on first use, git-ignored; the email's key as associated data).
 */
export interface Sealer {
  seal(token: string, emailKey: string): Promise<string>;
  open(sealed: string, emailKey: string): Promise<string>;
}

/** Where a sealed token goes in a queued email's text and HTML: letters, digits and `_-`, unchanged by escaping. */
export const SEALED_TOKEN = '__sealed-link-token__';

export function kmsSealer(keyId: string, client = new KMSClient({})): Sealer {
  const context = (emailKey: string) => ({ purpose: 'outbox-link', emailKey });
  return {
    async seal(token, emailKey) {
      const out = await client.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(token), EncryptionContext: context(emailKey) }),
      );
      if (!out.CiphertextBlob) throw new Error('KMS returned no ciphertext');
      return `kms.${Buffer.from(out.CiphertextBlob).toString('base64url')}`;
    },
    async open(sealed, emailKey) {
      const out = await client.send(
        new DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(sealed.replace(/^kms\./, ''), 'base64url'),
          EncryptionContext: context(emailKey),
        }),
      );
      if (!out.Plaintext) throw new Error('KMS returned no plaintext');
      return Buffer.from(out.Plaintext).toString();
    },
  };
}

/** A 256-bit key kept in a file (local stack and tests), created there on first use. */
export function fileSealer(path: string): Sealer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  return {
    async seal(token, emailKey) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(emailKey));
      const body = Buffer.concat([cipher.update(token), cipher.final()]);
      return ['gcm', iv, body, cipher.getAuthTag()]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    async open(sealed, emailKey) {
      const [, iv, body, tag] = sealed.split('.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64url'))
        .setAAD(Buffer.from(emailKey))
        .setAuthTag(Buffer.from(tag ?? '', 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64url')), decipher.final()]).toString();
    },
  };
}

let current: Sealer | undefined;
/** This function's sealer, made on first use: only functions that queue or send links need a key. */
export function linkSealer(): Sealer {
  current ??= linkSealConfig.kmsKeyId
    ? kmsSealer(linkSealConfig.kmsKeyId)
    : linkSealConfig.keyFile
      ? fileSealer(linkSealConfig.keyFile)
      : undefined;
  if (!current) throw new Error('Environment variables: LINK_SEAL_KMS_KEY_ID or LINK_SEAL_KEY_FILE is missing');
  return current;
}
