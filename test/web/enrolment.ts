/**
 * An enrolled learner, seeded through the API as people would get there: ADS opens and publishes an iteration, the
 * applicant applies, the supervisor endorses by the emailed link, ADS proposes and confirms the allocation, the
 * learner accepts, the supervisor co-signs by the emailed link. The local clock moves between the steps.
 */
import { cognitoClient, signIn } from '../../scripts/local/cognito';
import { linkIn } from '../support/fixtures';
import { authoriseSupervisor } from './journey';
import { callApi, newApplicant, setClock, stack, tokenOf, uniqueEmail, waitForEmail } from './support';

export const WINTER = {
  classes: ['2027-02-02', '2027-02-09'],
  joinUrl: 'https://meet.example.org/ce-winter-2027',
  /** The second class has its own meeting room. */
  secondClassJoinUrl: 'https://meet.example.org/ce-winter-2027-week-2',
};

export interface Learner {
  email: string;
  password: string;
  token: string;
  applicationId: string;
  iterationId: string;
  title: string;
}

const ok = (res: { status: number; body: unknown }, what: string, status = [200, 201]) => {
  if (!status.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown> & { id: string };
};

/** Signs a person in through cognito-local (an ID token for seeding through the API). */
export const tokenFor = (email: string, password: string) => {
  const s = stack();
  return signIn(cognitoClient(s.cognitoEndpoint), s.clientId, email, password);
};

/**
 * An iteration (two classes, two assignments, a meeting link) with one enrolled learner and one applicant who
 * was never endorsed. Leaves the clock at the morning after enrolment (2027-01-16).
 */
export async function seedEnrolment(title: string): Promise<{ learner: Learner; other: Learner }> {
  await setClock('2026-12-05T10:00:00-05:00');
  const ads = await tokenOf('ads-staff');
  const provider = ok(
    await callApi('/ads/providers', {
      method: 'POST',
      token: ads,
      json: {
        name: `${title} Supports`,
        regions: ['West'],
        contractsWithAds: 'yes',
        contractsWithDds: 'yes',
        contact: { name: 'Cam Contact', email: 'cam@summit.example.org' },
      },
    }),
    'provider',
  );
  const iteration = ok(
    await callApi('/ads/iterations', {
      method: 'POST',
      token: ads,
      json: {
        kind: 'initial',
        title,
        applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-01-15T17:00' },
        seats: { North: 0, South: 0, West: 1 },
        liveClasses: [{ date: WINTER.classes[0] }, { date: WINTER.classes[1], joinUrl: WINTER.secondClassJoinUrl }],
        assignments: [
          { title: 'Discovery profile', dueAt: '2027-02-08T23:59', component: 'discovery' },
          { title: 'Job development plan', dueAt: '2027-02-12T17:00' },
        ],
        joinUrl: WINTER.joinUrl,
      },
    }),
    'iteration',
  );
  ok(await callApi(`/ads/iterations/${iteration.id}/publish`, { method: 'POST', token: ads }), 'publish');

  const apply = async (label: string) => {
    const { email, password } = await newApplicant(label);
    const token = await tokenFor(email, password);
    const supervisor = uniqueEmail(`${label}.supervisor`);
    await authoriseSupervisor(provider.id, supervisor, 'Lee Supervisor');
    ok(
      await callApi('/me/profile', {
        method: 'PUT',
        token,
        json: {
          name: label === 'learner' ? 'Robin Park' : 'Alex Other',
          jobTitle: 'Employment specialist',
          position: 'direct-service',
          providerId: provider.id,
          supervisor: { name: 'Lee Supervisor', email: supervisor },
        },
      }),
      'profile',
    );
    const application = ok(
      await callApi('/me/applications', {
        method: 'POST',
        token,
        json: {
          iterationId: iteration.id,
          region: 'West',
          acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
          futureStaffPlanned: 1,
        },
      }),
      'apply',
    );
    return { email, password, token, supervisor, applicationId: application.id, iterationId: iteration.id, title };
  };
  const learner = await apply('learner');
  const other = await apply('other');
  const endorse = linkIn((await waitForEmail(learner.supervisor, /^Please endorse/)).body.text);
  ok(await callApi(`/links/${endorse}/confirm`, { method: 'POST' }), 'endorse');

  await setClock('2027-01-16T09:00:00-05:00');
  const proposal = ok(
    await callApi(`/ads/iterations/${iteration.id}/allocation/proposals`, { method: 'POST', token: ads }),
    'proposal',
  );
  ok(
    await callApi(`/ads/iterations/${iteration.id}/allocation/confirm`, {
      method: 'POST',
      token: ads,
      json: { version: proposal.version },
    }),
    'confirm',
  );
  ok(
    await callApi(`/me/applications/${learner.applicationId}/accept`, {
      method: 'POST',
      token: learner.token,
      json: { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } },
    }),
    'accept',
  );
  const cosign = linkIn((await waitForEmail(learner.supervisor, /Training Agreement/)).body.text);
  ok(await callApi(`/links/${cosign}/confirm`, { method: 'POST' }), 'co-sign');
  const enrolled = ok(await callApi(`/me/applications/${learner.applicationId}`, { token: learner.token }), 'read');
  if (enrolled.status !== 'enrolled') throw new Error(`not enrolled: ${enrolled.status}`);
  return { learner, other };
}

/** ADS takes attendance of one class (the clock moved to just after it). */
export async function takeAttendance(
  learner: Learner,
  date: string,
  status: 'present' | 'absent' | 'partial',
): Promise<void> {
  await setClock(`${date}T12:10:00-05:00`);
  ok(
    await callApi(`/ads/iterations/${learner.iterationId}/classes/${date}/attendance`, {
      method: 'POST',
      token: await tokenOf('ads-staff'),
      json: { entries: [{ applicationId: learner.applicationId, status }] },
    }),
    'attendance',
  );
}
