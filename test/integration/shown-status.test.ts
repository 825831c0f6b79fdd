import { handler as sweep } from '../../functions/jobs/allocation-sweep';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import { applicationRoutes as r } from '../../shared/http/routes/applications';
import { at, useClockReset } from '../support/clock';
import {
  applyTo,
  createProvider,
  endorsedApplicant,
  newApplicant,
  publishedIteration,
  saveProfile,
} from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const agreement = { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } };

describe('the status shown is true now', () => {
  it('an offer past its deadline reads lapsed before the sweep runs (to the applicant and ADS); accepting it gives 409', async () => {
    at('2026-11-22T12:00:00-05:00');
    const provider = await createProvider();
    const iteration = await publishedIteration({ seats: { North: 1, South: 0, West: 0 } });
    at('2026-12-10T10:00:00-05:00');
    const { who, applicationId } = await endorsedApplicant(iteration.id, provider.id, 'North');
    at('2027-01-16T09:00:00-05:00');
    const proposal = await invoke(allocationRoutes.computeProposal, { as: ads, params: { iterationId: iteration.id } });
    await invoke(allocationRoutes.confirmProposal, {
      as: ads,
      params: { iterationId: iteration.id },
      body: { version: proposal.body.version },
    });
    const offered = await invoke(r.myApplication, { as: who, params: { applicationId } });
    expect(offered.body.status).toBe('offered');

    at(new Date(Date.parse(offered.body.offer.deadline) + 1000).toISOString());
    expect((await invoke(r.myApplication, { as: who, params: { applicationId } })).body.status).toBe('lapsed');
    expect((await invoke(r.myApplications, { as: who })).body.items[0].status).toBe('lapsed');
    const rows = await invoke(r.listApplicationsForAds, { as: ads, params: { iterationId: iteration.id } });
    expect(rows.body.items.find((row: { id: string }) => row.id === applicationId).status).toBe('lapsed');
    const accepted = await invoke(allocationRoutes.acceptOffer, {
      as: who,
      params: { applicationId },
      body: agreement,
    });
    expect(accepted.status).toBe(409);

    // The job still does the releasing; afterwards the stored status agrees with what was shown.
    expect((await sweep({})).lapsed).toBe(1);
    expect((await invoke(r.myApplication, { as: who, params: { applicationId } })).body.status).toBe('lapsed');
  });

  it('an application never endorsed reads not-considered once the window has closed, before the job runs', async () => {
    at('2026-11-22T12:00:00-05:00');
    const provider = await createProvider();
    const iteration = await publishedIteration();
    at('2026-12-10T10:00:00-05:00');
    const ann = newApplicant();
    await saveProfile(ann, provider.id);
    const { body: application } = await applyTo(ann, iteration.id);
    at('2027-01-15T17:00:00-05:00');
    expect((await invoke(r.myApplication, { as: ann, params: { applicationId: application.id } })).body.status).toBe(
      'not-considered',
    );
  });

  it('applying twice answers with the same view (iteration title included)', async () => {
    at('2026-11-22T12:00:00-05:00');
    const provider = await createProvider();
    const iteration = await publishedIteration();
    at('2026-12-10T10:00:00-05:00');
    const bea = newApplicant();
    await saveProfile(bea, provider.id);
    const first = await applyTo(bea, iteration.id);
    const again = await applyTo(bea, iteration.id);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(first.body.iteration.title).toBe('Spring 2027 — initial certification');
    expect(again.body).toEqual(first.body);
  });
});
