import { LATIN_SPELLINGS } from './name-letters.generated';

/** The table as a map and one pattern, longer letters first (Armenian `ու` before `ո`) as the package matches them. */
let table: { spellings: Map<string, string>; letters: RegExp } | undefined;
function letterTable() {
  if (table) return table;
  const spellings = new Map(LATIN_SPELLINGS);
  const letters = new RegExp(
    [...spellings.keys()]
      .sort((a, b) => b.length - a.length)
      .map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'gu',
  );
  table = { spellings, letters };
  return table;
}

/**
 * @sindresorhus/transliterate's steps (its table, then diacritics dropped and dashes made hyphens), on text whose
 * accented letters NFKD has already split: its table is generated down to the letters such text can hold
 * (`scripts/name-letters-source.ts`), and a unit test holds the two to the same answers.
 */
function spellInLatin(text: string): string {
  const { spellings, letters } = letterTable();
  return text
    .normalize()
    .replace(letters, (l) => spellings.get(l) ?? l)
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .normalize()
    .replace(/\p{Dash_Punctuation}/gu, '-');
}

/**
 * Names compare and sort without case, accents or letters that are not plain Latin: "Éloïse" is found by
 * "eloise", "Łukasz" by "lukasz", "Strauß" by "strauss", "Ærø" by "aero". One function serves indexing and
 * searching alike, so what is stored and what is typed always meet. NFKD splits accented letters from their
 * marks (dropped); transliteration then spells the letters NFKD leaves whole (ł, ø, đ, ß, æ, œ, þ …) in Latin.
 */
export const normalizeName = (name: string): string =>
  spellInLatin(name.normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * What a name is indexed under so that any of its words starts a match: the normalized name from each word on
 * ("ana maria perez", "maria perez", "perez"). A search for a surname, or for a middle name, is a prefix of one.
 * Repeated suffixes (a name of one word twice) are listed once.
 */
export function nameSuffixes(name: string): string[] {
  const words = normalizeName(name).split(' ').filter(Boolean);
  return [...new Set(words.map((_, i) => words.slice(i).join(' ')))];
}

/** Emails compare without case or surrounding spaces (the address as the sign-in verified it, otherwise). */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
