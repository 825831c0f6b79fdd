import * as z from 'zod/mini';
import { route } from '../route';
import { id, instant, meta, text } from '../schemas';

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
} as const;
