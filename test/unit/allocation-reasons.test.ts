import { proposeAllocation, type Candidate, type Override, type ProposalInput } from '../../shared/domain/allocation';

/**
 * The allocation proposal read line by line as ADS reads it (README, "Allocation, offers and waitlists"): the
 * order of the lines, each line's rank and position, and every reason in words.
 */
const candidate = (applicationId: string, over: Partial<Candidate> = {}): Candidate => ({
  applicationId,
  personId: `person-${applicationId}`,
  applicantName: `Name ${applicationId}`,
  region: 'North',
  position: 'direct-service',
  submittedAt: '2026-12-10T10:00:00.000-05:00',
  ...over,
});
const on = (day: number) => `2026-12-${String(day).padStart(2, '0')}T09:00:00.000-05:00`;
const input = (over: Partial<ProposalInput>): ProposalInput => ({
  kind: 'initial',
  seats: { North: 1, South: 0, West: 0 },
  candidates: [],
  providers: new Map(),
  overrides: new Map(),
  ...over,
});
const RULE =
  'Order: priority status, then providers with fewer staff holding an active certification, then direct-service staff, then earlier applications; one seat per provider in round 1, further staff only for seats left in round 2.';
const summary = (p: ReturnType<typeof proposeAllocation>) =>
  p.lines.map((l) =>
    l.decision === 'seat'
      ? [l.applicationId, l.rank, `seat ${l.seatRegion} round ${l.round}`, ...l.reasons]
      : [
          l.applicationId,
          l.rank,
          `waitlist ${l.waitlistPosition} (${l.regionWaitlistPosition} in ${l.region})`,
          ...l.reasons,
        ],
  );

