import { dirname, join } from 'node:path';
import transliterate from '@sindresorhus/transliterate';
import fc from 'fast-check';
import { nameLettersFile } from '../../scripts/name-letters-source';
import { nameSuffixes, normalizeEmail, normalizeName } from '../../shared/domain/names';

describe('name normalization (one function for indexing and searching)', () => {
  it.each([
    ['Éloïse Tremblay', 'eloise tremblay'],
    ['ÉLOÏSE', 'eloise'],
    ['Łukasz Wałęsa', 'lukasz walesa'],
    ['Søren Kierkegaard', 'soren kierkegaard'],
    ['Đorđe Đoković', 'dorde dokovic'],
    ['Johann Strauß', 'johann strauss'],
    ['Ærø', 'aero'],
    ['Œuvre', 'oeuvre'],
    ['José  Núñez ', 'jose nunez'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
  ])('%s → %s', (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });

  it('indexes a name from each of its words on, so a surname is a prefix of one entry', () => {
    expect(nameSuffixes('Ana María Pérez')).toEqual(['ana maria perez', 'maria perez', 'perez']);
    expect(nameSuffixes('Ana Ana')).toEqual(['ana ana', 'ana']);
    expect(nameSuffixes('  ')).toEqual([]);
  });

  it('compares emails without case', () => {
    expect(normalizeEmail(' Pat.Smith@Provider.Example.ORG ')).toBe('pat.smith@provider.example.org');
  });
});

/**
 * `normalizeName` spells letters with a table generated from @sindresorhus/transliterate down to what a name can
 * hold after NFKD (`scripts/name-letters-source.ts`). It must answer exactly as the package did, or names indexed
 * before would no longer be found: every character of the Basic Multilingual Plane, every letter of the package's
 * table in a word, and random strings of any Unicode.
 */
describe('name normalization answers as @sindresorhus/transliterate', () => {
  const withPackage = (name: string) =>
    transliterate(name.normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase().replace(/\s+/g, ' ').trim();

  it('for every character of the Basic Multilingual Plane', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (normalizeName(char) !== withPackage(char)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it("for every letter of the package's table, inside a word", () => {
    const file = join(dirname(require.resolve('@sindresorhus/transliterate')), 'replacements.js');
    const table = [...(require(file) as { default: Iterable<[string, string]> }).default];
    expect(table.length).toBeGreaterThan(1800);
    for (const [l] of table) expect([l, normalizeName(`Ab${l}cd ${l}`)]).toEqual([l, withPackage(`Ab${l}cd ${l}`)]);
  });

  it('for random text in any script', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (a, b) => {
          expect(normalizeName(a)).toBe(withPackage(a));
          expect(normalizeName(b)).toBe(withPackage(b));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('the generated table is current', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync('shared/domain/name-letters.generated.ts', 'utf8')).toBe(await nameLettersFile());
  });
});
