import * as z from 'zod/mini';
import { APPLICATION_STATUSES } from '../../domain/application';
import { CE_STAGES } from '../../domain/vocabulary';
import { route } from '../route';
import { date, described, email, id, instant, meta, page, pageQuery, reason, region, text, whole } from '../schemas';

/**
 * The provider administrator's view of their own agency (served by the providers function: it is the agency's side
 * of the directory and its supervisors), and ADS's view of each agency's administrators.
 */
const access = ['provider-admin'] as const;
const tag = 'Agency';

const personId = described(
  z.string().check(z.minLength(1), z.maxLength(128)),
  'The staff member (their sign-in id), as the staff list gives it.',
);
const applicationId = described(id('ap'), 'An application of one of your staff.');
const membership = described(
  z.enum(['claimed', 'confirmed']),
  '`claimed`: their profile names your agency and nobody has vouched for it yet (endorsing one of their applications confirms it); `confirmed`: vouched for by your agency.',
);

const StaffApplication = z.object({
  id: described(z.string(), 'The application.'),
  iteration: described(
    z.object({
      id: described(z.string(), "The iteration's id."),
      kind: described(z.enum(['initial', 'recertification']), 'Initial certification or recertification.'),
      title: described(z.string(), "The iteration's title."),
    }),
    'The course iteration applied to.',
  ),
  status: described(z.enum(APPLICATION_STATUSES), 'Where the application stands now.'),
  submittedAt: described(instant, 'When it was submitted.'),
  endorsedAt: described(z.optional(instant), 'When it was endorsed.'),
  offerDeadline: described(z.optional(instant), 'The deadline of the seat offered: accepted and co-signed by then.'),
  signedAt: described(z.optional(instant), 'When the learner signed the training agreement.'),
  cosignedAt: described(z.optional(instant), 'When the training agreement was co-signed.'),
  enrolledAt: described(z.optional(instant), 'When the learner was enrolled.'),
  firstClass: described(z.optional(date), "The iteration's first live class."),
  lastClass: described(z.optional(date), "The iteration's last live class."),
  closedReason: described(z.optional(z.string()), 'Why the application closed, if it did.'),
  actions: described(
    z.object({
      endorse: described(z.boolean(), 'You may endorse or decline it now (submitted, window open, not your own).'),
      cosign: described(
        z.boolean(),
        'You may co-sign the training agreement now (accepted, offer open, not your own).',
      ),
    }),
    'What you may do about it now.',
  ),
});

const StaffCertification = z.object({
  number: described(z.string(), 'The certificate number.'),
  stage: described(z.enum(CE_STAGES), 'The stage certified.'),
  source: described(z.enum(['course', 'external']), 'Earned in the course, or an outside (ACRE) certification.'),
  issuedOn: described(date, 'When it was issued.'),
  expiresOn: described(date, 'The first day it is no longer active.'),
  state: described(
    z.enum(['active', 'in-grace', 'expired', 'suspended', 'revoked', 'superseded']),
    '`active`: they may provide this stage today.',
  ),
});

const staffFields = {
  personId: described(z.string(), 'The staff member (their sign-in id).'),
  name: described(z.string(), 'The name on their profile.'),
  jobTitle: described(z.string(), 'Their job title.'),
  position: described(z.enum(['direct-service', 'management']), 'Direct-service staff, or management/director level.'),
  membership,
  membershipConfirmedAt: described(z.optional(instant), 'When your agency confirmed them.'),
  applications: described(z.array(StaffApplication), 'Their applications, latest first.'),
  certifications: described(
    z.array(StaffCertification),
    'Their certifications (not those renewed since), once their membership is confirmed; none while only claimed.',
  ),
};
const StaffMember = meta(z.object(staffFields), { id: 'AgencyStaffMember' });
const StaffDetail = meta(
  z.object({
    ...staffFields,
    email: described(z.string(), 'Their sign-in email.'),
    supervisor: described(
      z.object({ name: described(z.string(), 'Name.'), email: described(z.string(), 'Email.') }),
      'The supervisor their profile names.',
    ),
  }),
  { id: 'AgencyStaffDetail' },
);

