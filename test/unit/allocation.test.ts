import fc from 'fast-check';
import {
  proposeAllocation,
  type Candidate,
  type Override,
  type ProposalInput,
  type ProviderFacts,
} from '../../shared/domain/allocation';

let n = 0;
const candidate = (over: Partial<Candidate> = {}): Candidate => {
  n++;
  return {
    applicationId: `ap-${String(n).padStart(4, '0')}`,
    personId: `person-${n}`,
    applicantName: `Person ${n}`,
    providerId: `pr-${n}`,
    providerName: `Provider ${n}`,
    region: 'North',
    position: 'direct-service',
    submittedAt: '2026-12-10T10:00:00.000-05:00',
    ...over,
  };
};
const facts = (entries: [string, Partial<ProviderFacts>][]) =>
  new Map(entries.map(([id, f]) => [id, { priority: false, certifiedStaff: 0, ...f }]));
const input = (over: Partial<ProposalInput>): ProposalInput => ({
  kind: 'initial',
  seats: { North: 1, South: 0, West: 0 },
  candidates: [],
  providers: new Map(),
  overrides: new Map(),
  ...over,
});
const seatedIds = (p: ReturnType<typeof proposeAllocation>) =>
  p.lines
    .filter((l) => l.decision === 'seat')
    .map((l) => l.applicationId)
    .sort();

/** Applicants as a property test draws them: region, one of 7 providers, position, minute of submission, expiry. */
const applicantRows = (minLength: number) =>
  fc.array(
    fc.record({
      region: fc.constantFrom('North' as const, 'South' as const, 'West' as const),
      provider: fc.integer({ min: 0, max: 6 }),
      position: fc.constantFrom('direct-service' as const, 'management' as const),
      minute: fc.integer({ min: 0, max: 30 }),
      expiresOn: fc.option(fc.constantFrom('2027-03-01', '2027-05-01', '2028-01-15'), { nil: undefined }),
    }),
    { minLength, maxLength: 40 },
  );

