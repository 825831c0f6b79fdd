import * as z from 'zod/mini';
import { route } from '../route';
import { ROLES } from '../../domain/vocabulary';
import { date, described, email, id, instant, meta, pageQuery, reason, region, text } from '../schemas';
import { ApplicationView } from './views/application';
import { Certificate } from './views/certificate';
import { Homework } from './views/homework';

const position = described(
  z.enum(['direct-service', 'management']),
  'Direct-service staff, or management/director level.',
);
const staffRole = z.enum(['ads-staff', 'dds', 'provider-admin']);
const providerId = 'Your provider agency, or null if you work self-hired (Self-Determination program).';

const ProfileInput = meta(
  z.strictObject({
    name: described(text(120), 'Your name, as it will appear on your certificates.'),
    jobTitle: described(text(120), 'Your job title.'),
    position,
    providerId: described(z.nullable(id('pr')), providerId),
    supervisor: described(
      z.strictObject({
        name: described(text(120), "Your supervisor's name."),
        email: described(
          email,
          "Your supervisor's work email: endorsement and co-signing links go there once ADS has authorised it for your agency. Not your own address (nor a variant of it); a personal free-mail address only if ADS has authorised that exact address.",
        ),
      }),
      "Your supervisor, who endorses your applications: pick one of your agency's authorised supervisors (`GET /providers/{providerId}/supervisors`) or name a new one for ADS to authorise.",
    ),
  }),
  { id: 'ProfileInput' },
);

const Profile = meta(
  z.object({
    name: described(z.string(), 'Your name, as it will appear on your certificates.'),
    email: described(z.string(), 'Your verified sign-in email.'),
    jobTitle: described(z.string(), 'Your job title.'),
    position,
    providerId: described(z.nullable(z.string()), providerId),
    providerName: described(z.nullable(z.string()), "Your provider agency's name; null if self-hired."),
    regionsOpen: described(
      z.array(region),
      'The DDS regions whose seats you may apply for: those your provider covers (any region if you are self-hired).',
    ),
    membership: described(
      z.enum(['none', 'claimed', 'confirmed']),
      'A provider named here is a claim until your supervisor endorses an application.',
    ),
    membershipConfirmedAt: described(z.optional(instant), 'When your membership of the provider was confirmed.'),
    supervisor: described(
      z.object({
        name: described(z.string(), "Your supervisor's name."),
        email: described(z.string(), "Your supervisor's email: endorsement and co-signing links go there."),
      }),
      'Your supervisor, who endorses your applications.',
    ),
    supervisorStatus: described(
      z.enum(['pending', 'authorised', 'refused', 'removed']),
      '`authorised`: ADS has authorised your supervisor to vouch for your agency, so endorsement and co-signing links go to them. `pending`: a supervisor ADS has not yet authorised; nothing is sent to them until it does. `refused` / `removed`: ADS did not authorise them, or no longer does: name another.',
    ),
    version: described(z.number(), 'The version of your profile.'),
    updatedAt: described(instant, 'When your profile was last saved.'),
  }),
  { id: 'Profile' },
);

const PersonMatch = meta(
  z.object({
    personId: described(
      z.string(),
      "The person's id (their sign-in subject), for the routes keyed by a person: departure, outside certifications, their certifications, recertification admission.",
    ),
    name: described(z.string(), 'The name on their profile, as they wrote it.'),
    email: described(z.string(), 'Their verified sign-in email.'),
    providerId: described(z.nullable(z.string()), 'The provider agency their profile names; null if self-hired.'),
    providerName: described(z.nullable(z.string()), "That provider's name; null if self-hired."),
    membership: described(
      z.enum(['none', 'claimed', 'confirmed']),
      "`none`: self-hired, no provider; `claimed`: names a provider no supervisor has confirmed yet (by endorsing an application); `confirmed`: confirmed by that provider's supervisor.",
    ),
    membershipConfirmedAt: described(
      z.optional(instant),
      'When the membership was confirmed (absent unless `confirmed`).',
    ),
  }),
  { id: 'PersonMatch' },
);

const PersonLookup = z.object({
  items: described(z.array(PersonMatch), 'The people found, in name order (a name search lists each name matched).'),
  cursor: described(
    z.optional(z.string()),
    'Send as `cursor` to get the next page (name search only); absent on the last page.',
  ),
});

