import { randomBytes } from 'node:crypto';
import { newId, randomCode } from '../../shared/domain/ids';
import { normalizeName } from '../../shared/domain/names';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual('node:crypto');
  return { ...actual, randomBytes: jest.fn(actual.randomBytes) };
});
const nextBytes = (bytes: number[]) => (randomBytes as unknown as jest.Mock).mockReturnValueOnce(Buffer.from(bytes));

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]*$/;

describe('random codes (certificate numbers, record ids, link tokens)', () => {
  it('are the Crockford base32 of random bytes, the last character padded', () => {
    nextBytes([0x00]);
    expect(randomCode(1)).toBe('00');
    nextBytes([0xff]);
    expect(randomCode(1)).toBe('ZW');
    nextBytes([0x12, 0x34, 0x56, 0x78, 0x9a]);
    expect(randomCode(5)).toBe('28T5CY4T');
    nextBytes([0xde, 0xad, 0xbe, 0xef]);
    expect(randomCode(4)).toBe('VTPVXVR');
  });

  it('use all 32 characters, none of I, L, O or U, five bits each', () => {
    const codes = Array.from({ length: 400 }, () => randomCode(10));
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(new Set(codes.join('')).size).toBe(32);
    expect(randomCode(3)).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(CROCKFORD.test(randomCode(7))).toBe(true);
  });

  it('make record ids: a readable prefix and 80 random bits', () => {
    expect(newId('it')).toMatch(/^it-[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(newId('it')).not.toBe(newId('it'));
  });
});

describe('names, as they are compared and sorted', () => {
  it('ignore case, accents and spacing', () => {
    expect(normalizeName('  Éloïse   DUPONT\t')).toBe('eloise dupont');
    expect(normalizeName('Zoë')).toBe(normalizeName('zoe'));
  });

  it('fold compatibility forms (full-width letters) too', () => {
    expect(normalizeName('Ａｎｎ Ｌｅｅ')).toBe('ann lee');
  });
});