const AgencySupervisor = meta(
  z.object({
    id: described(z.string(), "The supervisor's id."),
    name: described(z.string(), "The supervisor's name."),
    email: described(z.string(), 'The exact address their links go to.'),
    status: described(
      z.enum(['pending', 'authorised', 'refused', 'removed']),
      '`pending`: waiting for ADS; `authorised`: may vouch for your staff; `refused` / `removed`: may not.',
    ),
    requestedAt: described(instant, 'When the address was first named or proposed.'),
    authorisedAt: described(z.optional(instant), 'When ADS last authorised it.'),
    decidedAt: described(z.optional(instant), 'When the last decision on it was taken.'),
    reason: described(z.optional(z.string()), 'The reason for the last decision.'),
    version: described(z.number(), 'The version to send back when removing them.'),
  }),
  { id: 'AgencySupervisor' },
);

const ProviderAdmin = meta(
  z.object({
    personId: described(z.string(), "The administrator's sign-in id."),
    name: described(z.string(), 'Their name.'),
    email: described(z.string(), 'Their sign-in email.'),
    status: described(
      z.enum(['active', 'ended']),
      '`ended`: ADS ended the link; their account sees nothing of the agency.',
    ),
    linkedAt: described(instant, 'When ADS linked them to the agency.'),
    endedAt: described(z.optional(instant), 'When ADS ended the link.'),
    reason: described(z.optional(z.string()), 'Why it was ended.'),
  }),
  { id: 'ProviderAdmin' },
);

