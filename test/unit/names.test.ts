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