const PersonRecord = meta(
  z.object({
    personId: described(z.string(), 'The person (their sign-in id).'),
    profile: described(
      z.nullable(
        z.object({
          ...PersonMatch.shape,
          jobTitle: described(z.string(), 'Their job title.'),
          position: described(
            z.enum(['direct-service', 'management']),
            'Direct-service staff, or management / director level.',
          ),
          supervisor: described(
            z.object({
              name: described(z.string(), "The supervisor's name."),
              email: described(z.string(), "The supervisor's email."),
            }),
            'The supervisor their profile names.',
          ),
        }),
      ),
      'Their profile; null if they never saved one (e.g. only an outside certification is recorded).',
    ),
    applications: described(z.array(ApplicationView), 'Every application, to every iteration, latest first.'),
    enrolments: described(
      z.array(
        z.object({
          applicationId: described(z.string(), 'The application that was enrolled.'),
          iterationId: described(z.string(), 'The iteration.'),
          title: described(z.string(), "The iteration's title."),
          attendance: described(
            z.array(
              z.object({
                date: described(date, 'The date of the live class.'),
                status: described(
                  z.nullable(z.enum(['present', 'absent', 'partial'])),
                  'Null until recorded; only `present` counts toward qualifying.',
                ),
                minutesMissed: described(z.optional(z.number()), 'For `partial`: the minutes missed.'),
              }),
            ),
            'Every live class of the iteration, with the attendance recorded.',
          ),
          homework: described(z.array(Homework), 'Every assignment, with submissions and review.'),
        }),
      ),
      'Each iteration they were enrolled in (even if they left it later), latest first.',
    ),
    certifications: described(z.array(Certificate), 'Every certification, in every state.'),
  }),
  { id: 'PersonRecord' },
);

const AccountStanding = meta(
  z.object({
    personId: described(z.string(), "The account (the person's sign-in id)."),
    status: described(
      z.enum(['enabled', 'disabled']),
      '`disabled`: no sign-in, and every token of the account is refused by the API.',
    ),
    groups: described(
      z.array(z.enum(ROLES)),
      'Its groups (roles); for a disabled account, those it will be given back when enabled.',
    ),
    sessionsEndedAt: described(
      z.optional(instant),
      'Tokens issued before this instant are refused: when it was disabled, or signed out on every device.',
    ),
    version: described(z.number(), 'The version of this standing (0: never changed).'),
  }),
  { id: 'AccountStanding' },
);

const personParam = z.strictObject({
  personId: described(z.string().check(z.minLength(1), z.maxLength(128)), 'The person (their sign-in id).'),
});

const tag = 'Accounts';

