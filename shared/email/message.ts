/** An email as the backend composes it; the outbox stores it and the sender turns it into SES calls. */
export interface EmailMessage {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; contentType: string; content: string }[];
}

import { escapeHtml } from '../html';

/** A short, consistent layout: paragraphs of text, optionally a table, the same words in both parts. */
export function compose(input: {
  to: string[];
  cc?: string[];
  subject: string;
  paragraphs: string[];
  table?: { headers: string[]; rows: string[][] };
  attachments?: EmailMessage['attachments'];
}): EmailMessage {
  const textTable = input.table
    ? ['', input.table.headers.join(' | '), ...input.table.rows.map((r) => r.join(' | '))].join('\n')
    : '';
  const htmlTable = input.table
    ? `<table border="1" cellpadding="4" cellspacing="0"><thead><tr>${input.table.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${input.table.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    : '';
  const signature = 'Customized Employment Certification — Connecticut ADS, with DDS';
  return {
    to: input.to,
    cc: input.cc,
    subject: input.subject,
    text: `${input.paragraphs.join('\n\n')}${textTable}\n\n-- \n${signature}\n`,
    html: `<!doctype html><html><body>${input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${htmlTable}<p style="color:#666">${escapeHtml(signature)}</p></body></html>`,
    attachments: input.attachments,
  };
}
