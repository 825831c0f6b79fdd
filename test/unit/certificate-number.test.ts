import fc from 'fast-check';
import {
  newCertificateNumber,
  readCertificateNumber,
  TYPED_NUMBER_MAX,
  TYPED_NUMBER_PATTERN,
} from '../../shared/domain/certificate-number';
import { CROCKFORD } from '../../shared/domain/ids';

const CANONICAL = /^CT-CE-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const symbols = fc.array(fc.constantFrom(...CROCKFORD), { minLength: 16, maxLength: 16 }).map((s) => s.join(''));
const number = symbols.map((s) => `CT-CE-${s.match(/.{4}/g)!.join('-')}`);
const separators = fc.array(fc.constantFrom('-', ' ', '\u2010', '\u2013', '\u2014', '\u2212', '\t', '\u00a0'), {
  maxLength: 2,
});

/** How a person might type a number from paper: any case, separators anywhere or none, confusable letters. */
const typed = (canonical: string) =>
  fc
    .record({
      prefix: fc.boolean(),
      cases: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
      confuse: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
      gaps: fc.array(separators, { minLength: 21, maxLength: 21 }),
    })
    .map(({ prefix, cases, confuse, gaps }) => {
      const letters = canonical.replace(/-/g, '').slice(prefix ? 0 : 4);
      let out = gaps[0]!.join('');
      [...letters].forEach((c, i) => {
        let shown = c;
        if (confuse[i] && c === '1') shown = i % 2 ? 'I' : 'L';
        if (confuse[i] && c === '0') shown = 'O';
        out += (cases[i] ? shown.toLowerCase() : shown) + gaps[i + 1]!.join('');
      });
      return out;
    });

describe('reading a certificate number as typed from paper', () => {
  it('reads every typed variant of a number as that number', () => {
    fc.assert(
      fc.property(
        number.chain((n) => fc.tuple(fc.constant(n), typed(n))),
        ([canonical, input]) => readCertificateNumber(input) === canonical,
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves a canonical number as it is, and what it reads is canonical (idempotent)', () => {
    fc.assert(
      fc.property(fc.oneof(number, fc.string({ maxLength: 40 })), (input) => {
        const read = readCertificateNumber(input);
        return read === undefined || (CANONICAL.test(read) && readCertificateNumber(read) === read);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(number, (n) => readCertificateNumber(n) === n));
  });

  it.each([
    ['lower case, no hyphens', 'ct-ce-7qj3z0k8d2m4x9vb', 'CT-CE-7QJ3-Z0K8-D2M4-X9VB'],
    ['spaces instead of hyphens', 'CT CE 7QJ3 Z0K8 D2M4 X9VB', 'CT-CE-7QJ3-Z0K8-D2M4-X9VB'],
    ['no prefix', '7QJ3-Z0K8-D2M4-X9VB', 'CT-CE-7QJ3-Z0K8-D2M4-X9VB'],
    ['O for zero, I and L for one', 'CT-CE-OOOO-IIII-LLLL-oil1', 'CT-CE-0000-1111-1111-0111'],
    ['dashes copied from a PDF', 'CT\u2013CE\u20137QJ3\u2010Z0K8\u2212D2M4\u2014X9VB', 'CT-CE-7QJ3-Z0K8-D2M4-X9VB'],
    ['surrounding spaces', '  CT-CE-7QJ3-Z0K8-D2M4-X9VB ', 'CT-CE-7QJ3-Z0K8-D2M4-X9VB'],
    ['a prefix-looking code without prefix', 'CTCE-0000-1111-2222', 'CT-CE-CTCE-0000-1111-2222'],
  ])('reads %s', (_what, input, expected) => {
    expect(readCertificateNumber(input)).toBe(expected);
  });

  it.each([
    ['U, which Crockford leaves out', 'CT-CE-UUUU-0000-0000-0000'],
    ['a symbol too few', 'CT-CE-0000-0000-0000-000'],
    ['a symbol too many', 'CT-CE-0000-0000-0000-00000'],
    ['another prefix', 'CT-XX-0000-0000-0000-0000'],
    ['punctuation', 'CT-CE-0000.0000.0000.0000'],
    ['letters that look ASCII only when upper-cased (dotless ı)', 'CT-CE-ıııı-0000-0000-0000'],
    ['ß, which upper-cases to two letters', 'CT-CE-0000-0000-0000-00ß'],
    ['nothing', ''],
    ['text longer than any number', `${'-'.repeat(TYPED_NUMBER_MAX)}CT-CE-0000-0000-0000-0000`],
  ])('cannot read %s', (_what, input) => {
    expect(readCertificateNumber(input)).toBeUndefined();
  });

  it('is described truly by the pattern the API document gives: it matches exactly what can be read', () => {
    const near = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcuvxyzılß -–−.\u00a0'),
      maxLength: 30,
    });
    const inputs = fc.oneof(near, number.chain(typed), fc.string({ maxLength: 30 }));
    fc.assert(
      fc.property(inputs, (input) => TYPED_NUMBER_PATTERN.test(input) === (readCertificateNumber(input) !== undefined)),
      { numRuns: 5000 },
    );
  });

  it('mints numbers it reads back unchanged', () => {
    for (let i = 0; i < 200; i++) {
      const minted = newCertificateNumber();
      expect(minted).toMatch(CANONICAL);
      expect(readCertificateNumber(minted.toLowerCase().replace(/-/g, ''))).toBe(minted);
    }
  });
});
