import { costFree, demandPlan } from '../../shared/domain/provider';

describe('cost-free training', () => {
  it.each([
    ['yes', 'yes', true],
    ['intends', 'yes', true],
    ['yes', 'intends', true],
    ['intends', 'intends', true],
    ['no', 'yes', false],
    ['yes', 'no', false],
    ['no', 'no', false],
  ] as const)('ADS %s, DDS %s → %s (contracts, or intends to, with both)', (ads, dds, free) => {
    expect(costFree({ contractsWithAds: ads, contractsWithDds: dds })).toBe(free);
  });
});

describe('demand planning', () => {
  const at = (count: number) => ({ count, reportedAt: '2027-01-01T00:00:00.000-05:00', applicationId: 'ap-x' });

  it('lists a provider under each region it covers and once statewide, by its latest figure, largest first', () => {
    const plan = demandPlan([
      { id: 'p-wide', name: 'Wide Supports', regions: ['North', 'South'], futureStaff: at(3) },
      { id: 'p-big', name: 'Big North', regions: ['North'], futureStaff: at(5) },
      { id: 'p-able', name: 'Able North', regions: ['North'], futureStaff: at(3) },
      { id: 'p-zero', name: 'Zero West', regions: ['West'], futureStaff: at(0) },
      { id: 'p-none', name: 'Silent West', regions: ['West'] },
    ]);
    expect(plan).toEqual({
      regions: {
        North: {
          providers: [
            { id: 'p-big', name: 'Big North', futureStaff: 5 },
            { id: 'p-able', name: 'Able North', futureStaff: 3 },
            { id: 'p-wide', name: 'Wide Supports', futureStaff: 3 },
          ],
          total: 11,
        },
        South: { providers: [{ id: 'p-wide', name: 'Wide Supports', futureStaff: 3 }], total: 3 },
        West: { providers: [], total: 0 },
      },
      statewide: { providers: 3, total: 11 },
    });
  });
});
