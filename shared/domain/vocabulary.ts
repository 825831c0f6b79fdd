/**
 * The course's own words, from the agencies' documents (`../shared/seeds/000_…` FAQ, `001_…` competency model).
 * Everything else names things with these.
 */

/** Connecticut DDS regions. A provider agency covers one, two or all three. */
export const REGIONS = ['North', 'South', 'West'] as const;
export type Region = (typeof REGIONS)[number];
export const byRegion = <T>(value: (region: Region) => T): Record<Region, T> => ({
  North: value('North'),
  South: value('South'),
  West: value('West'),
});

/**
 * Sign-in groups (Cognito groups). `provider-admin`: a provider agency's authorised contact, whose account ADS creates
 * and links to that one agency.
 */
export const ROLES = ['applicant', 'ads-staff', 'dds', 'provider-admin'] as const;
export type Role = (typeof ROLES)[number];
/**
 * The staff roles (ADS, DDS, provider administrators): their sessions come from the staff app client (refresh tokens of at most 8 hours), and a token
 * of theirs from the applicant client is refused (`shared/http/middleware.ts`).
 */
export const STAFF_ROLES = ['ads-staff', 'dds', 'provider-admin'] as const satisfies readonly Role[];
export const isStaff = (roles: readonly Role[]) => roles.some((r) => (STAFF_ROLES as readonly Role[]).includes(r));

/** The three stages Connecticut certifies: "CE Services can only be provided by staff with an active certification
 * for the component in which they are providing." */
export const CE_STAGES = ['discovery', 'job-development', 'post-employment'] as const;
export type CeStage = (typeof CE_STAGES)[number];
export const CE_STAGE_NAMES: Record<CeStage, string> = {
  discovery: 'Discovery',
  'job-development': 'Job Development, Negotiation & Placement',
  'post-employment': 'Post-Employment Supports',
};

/** The competency model's four components, and the Connecticut stage each is certified under. */
export const CE_COMPONENTS = [
  'discovery',
  'job-search-planning',
  'job-development-negotiation',
  'post-placement-support',
] as const;
export type CeComponent = (typeof CE_COMPONENTS)[number];
export const COMPONENT_STAGE: Record<CeComponent, CeStage> = {
  discovery: 'discovery',
  // The CE Plan is drafted as Discovery completes, so Job Search Planning is certified with Discovery.
  'job-search-planning': 'discovery',
  'job-development-negotiation': 'job-development',
  'post-placement-support': 'post-employment',
};

/** The competency model's nine competencies (seed 001, in its order of importance). */
export const CE_COMPETENCIES = [
  'positive-and-open-approach-to-life',
  'customized-job-development',
  'ce-components-and-process',
  'respecting-and-relating-to-others',
  'business-and-employment-practices',
  'business-networking',
  'collecting-interpreting-and-using-information',
  'communicating-with-others',
  'planning-and-organizing',
] as const;
export type CeCompetency = (typeof CE_COMPETENCIES)[number];

/** Live classes: weekdays, 9:00 AM to 12:00 PM Connecticut time. */
export const CT_ZONE = 'America/New_York';
export const LIVE_CLASS_START = { hour: 9, minute: 0 } as const;
export const LIVE_CLASS_HOURS = 3;
