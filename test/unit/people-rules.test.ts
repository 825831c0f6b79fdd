import { recertificationUnderWay } from '../../shared/domain/application';
import { RuleBroken } from '../../shared/domain/errors';
import { assertWorksFor } from '../../shared/domain/person';
import { departureGrantsPriority } from '../../shared/domain/provider';

describe('departures', () => {
  it('are recorded against the provider the profile names', () => {
    expect(() => assertWorksFor({ providerId: 'pr-1' }, 'pr-1')).not.toThrow();
    for (const person of [{ providerId: 'pr-2' }, {}]) {
      let error: unknown;
      try {
        assertWorksFor(person, 'pr-1');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RuleBroken);
      expect((error as RuleBroken).problems.map((p) => [p.field, p.code])).toEqual([['providerId', 'not_member']]);
    }
  });

  it('grant priority when they leave no staff with an active certification, unless the provider has it', () => {
    const priority = { since: '2027-01-01', reason: 'ADS', source: 'ads' as const };
    expect(departureGrantsPriority(0, {})).toBe(true);
    expect(departureGrantsPriority(1, {})).toBe(false);
    expect(departureGrantsPriority(0, { priority })).toBe(false);
  });
});

describe('a recertification under way', () => {
  it('is an application to a recertification iteration still in play', () => {
    const to = (iterationKind: 'initial' | 'recertification', status: 'endorsed' | 'withdrawn' | 'enrolled') => ({
      iterationKind,
      status,
    });
    expect(recertificationUnderWay([to('recertification', 'endorsed')])).toBe(true);
    expect(recertificationUnderWay([to('recertification', 'enrolled')])).toBe(true);
    expect(recertificationUnderWay([to('recertification', 'withdrawn'), to('initial', 'endorsed')])).toBe(false);
    expect(recertificationUnderWay([])).toBe(false);
  });
});