export const agencyRoutes = {
  getAgency: route({
    operationId: 'getAgency',
    method: 'GET',
    path: '/agency',
    area: 'providers',
    access,
    tag,
    summary: 'Your agency, as ADS keeps it',
    success: {
      status: 200,
      description: 'Your agency',
      schema: z.object({
        id: described(z.string(), "The agency's id."),
        name: described(z.string(), "The agency's name."),
        regions: described(z.array(region), 'The DDS regions it covers.'),
        contact: described(
          z.object({
            name: described(z.string(), 'Name.'),
            email: described(z.string(), 'Email.'),
            phone: described(z.optional(z.string()), 'Phone.'),
          }),
          "The agency's contact person on record.",
        ),
        costFree: described(z.boolean(), 'The course is cost-free to it (contracts, or intends to, with ADS and DDS).'),
        priority: described(
          z.nullable(z.object({ since: described(instant, 'Since when.'), reason: described(z.string(), 'Why.') })),
          'Priority for the next allocation, if it has it.',
        ),
        administrator: described(
          z.object({ name: described(z.string(), 'Name.'), email: described(z.string(), 'Email.') }),
          'You, as ADS linked you.',
        ),
      }),
    },
    problems: [404],
  }),
  listAgencyStaff: route({
    operationId: 'listAgencyStaff',
    method: 'GET',
    path: '/agency/staff',
    area: 'providers',
    access,
    tag,
    summary: 'The people whose profile names your agency, with their applications, certifications and expiry dates',
    query: z.strictObject(pageQuery),
    success: { status: 200, description: 'A page of your staff, confirmed members first', schema: page(StaffMember) },
    problems: [404],
  }),
  getAgencyPerson: route({
    operationId: 'getAgencyPerson',
    method: 'GET',
    path: '/agency/staff/{personId}',
    area: 'providers',
    access,
    tag,
    summary: 'One of your staff (404 for anyone whose profile does not name your agency)',
    params: z.strictObject({ personId }),
    success: { status: 200, description: 'The staff member', schema: StaffDetail },
    problems: [404],
  }),
  answerAgencyEndorsement: route({
    operationId: 'answerAgencyEndorsement',
    method: 'POST',
    path: '/agency/applications/{applicationId}/endorsement',
    area: 'providers',
    access,
    tag,
    summary:
      'Endorse or decline an application of one of your staff (as the emailed link does; that link stops working)',
    description:
      "Not your own application, nor one whose applicant's address is your mailbox (422 `own_application`). Endorsing confirms the applicant's membership of your agency; ADS reviews an agency's first confirmed member and what an administrator linked in the last 7 days vouches for.",
    params: z.strictObject({ applicationId }),
    body: z
      .strictObject({
        decision: described(z.enum(['endorse', 'decline']), 'Endorse, or decline with a reason.'),
        reason: described(z.optional(text(1000)), 'Why you decline (required then): the applicant is told.'),
      })
      .check(
        z.refine((b) => b.decision !== 'decline' || b.reason !== undefined, {
          message: 'say why you decline: the applicant is told',
          path: ['reason'],
        }),
      ),
    success: { status: 200, description: 'The staff member, as it now stands', schema: StaffDetail },
    problems: [404, 422],
  }),
  cosignAgencyAgreement: route({
    operationId: 'cosignAgencyAgreement',
    method: 'POST',
    path: '/agency/applications/{applicationId}/agreement',
    area: 'providers',
    access,
    tag,
    summary: 'Co-sign the training agreement of one of your staff, which enrols them (the emailed link stops working)',
    description:
      'Only once the learner accepted and signed, before the offer deadline; not your own application (422).',
    params: z.strictObject({ applicationId }),
    success: { status: 200, description: 'The staff member, as it now stands', schema: StaffDetail },
    problems: [404, 422],
  }),
  reportAgencyDeparture: route({
    operationId: 'reportAgencyDeparture',
    method: 'POST',
    path: '/agency/staff/{personId}/departure',
    area: 'providers',
    access,
    tag,
    summary: 'Report that a staff member left your agency; left with no active certified staff, it gets priority',
    params: z.strictObject({ personId }),
    body: z.strictObject({ leftOn: described(date, 'The day they left.') }),
    success: {
      status: 200,
      description: 'What followed',
      schema: z.object({
        personId: described(z.string(), 'The person who left.'),
        providerId: described(z.string(), 'Your agency.'),
        leftOn: described(date, 'The day they left.'),
        remainingCertifiedStaff: described(z.number(), 'Your staff still holding an active certification.'),
        priorityGranted: described(z.boolean(), 'Whether your agency got priority (none left certified).'),
      }),
    },
    problems: [404, 422],
  }),
  listAgencySupervisors: route({
    operationId: 'listAgencySupervisors',
    method: 'GET',
    path: '/agency/supervisors',
    area: 'providers',
    access,
    tag,
    summary: "Your agency's supervisors, every status",
    success: {
      status: 200,
      description: 'The supervisors',
      schema: z.object({ items: described(z.array(AgencySupervisor), "Your agency's supervisors.") }),
    },
    problems: [404],
  }),
  proposeAgencySupervisor: route({
    operationId: 'proposeAgencySupervisor',
    method: 'POST',
    path: '/agency/supervisors',
    area: 'providers',
    access,
    tag,
    summary: 'Propose a supervisor for ADS to authorise (an address already on record is answered as it stands)',
    body: z.strictObject({
      name: described(text(120), "The supervisor's name."),
      email: described(email, 'Their work address (a free-mail address only ADS can authorise; not your own).'),
    }),
    success: { status: 200, description: 'The supervisor: pending until ADS decides', schema: AgencySupervisor },
    problems: [404, 422],
  }),
  removeAgencySupervisor: route({
    operationId: 'removeAgencySupervisor',
    method: 'POST',
    path: '/agency/supervisors/{supervisorId}/removal',
    area: 'providers',
    access,
    tag,
    summary: 'Remove an authorised supervisor at once (they left, or no longer supervise), with a reason',
    params: z.strictObject({ supervisorId: described(id('sv'), 'The supervisor.') }),
    body: z.strictObject({
      reason: described(text(2000), 'Why: kept in the audit trail.'),
      version: described(whole(1, 1_000_000), 'The version you read; a stale one gets 409.'),
    }),
    success: { status: 200, description: 'The supervisor, removed', schema: AgencySupervisor },
    problems: [404],
  }),
  listProviderAdmins: route({
    operationId: 'listProviderAdmins',
    method: 'GET',
    path: '/ads/providers/{providerId}/admins',
    area: 'providers',
    access: ['ads-staff'],
    tag,
    summary: "An agency's provider administrators (created with `POST /ads/accounts`)",
    params: z.strictObject({ providerId: described(id('pr'), 'The provider agency.') }),
    success: {
      status: 200,
      description: 'The administrators',
      schema: z.object({ items: described(z.array(ProviderAdmin), "The agency's administrators, every status.") }),
    },
    problems: [404],
  }),
  endProviderAdmin: route({
    operationId: 'endProviderAdmin',
    method: 'POST',
    path: '/ads/providers/{providerId}/admins/{personId}/end',
    area: 'providers',
    access: ['ads-staff'],
    tag,
    summary: "End a provider administrator's link to the agency, with a reason (audited)",
    params: z.strictObject({ providerId: described(id('pr'), 'The provider agency.'), personId }),
    body: z.strictObject({ reason }),
    success: { status: 200, description: 'The administrator, ended', schema: ProviderAdmin },
    problems: [404],
  }),
} as const;
