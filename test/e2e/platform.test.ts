import { tokenFromAnotherKey, useTestStack } from '../support/local-stack';

const stack = useTestStack();
// The plan's application window is Nov 2026–May 2027: the stack's clock stands inside it, whatever day the suite runs on.
beforeAll(async () => {
  const set = await stack().fetch('/_local/clock', { method: 'PUT', json: { at: '2026-12-01T09:00:00-05:00' } });
  expect(set.status).toBe(200);
});

const plan = {
  kind: 'initial',
  title: 'Summer 2027',
  applicationWindow: { opensAt: '2026-11-01T09:00', closesAt: '2027-05-01T17:00' },
  seats: { North: 3, South: 2, West: 2 },
  liveClasses: [{ date: '2027-06-01' }, { date: '2027-06-08' }],
  assignments: [
    {
      title: 'Job search plan',
      dueAt: '2027-06-07T23:59',
      component: 'job-search-planning',
      competency: 'planning-and-organizing',
    },
  ],
};

describe('through the local gateway with real tokens', () => {
  it('ADS creates and publishes an iteration; anyone sees it and downloads its calendar', async () => {
    const token = await stack().token('ads-staff');
    const created = await stack().fetch('/ads/iterations', { method: 'POST', token, json: plan });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-correlation-id')).toBeTruthy();
    const published = await stack().fetch(`/ads/iterations/${created.body.id}/publish`, { method: 'POST', token });
    expect(published.body.status).toBe('published');
    const listed = await stack().fetch('/iterations');
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    const ics = await stack().fetch(`/iterations/${created.body.id}/calendar.ics`);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(ics.text).toContain('BEGIN:VEVENT');
  });

  it('answers by role: applicant and DDS tokens get 403 on ADS routes, no token 401', async () => {
    expect((await stack().fetch('/ads/iterations', { token: await stack().token('applicant') })).status).toBe(403);
    expect((await stack().fetch('/ads/iterations', { token: await stack().token('dds') })).status).toBe(403);
    const anonymous = await stack().fetch('/ads/iterations');
    expect([anonymous.status, anonymous.body]).toEqual([401, { message: 'Unauthorized' }]);
  });

  it('rejects a tampered token and one signed by another key, as the JWT authorizer does', async () => {
    const token = await stack().token('applicant');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['ads-staff'] })).toString('base64url');
    expect((await stack().fetch('/ads/iterations', { token: `${header}.${promoted}.${signature}` })).status).toBe(401);
    const forged = await tokenFromAnotherKey(
      { ...claims, 'cognito:groups': ['ads-staff'] },
      stack().state.issuer,
      stack().state.clientId,
    );
    expect((await stack().fetch('/ads/iterations', { token: forged })).status).toBe(401);
  });

  it('serves the API document and a docs page from its own files', async () => {
    const doc = await stack().fetch('/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const page = await stack().fetch('/docs');
    expect(page.text).toContain('docs/swagger-ui-bundle.js');
    const script = await stack().fetch('/docs/swagger-ui-bundle.js');
    expect(script.status).toBe(200);
    expect(script.text.length).toBeGreaterThan(100_000);
  });
});
