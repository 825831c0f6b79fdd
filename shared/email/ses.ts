import { SendEmailCommand, SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { config } from '../config/runtime';
import type { EmailMessage } from './message';

/**
 * SES has no idempotency key, so the SDK must not retry on its own: a retry after a timeout could send twice.
 * The outbox decides what to retry, from what is known about each attempt.
 */
const ses = new SESClient({
  maxAttempts: 1,
  requestHandler: {
    connectionTimeout: 2000,
    requestTimeout: config.sesTimeoutMs,
    throwOnRequestTimeout: true,
  },
});
const SENDER = config.senderEmail;
const CONFIGURATION_SET = config.sesConfigurationSet;

export type SendOutcome =
  | { status: 'sent'; messageId: string }
  /** SES certainly did not take it (unreachable, refused): safe to try again. */
  | { status: 'failed'; error: string }
  /** The call timed out after the request may have reached SES: it may or may not have been sent. */
  | { status: 'unknown'; error: string };

function classifySendError(error: unknown): SendOutcome {
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  const detail = `${e.name}: ${e.message}`.slice(0, 300);
  if (e.$metadata?.httpStatusCode !== undefined) return { status: 'failed', error: detail };
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(e.code ?? ''))
    return { status: 'failed', error: detail };
  if (/ECONNREFUSED|ENOTFOUND|without establishing a connection/i.test(e.message))
    return { status: 'failed', error: detail };
  return { status: 'unknown', error: detail };
}

/** Sends a simple email (text and HTML parts). Emails with attachments go through `sendRawViaSes`. */
export async function sendViaSes(message: EmailMessage): Promise<SendOutcome> {
  try {
    const result = await ses.send(
      new SendEmailCommand({
        Source: SENDER,
        ConfigurationSetName: CONFIGURATION_SET,
        Destination: { ToAddresses: message.to, CcAddresses: message.cc },
        Message: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
        },
      }),
    );
    return { status: 'sent', messageId: result.MessageId ?? '' };
  } catch (error) {
    return classifySendError(error);
  }
}

/** Sends a prepared raw MIME message (see `raw-mime.ts`). */
export async function sendRawViaSes(raw: Uint8Array): Promise<SendOutcome> {
  try {
    const result = await ses.send(
      new SendRawEmailCommand({ RawMessage: { Data: raw }, ConfigurationSetName: CONFIGURATION_SET }),
    );
    return { status: 'sent', messageId: result.MessageId ?? '' };
  } catch (error) {
    return classifySendError(error);
  }
}

export const senderAddress = (): string => SENDER;