describe('an initial iteration, every kind of line', () => {
  const candidates = [
    candidate('ap-1', { providerId: 'p-harbor', providerName: 'Harbor', submittedAt: on(1) }),
    candidate('ap-2', { providerId: 'p-harbor', providerName: 'Harbor', submittedAt: on(2) }),
    candidate('ap-3', { providerId: 'p-oak', providerName: 'Oak', position: 'management', submittedAt: on(3) }),
    candidate('ap-4', { region: 'West', submittedAt: on(4) }),
    candidate('ap-5', { providerId: 'p-pine', providerName: 'Pine', region: 'West', submittedAt: on(5) }),
    // Elm is not in the directory's facts: no priority, nobody certified.
    candidate('ap-6', { providerId: 'p-elm', providerName: 'Elm', submittedAt: on(6) }),
  ];
  const providers = new Map([
    ['p-harbor', { priority: true, certifiedStaff: 1 }],
    ['p-oak', { priority: false, certifiedStaff: 0 }],
    ['p-pine', { priority: false, certifiedStaff: 2 }],
  ]);

  it('seats by region and rank, then the waitlist in order, each line saying why in words', () => {
    const proposal = proposeAllocation(input({ seats: { North: 2, South: 1, West: 1 }, candidates, providers }));
    expect(summary(proposal)).toEqual([
      [
        'ap-1',
        1,
        'seat North round 1',
        "Seated in North in round 1: among the strongest claims for North's 2 seats.",
        'Ranked on: Harbor has priority status; Harbor has 1 staff member with an active certification; provides direct service; applied December 1, 2026 at 9:00:00 AM.',
        RULE,
      ],
      [
        'ap-6',
        4,
        'seat North round 1',
        "Seated in North in round 1: among the strongest claims for North's 2 seats.",
        'Ranked on: no priority status; Elm has no staff with an active certification; provides direct service; applied December 6, 2026 at 9:00:00 AM.',
        RULE,
      ],
      [
        'ap-3',
        5,
        'seat South round 3',
        "Seated in one of South's seats (applied for North, whose seats were all taken): South had a seat no South applicant needed, and unfilled seats are offered statewide.",
        'Ranked on: no priority status; Oak has no staff with an active certification; management/director level; applied December 3, 2026 at 9:00:00 AM.',
        RULE,
      ],
      [
        'ap-4',
        3,
        'seat West round 1',
        "Seated in West in round 1: among the strongest claims for West's 1 seat.",
        'Ranked on: no priority status; self-hired (no provider); provides direct service; applied December 4, 2026 at 9:00:00 AM.',
        RULE,
      ],
      [
        'ap-5',
        6,
        'waitlist 1 (1 in West)',
        'Waitlisted at position 1 statewide (1 in West).',
        "West's 1 seat went to applicants ranked higher.",
        'Ranked on: no priority status; Pine has 2 staff members with an active certification; provides direct service; applied December 5, 2026 at 9:00:00 AM.',
        RULE,
      ],
      [
        'ap-2',
        2,
        'waitlist 2 (1 in North)',
        'Waitlisted at position 2 statewide (1 in North).',
        "North's 2 seats went to applicants ranked higher; Harbor already has a seat, so further staff wait behind providers without one.",
        'Ranked on: Harbor has priority status; Harbor has 1 staff member with an active certification; provides direct service; applied December 2, 2026 at 9:00:00 AM.',
        RULE,
      ],
    ]);
    expect([proposal.seated, proposal.waitlisted]).toEqual([{ North: 2, South: 1, West: 1 }, 2]);
  });

  it('round 2 names the provider whose further employee takes a seat left unfilled', () => {
    const p = proposeAllocation(
      input({
        seats: { North: 3, South: 0, West: 0 },
        candidates: [
          candidate('ap-a', { providerId: 'p-big', providerName: 'Big', submittedAt: on(1) }),
          candidate('ap-b', { providerId: 'p-big', providerName: 'Big', submittedAt: on(2) }),
          candidate('ap-c', { providerId: 'p-small', providerName: 'Small', submittedAt: on(3) }),
        ],
      }),
    );
    expect(p.lines.find((l) => l.applicationId === 'ap-b')?.reasons[0]).toBe(
      'Seated in North in round 2: a seat left unfilled in round 1, offered to a further employee of Big.',
    );
  });

  it('a certification expiry plays no part outside recertification', () => {
    const p = proposeAllocation(
      input({
        candidates: [
          candidate('ap-early', { providerId: 'p1', submittedAt: on(1), expiresOn: '2029-01-01' }),
          candidate('ap-expiring', { providerId: 'p2', submittedAt: on(2), expiresOn: '2027-02-01' }),
        ],
      }),
    );
    expect(p.lines[0]).toMatchObject({ applicationId: 'ap-early', decision: 'seat' });
    expect(p.lines.flatMap((l) => l.reasons).join(' ')).not.toMatch(/certification expires|no certification on record/);
  });
});

describe('a recertification iteration', () => {
  const candidates = [
    candidate('ap-r1', { providerId: 'p-ash', providerName: 'Ash', expiresOn: '2027-05-01', submittedAt: on(2) }),
    // Earlier, and with priority, but no certification on record: last.
    candidate('ap-r2', { providerId: 'p-nameless', submittedAt: on(1) }),
    // Expires with r1: priority decides between them.
    candidate('ap-r3', { providerId: 'p-birch', providerName: 'Birch', expiresOn: '2027-05-01', submittedAt: on(3) }),
  ];
  const providers = new Map([
    ['p-ash', { priority: false, certifiedStaff: 0 }],
    ['p-nameless', { priority: true, certifiedStaff: 0 }],
    ['p-birch', { priority: true, certifiedStaff: 3 }],
  ]);
  const RECERT = `Recertification: the soonest-expiring certification first. ${RULE}`;

  it('ranks the soonest expiry first, a certification on record before none, then the usual factors', () => {
    for (const order of [candidates, [...candidates].reverse()]) {
      const p = proposeAllocation(input({ kind: 'recertification', candidates: order, providers }));
      expect(summary(p)).toEqual([
        [
          'ap-r3',
          1,
          'seat North round 1',
          "Seated in North in round 1: among the strongest claims for North's 1 seat.",
          'Ranked on: certification expires May 1, 2027; Birch has priority status; Birch has 3 staff members with an active certification; provides direct service; applied December 3, 2026 at 9:00:00 AM.',
          RECERT,
        ],
        [
          'ap-r1',
          2,
          'waitlist 1 (1 in North)',
          'Waitlisted at position 1 statewide (1 in North).',
          "North's 1 seat went to applicants ranked higher.",
          'Ranked on: certification expires May 1, 2027; no priority status; Ash has no staff with an active certification; provides direct service; applied December 2, 2026 at 9:00:00 AM.',
          RECERT,
        ],
        [
          'ap-r2',
          3,
          'waitlist 2 (2 in North)',
          'Waitlisted at position 2 statewide (2 in North).',
          "North's 1 seat went to applicants ranked higher.",
          'Ranked on: no certification on record; the provider has priority status; the provider has no staff with an active certification; provides direct service; applied December 1, 2026 at 9:00:00 AM.',
          RECERT,
        ],
      ]);
    }
  });
});

