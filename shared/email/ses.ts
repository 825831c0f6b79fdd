import { SendEmailCommand, SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import { optionalEnv, requiredEnv } from '../config/env';
import type { EmailMessage } from './message';

/**
 * SES has no idempotency key, so the SDK must not retry on its own: a retry after a timeout could send twice.
 * The outbox decides what to retry, from what is known about each attempt.
 */
const ses = new SESClient({
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 2000, requestTimeout: Number(optionalEnv('SES_TIMEOUT_MS', '8000')), throwOnRequestTimeout: true },
});
const SENDER = requiredEnv('SENDER_EMAIL');

export type SendOutcome =
  | { status: 'sent'; messageId: string }
  /** SES certainly did not take it (unreachable, refused): safe to try again. */
  | { status: 'failed'; error: string }
  /** The call timed out after the request may have reached SES: it may or may not have been sent. */
  | { status: 'unknown'; error: string };

function classify(error: unknown): SendOutcome {
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  const detail = `${e.name}: ${e.message}`.slice(0, 300);
  if (e.$metadata?.httpStatusCode !== undefined) return { status: 'failed', error: detail };
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(e.code ?? '')) return { status: 'failed', error: detail };
  if (/ECONNREFUSED|ENOTFOUND|without establishing a connection/i.test(e.message)) return { status: 'failed', error: detail };
  return { status: 'unknown', error: detail };
}

export async function sendViaSes(message: EmailMessage): Promise<SendOutcome> {
  try {
    if (message.attachments?.length) {
      const raw = await new MailComposer({
        from: SENDER,
        to: message.to,
        cc: message.cc,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      })
        .compile()
        .build();
      const result = await ses.send(new SendRawEmailCommand({ RawMessage: { Data: raw } }));
      return { status: 'sent', messageId: result.MessageId ?? '' };
    }
    const result = await ses.send(
      new SendEmailCommand({
        Source: SENDER,
        Destination: { ToAddresses: message.to, CcAddresses: message.cc },
        Message: { Subject: { Data: message.subject, Charset: 'UTF-8' }, Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } } },
      }),
    );
    return { status: 'sent', messageId: result.MessageId ?? '' };
  } catch (error) {
    return classify(error);
  }
}
