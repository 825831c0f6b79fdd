import { escapeHtml } from '../html';

/** An email as the backend composes it; the outbox stores it and the sender turns it into SES calls. */
export interface EmailMessage {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; contentType: string; content: string }[];
}

/** Text, or a link that reads as its own address in the plain-text part. */
export type Inline = string | { href: string; text?: string };

/**
 * One block of an email's body: a paragraph (plain, or text mixed with links), a list, or a table with headers.
 * Structure is kept as structure so that screen readers announce lists, links and tables as such.
 */
export type Block =
  | string
  | Inline[]
  | { list: string[]; ordered?: boolean }
  | { table: { caption: string; headers: string[]; rows: Inline[][] } };

const SIGNATURE = 'Customized Employment Certification — Connecticut ADS, with DDS';

const inlines = (block: string | Inline[]): Inline[] => (typeof block === 'string' ? [block] : block);

const inlineText = (part: Inline): string =>
  typeof part === 'string' ? part : part.text ? `${part.text} (${part.href})` : part.href;

const inlineHtml = (part: Inline): string =>
  typeof part === 'string'
    ? escapeHtml(part)
    : `<a href="${escapeHtml(part.href)}">${escapeHtml(part.text ?? part.href)}</a>`;

function blockText(block: Block): string {
  if (typeof block === 'string' || Array.isArray(block)) return inlines(block).map(inlineText).join('');
  if ('list' in block) return block.list.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${item}`).join('\n');
  const { caption, headers, rows } = block.table;
  return [caption, headers.join(' | '), ...rows.map((r) => r.map(inlineText).join(' | '))].join('\n');
}

function blockHtml(block: Block): string {
  if (typeof block === 'string' || Array.isArray(block)) return `<p>${inlines(block).map(inlineHtml).join('')}</p>`;
  if ('list' in block) {
    const tag = block.ordered ? 'ol' : 'ul';
    return `<${tag}>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${tag}>`;
  }
  const { caption, headers, rows } = block.table;
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${inlineHtml(c)}</td>`).join('')}</tr>`).join('');
  return (
    `<table style="border-collapse:collapse" border="1" cellpadding="4"><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
  );
}

/**
 * A short, consistent layout with the same content in both parts: a language and a title (the subject) for
 * assistive technology, real links, lists and tables with headers in the HTML part, and their plain-text reading.
 */
export function compose(input: {
  to: string[];
  cc?: string[];
  subject: string;
  blocks: Block[];
  attachments?: EmailMessage['attachments'];
}): EmailMessage {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head>` +
    `<body>${input.blocks.map(blockHtml).join('')}<p style="color:#595959">${escapeHtml(SIGNATURE)}</p></body></html>`;
  return {
    to: input.to,
    cc: input.cc,
    subject: input.subject,
    text: `${input.blocks.map(blockText).join('\n\n')}\n\n-- \n${SIGNATURE}\n`,
    html,
    attachments: input.attachments,
  };
}
