import { randomUUID } from 'node:crypto';
import type { EmailMessage } from './message';

/**
 * A MIME message with attachments (RFC 5322, 2045–2047, 2231): `multipart/mixed` holding a
 * `multipart/alternative` (plain text, then HTML) and the files. Every part is UTF-8 in base64 (lines of 76), so
 * no body line can be too long or be read as a boundary; a header with anything but printable ASCII is sent as
 * encoded words. Written here rather than with nodemailer's composer: the notice needs only this, and the
 * composer added 135 KB to each function that sends it (see the README, "Performance").
 */
export function rawMime(from: string, message: EmailMessage, at: Date = new Date()): Uint8Array {
  const mixed = `mixed-${randomUUID()}`;
  const alternative = `alternative-${randomUUID()}`;
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  const headers = [
    header('From', address(from)),
    header('To', message.to.map(address).join(', ')),
    ...(message.cc?.length ? [header('Cc', message.cc.map(address).join(', '))] : []),
    header('Subject', words(message.subject)),
    `Date: ${at.toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
  ];
  const body = part(
    `multipart/alternative;\r\n boundary="${alternative}"`,
    multipart(alternative, [
      part('text/plain; charset=utf-8', base64(message.text)),
      part('text/html; charset=utf-8', base64(message.html)),
    ]),
    [],
    false,
  );
  const files = (message.attachments ?? []).map((a) =>
    part(`${a.contentType}${parameter('name', a.filename)}`, base64(a.content), [
      `Content-Disposition: attachment${parameter('filename', a.filename)}`,
    ]),
  );
  const text = [
    ...headers,
    `Content-Type: multipart/mixed;\r\n boundary="${mixed}"`,
    '',
    multipart(mixed, [body, ...files]),
  ].join('\r\n');
  return new TextEncoder().encode(text);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** One header line, folded before 78 characters where the value has spaces (RFC 5322 §2.2.3). */
function header(name: string, value: string): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of value.split(' ')) {
    if (line.length + 1 + word.length > 76 && line !== `${name}:`) {
      lines.push(line);
      line = '';
    }
    line += ` ${word}`;
  }
  return [...lines, line].join('\r\n');
}

/** A display text as it may stand in a header: as is when printable ASCII, else as encoded words (RFC 2047). */
function words(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  // Each encoded word carries whole characters in at most 39 bytes (52 base64 characters, 64 in all), so it fits
  // on a line after the header's name.
  const chunks: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 39) {
      chunks.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  chunks.push(chunk);
  return chunks.map((c) => `=?UTF-8?B?${Buffer.from(c).toString('base64')}?=`).join(' ');
}

/** `Name <a@x>` with the name encoded when it needs to be; a bare address as is. */
function address(value: string): string {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  if (!match) return value.trim();
  const [, name, email] = match;
  if (!name) return `<${email}>`;
  const bare = name.replace(/^"(.*)"$/, '$1');
  return `${PRINTABLE_ASCII.test(bare) ? `"${bare.replace(/(["\\])/g, '\\$1')}"` : words(bare)} <${email}>`;
}

/** A MIME parameter on a line of its own: quoted when ASCII, otherwise in RFC 2231's `name*=UTF-8''…` form. */
const parameter = (name: string, value: string) =>
  PRINTABLE_ASCII.test(value)
    ? `;\r\n ${name}="${value.replace(/(["\\])/g, '\\$1')}"`
    : `;\r\n ${name}*=UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

const base64 = (content: string) =>
  Buffer.from(content, 'utf8')
    .toString('base64')
    .replace(/.{76}(?=.)/g, '$&\r\n');

function part(contentType: string, content: string, extra: string[] = [], encoded = true): string {
  return [
    `Content-Type: ${contentType}`,
    ...(encoded ? ['Content-Transfer-Encoding: base64'] : []),
    ...extra,
    '',
    content,
  ].join('\r\n');
}

const multipart = (boundary: string, parts: string[]) =>
  `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;