describe('the allocation proposal: each rule decides a case', () => {
  it('1. priority status beats everything after it', () => {
    const plain = candidate({ providerId: 'p1', submittedAt: '2026-12-01T09:00:00.000-05:00' });
    const priority = candidate({
      providerId: 'p2',
      position: 'management',
      submittedAt: '2027-01-10T09:00:00.000-05:00',
    });
    const p = proposeAllocation(
      input({
        candidates: [plain, priority],
        providers: facts([
          ['p1', {}],
          ['p2', { priority: true, certifiedStaff: 4 }],
        ]),
      }),
    );
    expect(seatedIds(p)).toEqual([priority.applicationId]);
    expect(p.lines[0]!.reasons.join(' ')).toMatch(/Provider \d+ has priority status/);
  });

  it('2. regional coverage need: none certified first, then fewer before more', () => {
    const two = candidate({ providerId: 'p2' });
    const one = candidate({ providerId: 'p1' });
    const none = candidate({ providerId: 'p0' });
    const providers = facts([
      ['p0', { certifiedStaff: 0 }],
      ['p1', { certifiedStaff: 1 }],
      ['p2', { certifiedStaff: 2 }],
    ]);
    expect(seatedIds(proposeAllocation(input({ candidates: [two, one, none], providers })))).toEqual([
      none.applicationId,
    ]);
    const p = proposeAllocation(
      input({ seats: { North: 2, South: 0, West: 0 }, candidates: [two, one, none], providers }),
    );
    expect(seatedIds(p)).toEqual([one.applicationId, none.applicationId].sort());
    expect(p.lines.find((l) => l.applicationId === two.applicationId)?.reasons.join(' ')).toContain(
      'has 2 staff members with an active certification',
    );
  });

  it('3. direct-service staff before management/director level', () => {
    const manager = candidate({ position: 'management', submittedAt: '2026-12-01T09:00:00.000-05:00' });
    const direct = candidate({ position: 'direct-service', submittedAt: '2027-01-01T09:00:00.000-05:00' });
    expect(seatedIds(proposeAllocation(input({ candidates: [manager, direct] })))).toEqual([direct.applicationId]);
  });

  it('4. spread: one seat per provider in round 1; further staff only for seats left in round 2', () => {
    const first = candidate({ providerId: 'big', submittedAt: '2026-12-01T09:00:00.000-05:00' });
    const second = candidate({ providerId: 'big', submittedAt: '2026-12-02T09:00:00.000-05:00' });
    const other = candidate({ providerId: 'small', submittedAt: '2026-12-20T09:00:00.000-05:00' });
    const two = proposeAllocation(
      input({ seats: { North: 2, South: 0, West: 0 }, candidates: [first, second, other] }),
    );
    expect(seatedIds(two)).toEqual([first.applicationId, other.applicationId].sort());
    expect(two.lines.find((l) => l.applicationId === second.applicationId)?.reasons.join(' ')).toContain(
      'already has a seat',
    );
    const three = proposeAllocation(
      input({ seats: { North: 3, South: 0, West: 0 }, candidates: [first, second, other] }),
    );
    expect(three.lines.find((l) => l.applicationId === second.applicationId)).toMatchObject({
      decision: 'seat',
      round: 2,
    });
  });

  it('4. spread is statewide: a provider seated in one region waits in another behind providers without a seat', () => {
    const north = candidate({ providerId: 'wide', region: 'North', submittedAt: '2026-12-01T09:00:00.000-05:00' });
    const west = candidate({ providerId: 'wide', region: 'West', submittedAt: '2026-12-02T09:00:00.000-05:00' });
    const westOther = candidate({ providerId: 'local', region: 'West', submittedAt: '2026-12-30T09:00:00.000-05:00' });
    const p = proposeAllocation(
      input({ seats: { North: 1, South: 0, West: 1 }, candidates: [west, westOther, north] }),
    );
    expect(seatedIds(p)).toEqual([north.applicationId, westOther.applicationId].sort());
  });

  it('5. submission time breaks the remaining ties, earliest first', () => {
    const later = candidate({ submittedAt: '2026-12-10T10:00:00.001-05:00' });
    const earlier = candidate({ submittedAt: '2026-12-10T10:00:00.000-05:00' });
    expect(seatedIds(proposeAllocation(input({ candidates: [later, earlier] })))).toEqual([earlier.applicationId]);
  });

  it('0. recertification: the soonest-expiring certification first, before priority', () => {
    const priority = candidate({ providerId: 'p', expiresOn: '2027-09-01' });
    const expiring = candidate({ providerId: 'q', expiresOn: '2027-03-01' });
    const p = proposeAllocation(
      input({
        kind: 'recertification',
        candidates: [priority, expiring],
        providers: facts([
          ['p', { priority: true }],
          ['q', {}],
        ]),
      }),
    );
    expect(seatedIds(p)).toEqual([expiring.applicationId]);
    expect(p.lines[0]!.reasons.join(' ')).toContain('certification expires March 1, 2027');
  });

  it("round 3: a region's unfilled seats go statewide, to the first waitlisted, and still count against that region", () => {
    const north = [candidate({ region: 'North', providerId: 'a' }), candidate({ region: 'North', providerId: 'b' })];
    const p = proposeAllocation(input({ seats: { North: 1, South: 1, West: 0 }, candidates: north }));
    expect(p.lines.map((l) => [l.applicationId, l.decision, l.seatRegion, l.round])).toEqual([
      [north[0]!.applicationId, 'seat', 'North', 1],
      [north[1]!.applicationId, 'seat', 'South', 3],
    ]);
    expect(p.seated).toEqual({ North: 1, South: 1, West: 0 });
    expect(p.lines[1]!.reasons[0]).toContain("Seated in one of South's seats (applied for North");
  });

  it('ADS overrides: seat someone, waitlist someone, each with the reason in the line; an impossible seat says why', () => {
    const top = candidate({ submittedAt: '2026-12-01T09:00:00.000-05:00' });
    const low = candidate({ position: 'management', submittedAt: '2027-01-10T09:00:00.000-05:00' });
    const overrides = new Map<string, Override>([
      [
        low.applicationId,
        {
          decision: 'seat',
          reason: 'Only applicant from the Torrington office',
          by: 'ads-1',
          at: '2027-01-16T09:30:05.000-05:00',
        },
      ],
      [
        top.applicationId,
        { decision: 'waitlist', reason: 'Declined by phone', by: 'ads-1', at: '2027-01-16T14:05:00.000-05:00' },
      ],
    ]);
    const p = proposeAllocation(input({ candidates: [top, low], overrides }));
    expect(seatedIds(p)).toEqual([low.applicationId]);
    expect(p.lines.find((l) => l.applicationId === low.applicationId)?.reasons[0]).toContain(
      'by an ADS override of January 16, 2027 at 9:30:05 AM: Only applicant from the Torrington office',
    );
    expect(p.lines.find((l) => l.applicationId === top.applicationId)?.reasons.join(' ')).toContain(
      'Kept on the waitlist by an ADS override of January 16, 2027 at 2:05:00 PM: Declined by phone',
    );
    const both = new Map<string, Override>([
      [low.applicationId, { decision: 'seat', reason: 'a', by: 'x', at: '2027-01-16T10:00:00.000-05:00' }],
      [top.applicationId, { decision: 'seat', reason: 'b', by: 'x', at: '2027-01-16T10:00:00.000-05:00' }],
    ]);
    const full = proposeAllocation(input({ candidates: [top, low], overrides: both }));
    expect(full.lines.filter((l) => l.decision === 'seat')).toHaveLength(1);
    expect(full.lines.find((l) => l.decision === 'waitlist')?.reasons.join(' ')).toContain("raise North's seats");
  });

  it('waitlists in order, with the statewide and the regional position and why', () => {
    const people = [candidate({ region: 'North' }), candidate({ region: 'South' }), candidate({ region: 'North' })];
    const p = proposeAllocation(input({ seats: { North: 0, South: 0, West: 0 }, candidates: people }));
    expect(p.lines.map((l) => [l.waitlistPosition, l.regionWaitlistPosition, l.region])).toEqual([
      [1, 1, 'North'],
      [2, 1, 'South'],
      [3, 2, 'North'],
    ]);
    expect(p.lines[2]!.reasons[0]).toBe('Waitlisted at position 3 statewide (2 in North).');
    expect(p.lines[2]!.reasons).toContain('North has no seats in this iteration.');
  });

  it('never seats more than a region has, and gives the same answer whatever the input order', () => {
    const arbitrary = applicantRows(0);
    fc.assert(
      fc.property(
        arbitrary,
        fc.record({ North: fc.nat(5), South: fc.nat(5), West: fc.nat(5) }),
        fc.integer(),
        (rows, seats, seed) => {
          const candidates = rows.map((r, i) => ({
            applicationId: `ap-${i}`,
            personId: `person-${i}`,
            applicantName: `P${i}`,
            providerId: `pr-${r.provider}`,
            region: r.region,
            position: r.position,
            submittedAt: new Date(Date.UTC(2026, 11, 1, 0, r.minute)).toISOString(),
          }));
          const providers = facts(
            [...Array(7).keys()].map((i) => [`pr-${i}`, { priority: i === 3, certifiedStaff: i % 3 }]),
          );
          const a = proposeAllocation(input({ seats, candidates, providers }));
          const shuffled = [...candidates].sort(
            (x, y) => ((x.applicationId.charCodeAt(3) * seed) % 7) - ((y.applicationId.charCodeAt(3) * seed) % 7),
          );
          const b = proposeAllocation(input({ seats, candidates: shuffled, providers }));
          expect(b).toEqual(a);
          for (const region of ['North', 'South', 'West'] as const) {
            const own = a.lines.filter(
              (l) => l.decision === 'seat' && l.seatRegion === region && l.region === region,
            ).length;
            expect(a.seated[region]).toBeLessThanOrEqual(seats[region]);
            // A region's own applicants get its seats before anyone from elsewhere.
            expect(own).toBe(Math.min(seats[region], candidates.filter((c) => c.region === region).length));
          }
          expect(a.lines.filter((l) => l.decision === 'seat')).toHaveLength(
            Math.min(seats.North + seats.South + seats.West, candidates.length),
          );
          expect(a.lines).toHaveLength(candidates.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ranks the same whether the submission times are minutes or centuries apart', () => {
    // Minutes apart, everyone fits one sortable number per applicant; 250 years a minute, the numbers would pass
    // 2^53 and the applicants are compared pair by pair. Either way the order of the times is the same.
    const arbitrary = applicantRows(12);
    const providers = facts([...Array(7).keys()].map((i) => [`pr-${i}`, { priority: i === 3, certifiedStaff: i % 3 }]));
    fc.assert(
      fc.property(
        arbitrary,
        fc.record({ North: fc.nat(5), South: fc.nat(5), West: fc.nat(5) }),
        fc.constantFrom('initial' as const, 'recertification' as const),
        (rows, seats, kind) => {
          const proposal = (at: (minute: number) => number) => {
            const candidates = [{ minute: 0 }, { minute: 30 }, ...rows].map((r, i) => ({
              applicationId: `ap-${i}`,
              personId: `person-${i}`,
              applicantName: `P${i}`,
              providerId: `pr-${'provider' in r ? r.provider : 0}`,
              region: 'region' in r ? r.region : ('North' as const),
              position: 'position' in r ? r.position : ('direct-service' as const),
              expiresOn: 'expiresOn' in r ? r.expiresOn : undefined,
              submittedAt: new Date(at(r.minute)).toISOString(),
            }));
            return proposeAllocation(input({ kind, seats, candidates, providers })).lines.map(
              ({ applicationId, rank, decision, round, seatRegion, waitlistPosition, regionWaitlistPosition }) => [
                applicationId,
                rank,
                decision,
                round,
                seatRegion,
                waitlistPosition,
                regionWaitlistPosition,
              ],
            );
          };
          expect(proposal((minute) => Date.UTC(1971 + minute * 250, 0, 1))).toEqual(
            proposal((minute) => Date.UTC(2026, 11, 1, 0, minute)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
