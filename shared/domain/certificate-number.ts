import { CROCKFORD, randomCode } from './ids';

/**
 * Certificate numbers: `CT-CE-` and 80 random bits as 16 Crockford base-32 symbols in groups of four, e.g.
 * `CT-CE-7QJ3-Z0K8-D2M4-X9VB`. People type them from paper, so a number is read as Crockford's decoding reads
 * it: any case; hyphens, dashes and spaces anywhere are ignored; `I` and `L` are `1`, `O` is `0`; `U` is no
 * symbol at all (Crockford leaves it out), so a number with a `U` is unreadable. The `CT-CE` prefix may be left
 * out. What is read is the one canonical form every lookup uses.
 */
const PREFIX = 'CT-CE-';
const SYMBOLS = 16;
/** Longest typed number read (far above any real one with separators): longer input is not a number. */
export const TYPED_NUMBER_MAX = 100;

/** A new certificate number (canonical). */
export const newCertificateNumber = (): string => canonical(randomCode(10));

const canonical = (symbols: string) => `${PREFIX}${symbols.match(/.{4}/g)!.join('-')}`;

/** Hyphen-minus, the Unicode dashes and minus (copied from a PDF), and white space. */
const SEPARATOR = '[\\s\\u2010-\\u2015\\u2212-]';
const READ_AS: Record<string, string> = { I: '1', L: '1', O: '0' };

/**
 * What a typed number may look like, as a regular expression (JSON Schema / ECMAScript syntax, for the API
 * document): separators anywhere, an optional prefix, 16 symbols (Crockford's, the confusable letters, no `U`).
 * The unit tests hold it to `readCertificateNumber`: it accepts exactly what that reads.
 */
export const TYPED_NUMBER_PATTERN = new RegExp(
  `^${SEPARATOR}*(?:[Cc]${SEPARATOR}*[Tt]${SEPARATOR}*[Cc]${SEPARATOR}*[Ee]${SEPARATOR}*)?` +
    `(?:[0-9A-TV-Za-tv-z]${SEPARATOR}*){${SYMBOLS}}$`,
);

/** The canonical number a typed one stands for, or undefined when it cannot be read as one. */
export function readCertificateNumber(typed: string): string | undefined {
  if (typed.length > TYPED_NUMBER_MAX) return undefined;
  const letters = typed.replace(new RegExp(SEPARATOR, 'g'), '');
  // ASCII only, before changing case: `ı` or `ß` must not become `I` or `SS`.
  if (!/^[0-9A-Za-z]*$/.test(letters)) return undefined;
  let text = letters.toUpperCase();
  if (text.length === SYMBOLS + 4 && text.startsWith('CTCE')) text = text.slice(4);
  if (text.length !== SYMBOLS) return undefined;
  const symbols = [...text].map((c) => READ_AS[c] ?? c).join('');
  return [...symbols].every((c) => CROCKFORD.includes(c)) ? canonical(symbols) : undefined;
}
