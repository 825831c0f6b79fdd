import type { Position } from './person';
import { toCtIso } from './calendar/time';
import { REGIONS, type Region } from './vocabulary';

/**
 * The allocation proposal: a pure, deterministic function of the endorsed applications, the directory and ADS's
 * overrides. Seats belong to regions; each applicant competes for a seat in the region named on the application.
 *
 * Ranking (earlier factor decides; later ones only break ties):
 *   0. recertification iterations only: the soonest-expiring certification first;
 *   1. providers with priority status;
 *   2. regional coverage need: providers with no staff holding an active certification first, then fewer before
 *      more (a provider's certified staff count in every region it covers);
 *   3. direct-service staff before management/director level;
 *   4. spread: round 1 gives at most one seat per provider; round 2 offers seats still unfilled to further staff of
 *      providers already seated ("unfilled seats offered to interested agencies");
 *   5. submission time, earliest first (then the application id, so the result never depends on input order).
 * Seats a region's applicants leave unfilled after rounds 1 and 2 go statewide, to the first on the waitlist
 * ("unfilled seats offered … based upon provider coverage needs statewide"); the seat still counts against its
 * own region. ADS overrides come first: a "seat" override takes a seat of its region ahead of everyone; a "waitlist" override
 * keeps the person off the seats. Waitlisted applicants are ordered by the same ranking, those of providers still
 * without a seat before further staff of seated providers.
 */
export interface Candidate {
  applicationId: string;
  /** The applicant's person id, carried into the lines so ADS can reach the person. */
  personId: string;
  applicantName: string;
  providerId?: string;
  providerName?: string;
  region: Region;
  position: Position;
  submittedAt: string;
  /** Recertification iterations: the applicant's soonest certification expiry (YYYY-MM-DD), if any. */
  expiresOn?: string;
}

export interface ProviderFacts {
  priority: boolean;
  /** Confirmed staff holding an active certification today. */
  certifiedStaff: number;
}

export interface Override {
  decision: 'seat' | 'waitlist';
  reason: string;
  by: string;
  at: string;
}

export interface ProposalInput {
  kind: 'initial' | 'recertification';
  seats: Record<Region, number>;
  candidates: Candidate[];
  providers: ReadonlyMap<string, ProviderFacts>;
  overrides: ReadonlyMap<string, Override>;
}

export interface ProposalLine {
  applicationId: string;
  personId: string;
  applicantName: string;
  providerId?: string;
  providerName?: string;
  region: Region;
  decision: 'seat' | 'waitlist';
  round?: 1 | 2 | 3;
  /** The region whose seat it is (another region's unfilled seat in round 3). */
  seatRegion?: Region;
  /** Statewide waitlist position (1 = first to be offered a seat that frees up). */
  waitlistPosition?: number;
  /** Position among those waitlisted for the same region. */
  regionWaitlistPosition?: number;
  /** Overall rank by the factors (1 = strongest claim). */
  rank: number;
  factors: { expiresOn?: string; priority: boolean; certifiedStaff: number; position: Position; submittedAt: string };
  override?: Override;
  reasons: string[];
}

export interface Proposal {
  seats: Record<Region, number>;
  lines: ProposalLine[];
  seated: Record<Region, number>;
  waitlisted: number;
}

/** Self-hired people have no provider: each is their own "agency" for spread, with no certified colleagues. */
const agencyOf = (c: Candidate) => c.providerId ?? `self:${c.applicationId}`;

function factorsOf(c: Candidate, providers: ProposalInput['providers']) {
  const facts = c.providerId ? providers.get(c.providerId) : undefined;
  return {
    expiresOn: c.expiresOn,
    priority: facts?.priority ?? false,
    certifiedStaff: facts?.certifiedStaff ?? 0,
    position: c.position,
    submittedAt: c.submittedAt,
  };
}