describe('ties, overrides and the spread', () => {
  it('identical claims are ordered by application id, whatever the input order', () => {
    const same = ['ap-c', 'ap-a', 'ap-d', 'ap-b'].map((id) => candidate(id, { providerId: `p-${id}` }));
    for (const order of [same, [...same].reverse(), [same[2]!, same[0]!, same[3]!, same[1]!]]) {
      const p = proposeAllocation(input({ candidates: order }));
      expect(p.lines.map((l) => l.applicationId)).toEqual(['ap-a', 'ap-b', 'ap-c', 'ap-d']);
    }
  });

  it("a seat given by override counts as the provider's seat in round 1", () => {
    const overrides = new Map<string, Override>([
      [
        'ap-x',
        {
          decision: 'seat',
          reason: 'Only applicant from Torrington',
          by: 'ads-1',
          at: '2027-01-16T10:00:00.000-05:00',
        },
      ],
    ]);
    const p = proposeAllocation(
      input({
        seats: { North: 2, South: 0, West: 0 },
        candidates: [
          candidate('ap-y', { providerId: 'p', providerName: 'P', submittedAt: on(1) }),
          candidate('ap-x', { providerId: 'p', providerName: 'P', position: 'management', submittedAt: on(9) }),
          candidate('ap-z', { providerId: 'q', providerName: 'Q', submittedAt: on(5) }),
        ],
        overrides,
      }),
    );
    expect(p.lines.map((l) => [l.applicationId, l.decision, l.reasons[0]])).toEqual([
      ['ap-z', 'seat', "Seated in North in round 1: among the strongest claims for North's 2 seats."],
      [
        'ap-x',
        'seat',
        'Seated in North by an ADS override of January 16, 2027 at 10:00:00 AM: Only applicant from Torrington',
      ],
      ['ap-y', 'waitlist', 'Waitlisted at position 1 statewide (1 in North).'],
    ]);
  });

  it('an override ADS cannot honor, and one that keeps someone waiting, say so', () => {
    const overrides = new Map<string, Override>([
      ['ap-1', { decision: 'seat', reason: 'a', by: 'ads-1', at: '2027-01-16T10:00:00.000-05:00' }],
      ['ap-2', { decision: 'seat', reason: 'b', by: 'ads-1', at: '2027-01-16T10:00:00.000-05:00' }],
      ['ap-3', { decision: 'waitlist', reason: 'Declined by phone', by: 'ads-2', at: '2027-01-17T15:30:00.000-05:00' }],
    ]);
    const p = proposeAllocation(
      input({
        candidates: ['ap-1', 'ap-2', 'ap-3'].map((id, i) =>
          candidate(id, { providerId: `p-${id}`, submittedAt: on(i + 1) }),
        ),
        overrides,
      }),
    );
    expect(p.lines.map((l) => [l.applicationId, l.decision, l.reasons[1]])).toEqual([
      ['ap-1', 'seat', RULE],
      [
        'ap-2',
        'waitlist',
        "ADS asked to seat this applicant (b), but North has only 1 seat, all taken by other overrides: raise North's seats to honor it.",
      ],
      [
        'ap-3',
        'waitlist',
        'Kept on the waitlist by an ADS override of January 17, 2027 at 3:30:00 PM: Declined by phone',
      ],
    ]);
  });

  it('self-hired applicants are each their own agency: no spread rule between them', () => {
    const p = proposeAllocation(
      input({
        seats: { North: 2, South: 0, West: 0 },
        candidates: [candidate('ap-s1', { submittedAt: on(1) }), candidate('ap-s2', { submittedAt: on(2) })],
      }),
    );
    expect(p.lines.map((l) => [l.applicationId, l.decision, l.round])).toEqual([
      ['ap-s1', 'seat', 1],
      ['ap-s2', 'seat', 1],
    ]);
  });

  it('a provider known only by its id is "the provider" in the reasons', () => {
    const p = proposeAllocation(
      input({
        seats: { North: 2, South: 0, West: 0 },
        candidates: [
          candidate('ap-n1', { providerId: 'p-anon', submittedAt: on(1) }),
          candidate('ap-n2', { providerId: 'p-anon', submittedAt: on(2) }),
          candidate('ap-n3', { providerId: 'p-anon', submittedAt: on(3) }),
        ],
        providers: new Map([['p-anon', { priority: false, certifiedStaff: 1 }]]),
      }),
    );
    expect(p.lines.map((l) => l.reasons.slice(0, 2))).toEqual([
      [
        "Seated in North in round 1: among the strongest claims for North's 2 seats.",
        'Ranked on: no priority status; the provider has 1 staff member with an active certification; provides direct service; applied December 1, 2026 at 9:00:00 AM.',
      ],
      [
        'Seated in North in round 2: a seat left unfilled in round 1, offered to a further employee of a seated provider.',
        'Ranked on: no priority status; the provider has 1 staff member with an active certification; provides direct service; applied December 2, 2026 at 9:00:00 AM.',
      ],
      [
        'Waitlisted at position 1 statewide (1 in North).',
        "North's 2 seats went to applicants ranked higher; this provider already has a seat, so further staff wait behind providers without one.",
      ],
    ]);
  });

  it('a provider seated in round 3 has its further staff wait behind providers without a seat', () => {
    const p = proposeAllocation(
      input({
        seats: { North: 1, South: 1, West: 0 },
        candidates: [
          candidate('ap-a', { providerId: 'p', submittedAt: on(1) }),
          candidate('ap-b', { providerId: 'r', submittedAt: on(2) }),
          candidate('ap-e', { providerId: 'r', submittedAt: on(3) }),
          candidate('ap-d', { providerId: 's', submittedAt: on(4) }),
        ],
      }),
    );
    expect(p.lines.map((l) => [l.applicationId, l.decision, l.seatRegion ?? l.waitlistPosition])).toEqual([
      ['ap-a', 'seat', 'North'],
      ['ap-b', 'seat', 'South'],
      ['ap-d', 'waitlist', 1],
      ['ap-e', 'waitlist', 2],
    ]);
  });
});

