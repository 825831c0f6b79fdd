import { applicationProblem, WITHDRAWABLE } from '../../shared/domain/application';

/** Who may apply to an iteration now (README, "Accounts, providers and applications"). */
const ok = {
  windowState: 'open' as const,
  published: true,
  region: 'North' as const,
  providerRegions: ['North', 'West'] as ('North' | 'West')[],
  iterationKind: 'initial' as const,
};

describe('applying to an iteration', () => {
  it('is possible in an open window of a published iteration, for a region the provider covers', () => {
    expect(applicationProblem(ok)).toBeUndefined();
  });

  it('a self-hired person (no provider) may compete for any region', () => {
    expect(applicationProblem({ ...ok, region: 'South', providerRegions: undefined })).toBeUndefined();
  });

  it.each([
    ['an unpublished iteration', { published: false }, 'iterationId', 'not_published', /not open to applications/],
    ['a window not open yet', { windowState: 'upcoming' }, 'iterationId', 'window_not_open', /not opened yet/],
    ['a window already closed', { windowState: 'closed' }, 'iterationId', 'window_closed', /has closed/],
    [
      'a region the provider does not cover',
      { region: 'South' },
      'region',
      'region_not_covered',
      /does not cover the South region/,
    ],
    [
      'a recertification iteration, for someone not eligible',
      {
        iterationKind: 'recertification',
        recertification: { mayApply: false, reason: 'A recertification course is for holders of …' },
      },
      'iterationId',
      'not_eligible',
      /^A recertification course is for holders of …$/,
    ],
  ] as const)('is refused for %s, naming the field and why', (_, change, field, code, message) => {
    expect(applicationProblem({ ...ok, ...change })).toEqual({ field, code, message: expect.stringMatching(message) });
  });

  it('a recertification iteration is open to someone eligible', () => {
    expect(
      applicationProblem({
        ...ok,
        iterationKind: 'recertification',
        recertification: { mayApply: true, reason: 'You may apply' },
      }),
    ).toBeUndefined();
  });

  it('says the first thing to fix: publication, then the window, then the region, then eligibility', () => {
    const everything = {
      published: false,
      windowState: 'closed' as const,
      region: 'South' as const,
      iterationKind: 'recertification' as const,
    };
    expect(applicationProblem({ ...ok, ...everything })?.code).toBe('not_published');
    expect(applicationProblem({ ...ok, ...everything, published: true })?.code).toBe('window_closed');
    expect(applicationProblem({ ...ok, ...everything, published: true, windowState: 'open' })?.code).toBe(
      'region_not_covered',
    );
    expect(
      applicationProblem({ ...ok, ...everything, published: true, windowState: 'open', region: 'North' })?.code,
    ).toBe('not_eligible');
  });
});

describe('withdrawing', () => {
  it('is possible until the application is closed one way or another', () => {
    expect(WITHDRAWABLE).toEqual([
      'submitted',
      'not-endorsed',
      'endorsed',
      'waitlisted',
      'offered',
      'accepted',
      'enrolled',
    ]);
  });
});
