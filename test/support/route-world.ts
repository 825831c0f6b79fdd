import type { RouteSpec } from '../../shared/http/route';
import { seedCertificate } from './certificates';
import { at } from './clock';
import { createProvider, enrolledLearners, newApplicant, saveProfile } from './fixtures';
import { uploadedFile } from './homework-files';
import type { As } from './invoke';
import { ads, dds } from './invoke';
import { providerAdmin } from './provider-admins';

/**
 * Real objects for every route's path parameters, so generated calls reach the handlers' own checks: an
 * iteration with an enrolled learner (applicant A), another applicant (B) with a profile of their own, a
 * certificate, a provider. Built once per test file.
 */
export async function buildWorld() {
  const { iteration, learners, providerId } = await enrolledLearners(1);
  const a = learners[0]!;
  const b = newApplicant('Bea Other');
  await saveProfile(b, providerId);
  const certificate = await seedCertificate({
    holderSub: a.who.sub,
    holderName: a.who.name,
    expiresOn: '2029-01-01',
    providerId,
  });
  at('2027-02-02T12:00:00-05:00');
  // A's file, uploaded and recorded (waiting for its scan).
  const fileId = await uploadedFile(a.who, {
    applicationId: a.applicationId,
    assignmentId: iteration.assignments[0]!.id,
  });
  const params: Record<string, string> = {
    fileId,
    iterationId: iteration.id,
    applicationId: a.applicationId,
    providerId,
    date: '2027-02-02',
    assignmentId: iteration.assignments[0]!.id,
    personId: a.who.sub,
    number: certificate.number,
    token: 'A'.repeat(43),
    subjectType: 'iteration',
    subjectId: iteration.id,
    period: '2027-03',
    asset: 'swagger-ui.css',
  };
  const admin: As = await providerAdmin(providerId);
  const otherAdmin: As = await providerAdmin((await createProvider()).id);
  return { iteration, a: a.who as As, b: b as As, ads, dds, admin, otherAdmin, params };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

export const paramsFor = (route: RouteSpec, world: World) =>
  Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, world.params[name!] ?? 'x']));

/** Query strings some routes require (everything else is optional). */
export const QUERY: Record<string, Record<string, string>> = {
  listPublicProviders: { region: 'North' },
  completionReport: { from: '2027-01-01', to: '2027-12-31' },
  completionReportCsv: { from: '2027-01-01', to: '2027-12-31' },
  lookupPeople: { name: 'learner' },
};

/** Valid bodies of the routes on one's own application, so "someone else's" is decided by ownership, not validation. */
export const OWN_OBJECT_BODIES: Record<string, unknown> = {
  acceptOffer: { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } },
  submitHomework: { text: 'my homework' },
  startHomeworkUpload: { name: 'profile.pdf', contentType: 'application/pdf', size: 1000 },
  changeSupervisor: { supervisor: { name: 'Nora New', email: 'nora.new@provider.example.org' } },
};

/** Valid bodies of the agency routes on a person or application, so "another agency's" is decided by the agency. */
export const AGENCY_OBJECT_BODIES: Record<string, unknown> = {
  answerAgencyEndorsement: { decision: 'decline', reason: 'Not one of ours' },
  reportAgencyDeparture: { leftOn: '2027-02-01' },
};