type Factors = ReturnType<typeof factorsOf>;
/** An applicant in ranking order, with the decision once the proposal has made it. */
type Ranked = { c: Candidate; f: Factors; at: number; rank: number; decided?: Decision };

function compare(kind: ProposalInput['kind'], a: Ranked, b: Ranked): number {
  if (kind === 'recertification') {
    const ea = a.f.expiresOn ?? '9999-12-31';
    const eb = b.f.expiresOn ?? '9999-12-31';
    if (ea !== eb) return ea < eb ? -1 : 1;
  }
  if (a.f.priority !== b.f.priority) return a.f.priority ? -1 : 1;
  if (a.f.certifiedStaff !== b.f.certifiedStaff) return a.f.certifiedStaff - b.f.certifiedStaff;
  if (a.f.position !== b.f.position) return a.f.position === 'direct-service' ? -1 : 1;
  if (a.at !== b.at) return a.at - b.at;
  return a.c.applicationId < b.c.applicationId ? -1 : a.c.applicationId > b.c.applicationId ? 1 : 0;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** A calendar day in words: "May 1, 2027". */
const dayWords = (date: string) =>
  `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;
/**
 * An instant in words, to the second (submission times break ties): "December 1, 2026 at 9:00:05 AM". Instants are
 * stored with Connecticut's offset, so their text already is Connecticut's wall time; this runs for every line of a
 * proposal, so it reads the text rather than computing the time zone again.
 */
function instantWords(iso: string): string {
  const ct = /[+-]0[45]:00$/.test(iso) ? iso : toCtIso(new Date(iso));
  const hours = Number(ct.slice(11, 13));
  return `${dayWords(ct)} at ${hours % 12 || 12}:${ct.slice(14, 19)} ${hours < 12 ? 'AM' : 'PM'}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "Ranked on: …", the factors in words. What a provider contributes is the same on each of its staff's lines, so it
 * is worded once per provider (`Words`, kept for one proposal).
 */
function describe(kind: ProposalInput['kind'], c: Candidate, f: Factors, words: Words): string {
  const expiry =
    kind === 'recertification'
      ? `${f.expiresOn ? `certification expires ${dayWords(f.expiresOn)}` : 'no certification on record'}; `
      : '';
  const position = f.position === 'direct-service' ? 'provides direct service' : 'management/director level';
  return `Ranked on: ${expiry}${words.provider(c, f)}; ${position}; applied ${instantWords(f.submittedAt)}.`;
}

/** The words each provider contributes to its staff's reasons, worded once per proposal. */
class Words {
  private readonly byProvider = new Map<string, string>();

  provider(c: Candidate, f: Factors): string {
    // A provider's name as its staff's applications carry it (it may have been renamed between applications).
    const key = c.providerId ? `${c.providerId}\u0000${c.providerName ?? ''}` : '';
    let text = this.byProvider.get(key);
    if (text === undefined) {
      const name = c.providerName ?? 'the provider';
      text = [
        f.priority ? `${name} has priority status` : 'no priority status',
        c.providerId
          ? f.certifiedStaff === 0
            ? `${name} has no staff with an active certification`
            : `${name} has ${plural(f.certifiedStaff, 'staff member')} with an active certification`
          : 'self-hired (no provider)',
      ].join('; ');
      this.byProvider.set(key, text);
    }
    return text;
  }
}

const RULE =
  'Order: priority status, then providers with fewer staff holding an active certification, then direct-service staff, then earlier applications; one seat per provider in round 1, further staff only for seats left in round 2.';

/**
 * The proposal, step by step: rank everyone; ADS's overrides; rounds 1 and 2 in each region; round 3 statewide;
 * the waitlist in order; then every line with the reasons for it, in a reader's order.
 */
export function proposeAllocation(input: ProposalInput): Proposal {
  const ranked = rank(input);
  const seating: Seating = { free: { ...input.seats }, seatedAgencies: new Set() };
  const words = new Words();
  applyOverrides(input, ranked, seating);
  seatInRegions(input, ranked, seating, words);
  seatStatewide(input, ranked, seating, words);
  const waiting = waitlistOrder(
    ranked.filter((r) => r.decided?.decision !== 'seat'),
    seating,
  );
  const seatsTaken = seatLines(input, ranked);
  const seated = { North: 0, South: 0, West: 0 } as Record<Region, number>;
  for (const l of seatsTaken) seated[l.seatRegion!]++;
  const lines = inReadingOrder(seatsTaken, waitlistLines(input, waiting, seating, words));
  return { seats: input.seats, lines, seated, waitlisted: waiting.length };
}

/** Everyone in order of the ranking factors (see above), with their overall rank (1 = strongest claim). */
const rank = (input: ProposalInput): Ranked[] =>
  input.candidates
    .map((c) => ({ c, f: factorsOf(c, input.providers), at: Date.parse(c.submittedAt), rank: 0 }))
    .sort((a, b) => compare(input.kind, a, b))
    .map((r, i) => {
      r.rank = i + 1;
      return r;
    });

interface Decision {
  decision: 'seat' | 'waitlist';
  round?: 1 | 2 | 3;
  seatRegion?: Region;
  reasons: string[];
}

/** Where the proposal stands while it is made: seats still free per region, agencies with a seat. */
interface Seating {
  free: Record<Region, number>;
  seatedAgencies: Set<string>;
}

function seat(seating: Seating, r: Ranked, seatRegion: Region, round: 1 | 2 | 3, reasons: string[]) {
  seating.free[seatRegion]--;
  seating.seatedAgencies.add(agencyOf(r.c));
  r.decided = { decision: 'seat', round, seatRegion, reasons };
}

/** ADS's overrides first: a "seat" override takes a seat of its region ahead of everyone, while there is one. */
function applyOverrides(input: ProposalInput, ranked: Ranked[], seating: Seating) {
  for (const r of ranked) {
    const { c } = r;
    const override = input.overrides.get(c.applicationId);
    if (!override) continue;
    if (override.decision === 'waitlist') {
      r.decided = {
        decision: 'waitlist',
        reasons: [`Kept on the waitlist by an ADS override of ${instantWords(override.at)}: ${override.reason}`],
      };
    } else if (seating.free[c.region] > 0) {
      seat(seating, r, c.region, 1, [
        `Seated in ${c.region} by an ADS override of ${instantWords(override.at)}: ${override.reason}`,
      ]);
    } else {
      r.decided = {
        decision: 'waitlist',
        reasons: [
          `ADS asked to seat this applicant (${override.reason}), but ${c.region} has only ${plural(input.seats[c.region], 'seat')}, all taken by other overrides: raise ${c.region}'s seats to honor it.`,
        ],
      };
    }
  }
}

/** Round 1: at most one seat per provider in each region; round 2: seats still unfilled, for further staff. */
function seatInRegions(input: ProposalInput, ranked: Ranked[], seating: Seating, words: Words) {
  for (const round of [1, 2] as const) {
    for (const r of ranked) {
      const { c, f } = r;
      if (r.decided || seating.free[c.region] === 0) continue;
      if (round === 1 && seating.seatedAgencies.has(agencyOf(c))) continue;
      seat(seating, r, c.region, round, [
        round === 1
          ? `Seated in ${c.region} in round 1: among the strongest claims for ${c.region}'s ${plural(input.seats[c.region], 'seat')}.`
          : `Seated in ${c.region} in round 2: a seat left unfilled in round 1, offered to a further employee of ${c.providerName ?? 'a seated provider'}.`,
        describe(input.kind, c, f, words),
      ]);
    }
  }
}

/** Round 3: seats still free in a region go statewide, in waitlist order (not to those ADS keeps waiting). */
function seatStatewide(input: ProposalInput, ranked: Ranked[], seating: Seating, words: Words) {
  for (const r of waitlistOrder(
    ranked.filter((r) => !r.decided),
    seating,
  )) {
    const { c, f } = r;
    const seatRegion = REGIONS.find((region) => seating.free[region] > 0);
    if (!seatRegion) break;
    seat(seating, r, seatRegion, 3, [
      `Seated in one of ${seatRegion}'s seats (applied for ${c.region}, whose seats were all taken): ${seatRegion} had a seat no ${seatRegion} applicant needed, and unfilled seats are offered statewide.`,
      describe(input.kind, c, f, words),
    ]);
  }
}

/**
 * Those whose provider has no seat wait ahead of further staff of seated providers; the ranking orders each group
 * (the list comes in ranking order, so splitting it in two keeps that order within each group).
 */
function waitlistOrder(list: Ranked[], seating: Seating): Ranked[] {
  const first: Ranked[] = [];
  const behind: Ranked[] = [];
  for (const r of list) (seating.seatedAgencies.has(agencyOf(r.c)) ? behind : first).push(r);
  return first.concat(behind);
}

const ruleOf = (kind: ProposalInput['kind']) =>
  kind === 'recertification' ? `Recertification: the soonest-expiring certification first. ${RULE}` : RULE;

function lineOf(input: ProposalInput, { c, f, rank }: Ranked) {
  return {
    applicationId: c.applicationId,
    personId: c.personId,
    applicantName: c.applicantName,
    providerId: c.providerId,
    providerName: c.providerName,
    region: c.region,
    rank,
    factors: f,
    override: input.overrides.get(c.applicationId),
  };
}

function seatLines(input: ProposalInput, ranked: Ranked[]): ProposalLine[] {
  const rule = ruleOf(input.kind);
  const lines: ProposalLine[] = [];
  for (const r of ranked) {
    const d = r.decided;
    if (d?.decision !== 'seat') continue;
    lines.push({
      ...lineOf(input, r),
      decision: 'seat',
      round: d.round,
      seatRegion: d.seatRegion,
      reasons: [...d.reasons, rule],
    });
  }
  return lines;
}

/** Each waiting applicant's statewide and regional position, and why they wait. */
function waitlistLines(input: ProposalInput, waiting: Ranked[], seating: Seating, words: Words): ProposalLine[] {
  const rule = ruleOf(input.kind);
  const regionCount: Record<Region, number> = { North: 0, South: 0, West: 0 };
  const whyWaiting = (c: Candidate): string => {
    const seats = plural(input.seats[c.region], 'seat');
    return input.seats[c.region] === 0
      ? `${c.region} has no seats in this iteration.`
      : seating.seatedAgencies.has(agencyOf(c))
        ? `${c.region}'s ${seats} went to applicants ranked higher; ${c.providerName ?? 'this provider'} already has a seat, so further staff wait behind providers without one.`
        : `${c.region}'s ${seats} went to applicants ranked higher.`;
  };
  return waiting.map((r, i) => {
    const { c, f } = r;
    const statewide = i + 1;
    const inRegion = ++regionCount[c.region];
    const why = r.decided?.reasons ?? [whyWaiting(c), describe(input.kind, c, f, words)];
    return {
      ...lineOf(input, r),
      decision: 'waitlist' as const,
      waitlistPosition: statewide,
      regionWaitlistPosition: inRegion,
      reasons: [`Waitlisted at position ${statewide} statewide (${inRegion} in ${c.region}).`, ...why, rule],
    };
  });
}

/**
 * Seats by region and rank, then the waitlist in order (seat lines come in rank order and waitlist lines in
 * waitlist order, so grouping the seats by region is all the sorting needed).
 */
const inReadingOrder = (seats: ProposalLine[], waitlist: ProposalLine[]): ProposalLine[] => [
  ...REGIONS.flatMap((region) => seats.filter((l) => l.seatRegion === region)),
  ...waitlist,
];
