import * as z from 'zod/mini';
import { route } from '../route';
import { id, instant, meta, pageQuery, text } from '../schemas';

export const email = meta(z.email().check(z.maxLength(254)), { example: 'pat@provider.example.org' });
const position = meta(z.enum(['direct-service', 'management']), {
  description: 'Direct-service staff, or management/director level.',
});

const ProfileInput = meta(
  z.strictObject({
    name: text(120),
    jobTitle: text(120),
    position,
    providerId: meta(z.nullable(id('pr')), {
      description: 'Your provider agency, or null if you work self-hired (Self-Determination program).',
    }),
    supervisor: z.strictObject({ name: text(120), email }),
  }),
  { id: 'ProfileInput' },
);

const Profile = meta(
  z.object({
    name: z.string(),
    email: z.string(),
    jobTitle: z.string(),
    position,
    providerId: z.nullable(z.string()),
    membership: meta(z.enum(['none', 'claimed', 'confirmed']), {
      description: 'A provider named here is a claim until your supervisor endorses an application.',
    }),
    membershipConfirmedAt: z.optional(instant),
    supervisor: z.object({ name: z.string(), email: z.string() }),
    version: z.number(),
    updatedAt: instant,
  }),
  { id: 'Profile' },
);

const membership = meta(z.enum(['none', 'claimed', 'confirmed']), {
  description:
    "`none`: self-hired, no provider; `claimed`: names a provider no supervisor has confirmed yet (by endorsing an application); `confirmed`: confirmed by that provider's supervisor.",
});

const PersonMatch = meta(
  z.object({
    personId: meta(z.string(), {
      description:
        "The person's id (their sign-in subject), for the routes keyed by a person: departure, outside certifications, their certifications, recertification admission.",
    }),
    name: meta(z.string(), { description: 'The name on their profile, as they wrote it.' }),
    email: meta(z.string(), { description: 'Their verified sign-in email.' }),
    providerId: meta(z.nullable(z.string()), {
      description: 'The provider agency their profile names; null if they work self-hired.',
    }),
    providerName: meta(z.nullable(z.string()), {
      description: "That provider's name; null if they work self-hired.",
    }),
    membership,
    membershipConfirmedAt: meta(z.optional(instant), {
      description: 'When the membership was confirmed (absent unless `confirmed`).',
    }),
  }),
  { id: 'PersonMatch' },
);

const PersonLookup = z.object({
  items: meta(z.array(PersonMatch), { description: 'The people found, in name order (name search).' }),
  cursor: meta(z.optional(z.string()), {
    description: 'Present when there may be more: pass it back as `cursor` for the next page (name search only).',
  }),
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
    problems: [401, 403, 404],
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
      'Your email is the one you signed in with. Naming a provider is a claim until your supervisor confirms it by endorsing an application.',
    body: ProfileInput,
    success: { status: 200, description: 'Your profile as saved', schema: Profile },
    problems: [400, 401, 403, 409, 422],
  }),
  createStaffAccount: route({
    operationId: 'createStaffAccount',
    method: 'POST',
    path: '/ads/accounts',
    area: 'accounts',
    access: ['ads-staff'],
    tag,
    summary: 'Create an account for ADS staff or DDS (Cognito emails a temporary password)',
    body: z.strictObject({ email, role: z.enum(['ads-staff', 'dds']) }),
    success: {
      status: 201,
      description: 'The account',
      schema: z.object({ personId: z.string(), email: z.string(), role: z.string(), createdAt: instant }),
    },
    problems: [400, 401, 403, 409],
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
        name: meta(z.optional(text(100)), {
          description: "The start of any of the person's names: first, middle or surname.",
        }),
        email: meta(z.optional(email), { description: 'Their sign-in email, in any case.' }),
        ...pageQuery,
      })
      .check(
        z.refine((q) => (q.name === undefined) !== (q.email === undefined), {
          message: 'give exactly one of name or email',
          path: ['name'],
        }),
      ),
    success: { status: 200, description: 'The people found', schema: PersonLookup },
    problems: [400, 401, 403],
  }),
} as const;
