import { applicationRoutes } from '../../shared/http/routes/applications';
import { docsRoutes } from '../../shared/http/routes/docs';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { linkRoutes } from '../../shared/http/routes/links';
import { conform } from '../support/conformance';

/** The checker every suite's answers go through refuses what the document does not promise. */
// These answers are made up: they exercise nothing, so nothing is recorded.
const recording = process.env.CONFORMANCE_DIR;
beforeAll(() => {
  delete process.env.CONFORMANCE_DIR;
});
afterAll(() => {
  if (recording) process.env.CONFORMANCE_DIR = recording;
});

const json = { 'content-type': 'application/json; charset=utf-8' };
const problemJson = { 'content-type': 'application/problem+json' };
const blackout = (body: unknown) => ({ status: 200, headers: json, text: JSON.stringify(body) });
const problem = (status: number, extra: Record<string, unknown> = {}) => ({
  status,
  headers: problemJson,
  text: JSON.stringify({ type: 'about:blank', title: 'T', status, detail: 'D', instance: 'r-1', ...extra }),
});
const put = iterationRoutes.putBlackoutDate;
const update = iterationRoutes.updateIteration;

describe('response conformance', () => {
  it('accepts an answer the document declares', async () => {
    await expect(conform(put, blackout({ date: '2027-03-02', reason: 'Spring break' }))).resolves.toBeUndefined();
    await expect(conform(update, problem(409, { currentVersion: 3 }))).resolves.toBeUndefined();
    await expect(
      conform(iterationRoutes.deleteBlackoutDate, { status: 204, headers: {}, text: '' }),
    ).resolves.toBeUndefined();
  });

  it('refuses a status the operation does not declare', async () => {
    await expect(conform(put, problem(410))).rejects.toThrow(
      'PUT /ads/blackout-dates/{date} → 410 is not in the API document',
    );
  });

  it('refuses a media type the status does not declare', async () => {
    await expect(conform(put, { ...problem(403), headers: { 'content-type': 'text/html' } })).rejects.toThrow(
      'came as text/html',
    );
    // 413 comes only from API Gateway, as `{message}`; 401 from either (problem details when a session ended).
    await expect(
      conform(put, { status: 413, headers: problemJson, text: JSON.stringify({ message: 'Too large' }) }),
    ).rejects.toThrow('declares application/json');
    await expect(conform(put, problem(401))).resolves.toBeUndefined();
  });

  it('treats response objects as closed, problem details included (their extension members are named)', async () => {
    await expect(conform(put, blackout({ date: '2027-03-02', reason: 'x', by: 'someone' }))).rejects.toThrow(
      'must NOT have additional properties',
    );
    await expect(conform(update, problem(409, { hint: 'reload' }))).rejects.toThrow(
      'must NOT have additional properties',
    );
  });

  it("refuses a date-time without Connecticut's offset for its date, and a malformed date", async () => {
    const detail = (at: string) =>
      JSON.stringify({
        id: 'it-1',
        kind: 'initial',
        title: 'Spring',
        timeZone: 'America/New_York',
        applicationWindow: { opensAt: at, closesAt: at, state: 'open' },
        liveClasses: [],
        assignments: [],
        seats: { North: 1, South: 1, West: 1, total: 3 },
      });
    const published = iterationRoutes.getPublishedIteration;
    const withSeats = (at: string) => `${detail(at).slice(0, -1)},"seats":{"North":1,"South":1,"West":1,"total":3}}`;
    const answer = (at: string) => ({ status: 200, headers: json, text: withSeats(at) });
    await expect(conform(published, answer('2027-03-15T23:59:00.000-04:00'))).resolves.toBeUndefined();
    await expect(conform(published, answer('2027-03-16T03:59:00.000Z'))).rejects.toThrow(
      "Connecticut's offset for its date",
    );
    await expect(conform(published, answer('2027-03-15T22:59:00.000-05:00'))).rejects.toThrow(
      "Connecticut's offset for its date",
    );
    await expect(conform(put, blackout({ date: '2027-02-30x', reason: 'x' }))).rejects.toThrow('must match format');
  });

  it('accepts the documented non-JSON answers: pages for link errors, the application already there (200)', async () => {
    const page = { status: 410, headers: { 'content-type': 'text/html; charset=utf-8' }, text: '<!doctype html>' };
    await expect(conform(linkRoutes.viewLink, page)).resolves.toBeUndefined();
    await expect(conform(linkRoutes.viewLink, problem(410))).resolves.toBeUndefined();
    await expect(conform(applicationRoutes.apply, { ...problem(422), status: 200 })).rejects.toThrow(
      'came as application/problem+json',
    );
    await expect(
      conform(docsRoutes.getDocsAsset, { status: 200, headers: { 'content-type': 'text/css' }, text: 'a{}' }),
    ).resolves.toBeUndefined();
  });
});