describe('submission times in words', () => {
  it("reads Connecticut's clock to the second, across its changes of offset and before standard time", () => {
    const applied = (submittedAt: string) =>
      proposeAllocation(
        input({ seats: { North: 0, South: 0, West: 0 }, candidates: [candidate('ap-1', { submittedAt })] }),
      ).lines[0]!.reasons[2]!.replace(/^.*; applied /, '');
    expect(
      [
        '2027-03-14T06:59:59.999Z',
        '2027-03-14T07:00:00.000Z',
        '2027-11-07T05:59:59.000Z',
        '2027-11-07T06:00:01.000Z',
        '2026-12-31T23:59:59.000-05:00',
        // Local mean time (-4:56:02) until standard time began: the clock's minutes are not UTC's.
        '1850-06-01T12:00:00.000Z',
        '1883-11-18T16:30:00.000Z',
        '1883-11-18T17:30:00.000Z',
      ].map(applied),
    ).toEqual([
      'March 14, 2027 at 1:59:59 AM.',
      'March 14, 2027 at 3:00:00 AM.',
      'November 7, 2027 at 1:59:59 AM.',
      'November 7, 2027 at 1:00:01 AM.',
      'December 31, 2026 at 11:59:59 PM.',
      'June 1, 1850 at 7:03:58 AM.',
      'November 18, 1883 at 11:33:58 AM.',
      'November 18, 1883 at 12:30:00 PM.',
    ]);
  });
});
