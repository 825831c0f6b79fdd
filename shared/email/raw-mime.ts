import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailMessage } from './message';

/** A MIME message with attachments (text and HTML alternatives plus files), built by nodemailer's composer. */
export async function rawMime(from: string, message: EmailMessage): Promise<Uint8Array> {
  return new MailComposer({
    from,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  })
    .compile()
    .build();
}