export const accountRoutes = {
  getMyProfile: route({
    operationId: 'getMyProfile',
    method: 'GET',
    path: '/me/profile',
    area: 'accounts',
    access: ['applicant'],
    tag,
    summary: 'Your profile',
    success: { status: 200, description: 'Your profile', schema: Profile },
    problems: [404],
  }),
  putMyProfile: route({
    operationId: 'putMyProfile',
    method: 'PUT',
    path: '/me/profile',
    area: 'accounts',
    access: ['applicant'],
    tag,
    summary: 'Create or update your profile',
    description:
      'Your email is the one you signed in with, once verified: a token whose `email_verified` is not true is refused (422 `token.email_verified`). Naming a provider is a claim until your supervisor confirms it by endorsing an application.',
    body: ProfileInput,
    success: { status: 200, description: 'Your profile as saved', schema: Profile },
    problems: [422],
  }),
  createStaffAccount: route({
    operationId: 'createStaffAccount',
    method: 'POST',
    path: '/ads/accounts',
    area: 'accounts',
    access: ['ads-staff'],
    tag,
    summary: 'Create an account for ADS staff, DDS or a provider administrator (Cognito emails a temporary password)',
    description:
      'A provider administrator (`provider-admin`) is linked to one agency, `providerId` (required for that role, refused for the others; 422 if no such agency): the link is kept on the server and decides what they see.',
    body: z
      .strictObject({
        name: described(
          text(120),
          'The person\'s name, as histories and audit trails show who acted (e.g. "Dana Reyes (ADS)").',
        ),
        email: described(email, "The new account's sign-in email; Cognito sends the temporary password there."),
        role: described(staffRole, 'The group the account joins.'),
        providerId: described(
          z.optional(id('pr')),
          'For a provider administrator only (and required then): the agency they act for.',
        ),
      })
      .check(
        z.refine((b) => (b.role === 'provider-admin') === (b.providerId !== undefined), {
          message: 'a provider administrator needs the agency they act for; other roles take none',
          path: ['providerId'],
        }),
      ),
    success: {
      status: 201,
      description: 'The account',
      schema: z.object({
        personId: described(z.string(), "The new account's sign-in id."),
        name: described(z.string(), "The person's name."),
        email: described(z.string(), "The new account's sign-in email."),
        role: described(staffRole, 'The group the account joined.'),
        providerId: described(z.optional(z.string()), 'A provider administrator: the agency they act for.'),
        createdAt: described(instant, 'When the account was created.'),
      }),
    },
    problems: [422],
  }),
  lookupPeople: route({
    operationId: 'lookupPeople',
    method: 'GET',
    path: '/ads/people',
    area: 'accounts',
    access: ['ads-staff'],
    tag,
    summary: 'Find a person by the start of any of their names, or by email',
    description:
      'Exactly one of `name` or `email`. A name matches from the start of any of its words (a surname finds the person); case, accents and letters such as ł, ø, đ, ß or æ do not matter (they match their plain-Latin spelling). An email matches exactly, without regard to case.',
    query: z
      .strictObject({
        name: described(z.optional(text(100)), "The start of any of the person's names: first, middle or surname."),
        email: described(z.optional(email), 'Their sign-in email, in any case.'),
        ...pageQuery,
      })
      .check(
        z.refine((q) => (q.name === undefined) !== (q.email === undefined), {
          message: 'give exactly one of name or email',
          path: ['name'],
        }),
      ),
    success: { status: 200, description: 'The people found', schema: PersonLookup },
  }),
  getAccount: route({
    operationId: 'getAccount',
    method: 'GET',
    path: '/ads/accounts/{personId}',
    area: 'accounts',
    access: ['ads-staff'],
    tag,
    summary: "An account's standing: enabled or disabled, its groups",
    params: personParam,
    success: { status: 200, description: 'The standing', schema: AccountStanding },
    problems: [404],
  }),
  disableAccount: route({
    operationId: 'disableAccount',
    method: 'POST',
    path: '/ads/accounts/{personId}/disable',
    area: 'accounts',
    access: ['ads-staff'],
    tag,
    summary: 'Disable an account: no sign-in, every session ended, groups removed (kept for enabling)',
    description:
      'For someone who left ADS, DDS or their agency. From the answer on, the API refuses every token of the account, even one refreshed or not yet expired. Not your own account (422). Disabling a disabled account changes nothing more and answers its standing.',
    params: personParam,
    body: z.strictObject({ reason: described(reason, 'Why: kept in the audit trail.') }),
    success: { status: 200, description: 'The standing', schema: AccountStanding },
    problems: [404, 422],
  }),
  enableAccount: route({
    operationId: 'enableAccount',
    method: 'POST',
    path: '/ads/accounts/{personId}/enable',
    area: 'accounts',
    access: ['ads-staff'],
    tag,
    summary: 'Enable a disabled account again, in the groups it had',
    description:
      'The person signs in again: tokens issued before the account was disabled stay refused. Enabling an enabled account changes nothing more and answers its standing.',
    params: personParam,
    body: z.strictObject({ reason: described(reason, 'Why: kept in the audit trail.') }),
    success: { status: 200, description: 'The standing', schema: AccountStanding },
    problems: [404],
  }),
  signOutEverywhere: route({
    operationId: 'signOutEverywhere',
    method: 'POST',
    path: '/me/sign-out-everywhere',
    area: 'accounts',
    access: ROLES,
    tag,
    summary: 'Sign out on every device',
    description:
      'Every session of your account ends: the API refuses every token issued until now (this one included), and no device can renew its session. Sign in again.',
    success: {
      status: 200,
      description: 'Your sessions ended',
      schema: z.object({ sessionsEndedAt: described(instant, 'Tokens issued before this instant are refused.') }),
    },
  }),
  personRecord: route({
    operationId: 'personRecord',
    method: 'GET',
    path: '/ads/people/{personId}',
    area: 'accounts',
    access: ['ads-staff'],
    tag,
    summary: "A person's record: profile, applications, attendance and homework per enrolment, certifications",
    description: 'The audit trail of each record is at `/ads/audit/{subjectType}/{subjectId}`.',
    params: z.strictObject({
      personId: described(z.string().check(z.minLength(1), z.maxLength(128)), 'The person (their sign-in id).'),
    }),
    success: { status: 200, description: 'The record', schema: PersonRecord },
    problems: [404],
  }),
  anonymisePerson: route({
    operationId: 'anonymisePerson',
    method: 'POST',
    path: '/ads/people/{personId}/anonymise',
    area: 'accounts',
    access: ['ads-staff'],
    tag,
    summary: 'Anonymise a person on their request: their profile, applications and emails lose their personal data',
    description:
      "Audited, with the reason. The profile and its name entries are deleted (the person is no longer found by name or email); their applications keep what the course's counts need but not their or their supervisor's name, email or job title; their emails lose recipients and subject (one still waiting is not sent); their certifications keep the name and number, as the registry shows them, and still answer on the verification page, but no name search lists them; their calendar feed stops. Their sign-in account is not touched. Cannot be undone.",
    params: z.strictObject({
      personId: described(z.string().check(z.minLength(1), z.maxLength(128)), 'The person (their sign-in id).'),
    }),
    body: z.strictObject({ reason }),
    success: {
      status: 200,
      description: 'What was anonymised',
      schema: z.object({
        personId: described(z.string(), 'The person.'),
        anonymisedAt: described(instant, 'When.'),
        applications: described(z.number(), 'Applications anonymised.'),
        certifications: described(z.number(), 'Certifications kept with the name and number only.'),
        emails: described(z.number(), 'Emails whose recipients and subject were removed.'),
      }),
    },
    problems: [404, 409],
  }),
} as const;
