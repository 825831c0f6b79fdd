import { cognitoClient, signIn, signUpAndConfirm } from '../../scripts/local/cognito';
import { resetLocalClock } from '../../shared/clock';
import { linkIn, unique } from '../support/fixtures';
import { useTestStack } from '../support/local-stack';
import { emailsTo } from '../support/ses';
import { openBadgesErrors, statusAt, verifyCredentialJwt } from '../support/credentials';
import { readPdf } from '../support/pdf';

const stack = useTestStack();
// The gateway runs in this process: put its clock back for the other tests of this worker.
afterAll(() => resetLocalClock());

const clock = (at: string) => stack().fetch('/_local/clock', { method: 'PUT', json: { at } });

describe('a whole course on the local stack, through the gateway with real tokens', () => {
  it('runs from application to enrolment to attendance and homework to issued, verifiable certifications', async () => {
    await clock('2026-11-22T12:00:00-05:00');
    const ads = await stack().token('ads-staff');
    const provider = (
      await stack().fetch('/ads/providers', {
        method: 'POST',
        token: ads,
        json: {
          name: 'Summit Supports',
          regions: ['West'],
          contractsWithAds: 'yes',
          contractsWithDds: 'yes',
          contact: { name: 'Cam', email: 'cam@summit.example.org' },
        },
      })
    ).body;
    const iteration = (
      await stack().fetch('/ads/iterations', {
        method: 'POST',
        token: ads,
        json: {
          kind: 'initial',
          title: 'Winter 2027',
          applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-01-15T17:00' },
          seats: { North: 0, South: 0, West: 1 },
          liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-09' }],
          assignments: [{ title: 'Discovery profile', dueAt: '2027-02-08T23:59', component: 'discovery' }],
        },
      })
    ).body;
    await stack().fetch(`/ads/iterations/${iteration.id}/publish`, { method: 'POST', token: ads });

    const tag = unique();
    const email = `robin.${tag}@summit.example.org`;
    const supervisor = `lee.${tag}@summit.example.org`;
    const idp = cognitoClient(stack().state.cognitoEndpoint);
    await signUpAndConfirm(
      idp,
      stack().state.clientId,
      stack().state.cognitoDir,
      stack().state.userPoolId,
      email,
      'Course-Run-Passw0rd!',
    );
    const me = await signIn(idp, stack().state.clientId, email, 'Course-Run-Passw0rd!');
    const authorised = await stack().fetch(`/ads/providers/${provider.id}/supervisors`, {
      method: 'POST',
      token: ads,
      json: { name: 'Lee', email: supervisor, reason: 'Confirmed with the agency' },
    });
    expect(authorised.status).toBe(201);
    await stack().fetch('/me/profile', {
      method: 'PUT',
      token: me,
      json: {
        name: 'Robin Park',
        jobTitle: 'Employment specialist',
        position: 'direct-service',
        providerId: provider.id,
        supervisor: { name: 'Lee', email: supervisor },
      },
    });

    await clock('2026-12-05T10:00:00-05:00');
    const application = (
      await stack().fetch('/me/applications', {
        method: 'POST',
        token: me,
        json: {
          iterationId: iteration.id,
          region: 'West',
          acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
          futureStaffPlanned: 1,
        },
      })
    ).body;
    const endorse = linkIn((await emailsTo(supervisor)).find((m) => m.subject.startsWith('Please endorse'))?.body.text);
    expect((await stack().fetch(`/links/${endorse}/confirm`, { method: 'POST' })).status).toBe(200);

    await clock('2027-01-16T09:00:00-05:00');
    const proposal = (
      await stack().fetch(`/ads/iterations/${iteration.id}/allocation/proposals`, { method: 'POST', token: ads })
    ).body;
    expect(proposal.lines[0].reasons[0]).toContain('Seated in West in round 1');
    await stack().fetch(`/ads/iterations/${iteration.id}/allocation/confirm`, {
      method: 'POST',
      token: ads,
      json: { version: proposal.version },
    });
    // ADS's list carries the offer's deadline and seat, the same the applicant sees (the live seat board shows it).
    const mine = (await stack().fetch(`/me/applications/${application.id}`, { token: me })).body;
    const row = (await stack().fetch(`/ads/iterations/${iteration.id}/applications`, { token: ads })).body.items[0];
    expect(row.offer).toEqual({ deadline: mine.offer.deadline, seatRegion: 'West' });
    expect(
      (
        await stack().fetch(`/me/applications/${application.id}/accept`, {
          method: 'POST',
          token: me,
          json: { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } },
        })
      ).body.status,
    ).toBe('accepted');
    const cosign = linkIn(
      (await emailsTo(supervisor)).find((m) => m.subject.includes('Training Agreement'))?.body.text,
    );
    expect((await stack().fetch(`/links/${cosign}`)).text).toContain('Attendance policy');
    await stack().fetch(`/links/${cosign}/confirm`, { method: 'POST' });
    expect((await stack().fetch(`/me/applications/${application.id}`, { token: me })).body.status).toBe('enrolled');

    for (const date of ['2027-02-02', '2027-02-09']) {
      await clock(`${date}T12:10:00-05:00`);
      // The first class by importing the meeting's Teams report (UTF-16, sent as base64), the second by hand.
      let roster = { entries: [{ applicationId: application.id, status: 'present' }] };
      if (date === '2027-02-02') {
        const report = [
          '1. Summary',
          'Meeting title\tWinter 2027, class 1',
          '',
          '2. Participants',
          'Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole',
          `Robin P\t2/2/27, 8:58:00 AM\t2/2/27, 12:00:00 PM\t3h 2m\t${email.toUpperCase()}\t${email}\tAttendee`,
          '',
          '3. In-Meeting Activities',
          'Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole',
          `Robin P\t2/2/27, 8:58:00 AM\t2/2/27, 10:30:00 AM\t1h 32m\t${email}\tAttendee`,
          `Robin P\t2/2/27, 10:32:00 AM\t2/2/27, 12:00:00 PM\t1h 28m\t${email}\tAttendee`,
        ].join('\r\n');
        const proposal = await stack().fetch(`/ads/iterations/${iteration.id}/classes/${date}/attendance-proposal`, {
          method: 'POST',
          token: ads,
          json: {
            base64: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(report, 'utf16le')]).toString('base64'),
          },
        });
        expect(proposal.status).toBe(200);
        expect(proposal.body.learners[0]).toMatchObject({
          name: 'Robin Park',
          status: 'present',
          minutesMissed: 2,
          match: 'email',
        });
        roster = proposal.body.roster;
      }
      expect(
        (
          await stack().fetch(`/ads/iterations/${iteration.id}/classes/${date}/attendance`, {
            method: 'POST',
            token: ads,
            json: roster,
          })
        ).status,
      ).toBe(201);
      if (date === '2027-02-02') {
        await clock('2027-02-08T20:00:00-05:00');
        const homework = (await stack().fetch(`/me/applications/${application.id}/homework`, { token: me })).body
          .items[0];
        expect(
          (
            await stack().fetch(`/me/applications/${application.id}/homework/${homework.assignmentId}`, {
              method: 'POST',
              token: me,
              json: { text: 'My discovery profile' },
            })
          ).body.onTime,
        ).toBe(true);
        await stack().fetch(
          `/ads/iterations/${iteration.id}/homework/${homework.assignmentId}/${application.id}/review`,
          { method: 'POST', token: ads, json: { status: 'complete' } },
        );
      }
    }
    expect((await stack().fetch(`/me/applications/${application.id}/qualification`, { token: me })).body).toEqual({
      qualifies: true,
      canStillQualify: true,
      missing: [],
    });

    await clock('2027-02-10T10:00:00-05:00');
    const issued = (
      await stack().fetch(`/ads/iterations/${iteration.id}/certifications`, { method: 'POST', token: ads, json: {} })
    ).body;
    expect(issued.issued[0].certificates).toHaveLength(3);
    const number = issued.issued[0].certificates[0].number;
    expect((await stack().fetch(`/certificates/${number}`)).body).toMatchObject({
      holderName: 'Robin Park',
      status: 'active',
      issuedOn: '2027-02-10',
      expiresOn: '2030-02-10',
    });
    const registry = await stack().fetch(`/registry/certifications?providerId=${provider.id}`, {
      token: await stack().token('dds'),
    });
    expect(registry.body.items).toHaveLength(3);
    expect(
      (await stack().fetch('/registry/providers')).body.regions.West.map((p: { name: string }) => p.name),
    ).toContain('Summit Supports');

    // The certificate document: a tagged PDF, read back by an outside parser (pdfjs-dist) and poppler.
    const pdf = await stack().fetch(`/me/certifications/${number}/certificate.pdf`, { token: me });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = Buffer.from(
      await (
        await fetch(`${stack().url}/me/certifications/${number}/certificate.pdf`, {
          headers: { authorization: `Bearer ${me}` },
        })
      ).arrayBuffer(),
    );
    const document = await readPdf(pdfBytes);
    expect(document.text).toContain('Robin Park');
    expect(document.text).toContain(`/verify/${number}`);
    expect(document.structure).toContain('Figure');

    // The credential, verified by jose against the JWKS fetched over HTTP, and against the Open Badges schema.
    const myCredential = (await stack().fetch(`/me/certifications/${number}/credential`, { token: me })).body;
    const { payload } = await verifyCredentialJwt(myCredential.jwt, `${stack().url}/.well-known/jwks.json`);
    expect(openBadgesErrors(payload)).toEqual([]);
    expect(JSON.stringify(payload)).not.toContain(email);
    const status = payload.credentialStatus as { statusListIndex: string; statusListCredential: string };
    const list = new URL(status.statusListCredential).pathname;
    const bit = async () => statusAt((await stack().fetch(list)).text, Number(status.statusListIndex)).value;
    expect(statusAt((await stack().fetch(list)).text, 0).bits).toBe(131_072 * 2);
    expect(await bit()).toBe(0);

    // Suspended, reinstated, revoked: the status list and the verification page say so on the next read (no
    // polling: the first fetch after the API's answer already carries the change).
    const standing = (action: string) =>
      stack().fetch(`/ads/certificates/${number}/standing`, {
        method: 'POST',
        token: ads,
        json: { action, reason: 'Test' },
      });
    const reaches = async (action: string, value: number, words: string) => {
      expect((await standing(action)).status).toBe(200);
      expect([action, await bit()]).toEqual([action, value]);
      expect((await stack().fetch(`/verify/${number}`, { headers: { accept: 'text/html' } })).text).toContain(
        `Status: ${words}`,
      );
    };
    await reaches('suspend', 1, 'Suspended');
    await reaches('reinstate', 0, 'Active');
    await reaches('revoke', 2, 'Revoked');
    const revokedPdf = await readPdf(
      Buffer.from(
        await (
          await fetch(`${stack().url}/me/certifications/${number}/certificate.pdf`, {
            headers: { authorization: `Bearer ${me}` },
          })
        ).arrayBuffer(),
      ),
    );
    expect(revokedPdf.text).toContain('Not valid: Revoked');
  });
});
