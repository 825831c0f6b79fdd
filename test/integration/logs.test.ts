import { useTestTable } from '../support/table';

/**
 * Structured logs carry a correlation id per request and nothing personal: a whole flow runs with logging on,
 * every line is captured, and none may contain a seeded name or email address.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
useTestTable();

const lines: string[] = [];
let restore: (() => void) | undefined;
beforeAll(() => {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const capture = (chunk: unknown) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((l) => l.trim() !== ''),
    );
    return true;
  };
  process.stdout.write = capture as never;
  process.stderr.write = capture as never;
  restore = () => {
    process.stdout.write = out;
    process.stderr.write = err;
  };
});
afterAll(() => restore?.());

describe('logs', () => {
  it('are JSON with a correlation id per request, and never contain names or emails', async () => {
    const { at, resetLocalClock } = { ...(await import('../support/clock')), ...(await import('../../shared/clock')) };
    const { enrolledLearners, saveProfile, newApplicant, applyTo } = await import('../support/fixtures');
    const { invoke, ads } = await import('../support/invoke');
    const { applicationRoutes } = await import('../../shared/http/routes/applications');
    const { handler: deadlines } = await import('../../functions/jobs/application-deadlines');
    const { iteration, learners, providerId } = await enrolledLearners(1);
    const [learner] = learners;
    const stranger = newApplicant('Quixote Marplewood');
    await saveProfile(stranger, providerId);
    at('2027-01-20T10:00:00-05:00');
    expect((await applyTo(stranger, iteration.id)).status).toBe(422);
    expect(
      (
        await invoke(applicationRoutes.myApplication, {
          as: stranger,
          params: { applicationId: learner!.applicationId },
        })
      ).status,
    ).toBe(404);
    await invoke(applicationRoutes.listApplicationsForAds, { as: ads, params: { iterationId: iteration.id } });
    await deadlines({});
    resetLocalClock();
    restore?.();

    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = records.filter((r) => r.message === 'request');
    expect(requests.length).toBeGreaterThan(10);
    for (const r of requests)
      expect(r).toMatchObject({
        level: 'INFO',
        service: 'ce-certification',
        correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        route: expect.any(String),
        status: expect.any(Number),
      });
    expect(records.some((r) => r.message === 'job finished' && r.job === 'application-deadlines')).toBe(true);
    const secrets = [
      learner!.who.name,
      learner!.who.email!,
      learner!.who.supervisorEmail,
      stranger.name,
      stranger.email!,
      stranger.supervisorEmail,
      'Sam Supervisor',
      'Dana Contact',
    ];
    const leaks = lines.filter((l) => secrets.some((s) => l.includes(s)) || /[\w.+-]+@[\w-]+\.[\w.]+/.test(l));
    expect(leaks).toEqual([]);
  }, 60_000);
});
