import { createHash } from 'node:crypto';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import { applicationRoutes } from '../../shared/http/routes/applications';
import { certificationRoutes } from '../../shared/http/routes/certifications';
import { docsRoutes } from '../../shared/http/routes/docs';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { linkRoutes } from '../../shared/http/routes/links';
import { providerRoutes } from '../../shared/http/routes/providers';
import { at, useClockReset } from '../support/clock';
import { injectFaults } from '../support/faults';
import { createIteration } from '../support/fixtures';
import { ads, applicantA, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const fields = (answer: { body: { errors?: { field: string }[] } }) =>
  (answer.body.errors ?? []).map((e) => e.field).sort();
const NO_SUCH_ITERATION = 'it-0000000000000000';

describe('a route that takes a body', () => {
  it.each([
    ['missing', {}],
    ['JSON null', { rawBody: 'null' }],
  ])('refuses a %s body with 400 listing `body`, before anything runs', async (_, call) => {
    // The use case would answer 404 for this iteration: a 400 shows validation stopped the request first.
    const answer = await invoke(certificationRoutes.issueCertifications, {
      as: ads,
      params: { iterationId: NO_SUCH_ITERATION },
      ...call,
    });
    expect([answer.status, answer.headers['content-type'], fields(answer)]).toEqual([
      400,
      'application/problem+json',
      ['body'],
    ]);
  });

  it('writes nothing when the body is null', async () => {
    const list = async () => (await invoke(providerRoutes.listProvidersForAds, { as: ads })).body.items.length;
    const before = await list();
    const answer = await invoke(providerRoutes.createProvider, { as: ads, rawBody: 'null' });
    expect([answer.status, fields(answer)]).toEqual([400, ['body']]);
    expect(await list()).toBe(before);
  });

  it('accepts `{}` where every field is optional', async () => {
    const answer = await invoke(certificationRoutes.issueCertifications, {
      as: ads,
      params: { iterationId: NO_SUCH_ITERATION },
      body: {},
    });
    expect(answer.status).toBe(404);
  });

  it('names each unknown field on its own', async () => {
    const answer = await invoke(certificationRoutes.issueCertifications, {
      as: ads,
      params: { iterationId: NO_SUCH_ITERATION },
      body: { exceptions: [], force: true, dryRun: true },
    });
    expect([answer.status, fields(answer)]).toEqual([400, ['body.dryRun', 'body.force']]);
  });
});

describe('a route that takes no body', () => {
  it.each([
    ['{}', '{}'],
    ['null', 'null'],
    ['an object', '{"force":true}'],
    ['whitespace', ' '],
  ])('refuses %s with 400 `body` and does not act', async (_, rawBody) => {
    const { id } = await createIteration();
    const refused = await invoke(iterationRoutes.publishIteration, { as: ads, params: { iterationId: id }, rawBody });
    expect([refused.status, refused.body.errors]).toEqual([
      400,
      [{ field: 'body', code: 'unrecognized_body', message: 'This route takes no body' }],
    ]);
    const stored = await invoke(iterationRoutes.getIterationForAds, { as: ads, params: { iterationId: id } });
    expect(stored.body.status).toBe('draft');
  });

  it('acts on an absent or empty body', async () => {
    at('2026-12-10T09:00:00-05:00'); // the fixture's application window is open: publishing is allowed
    const absent = await createIteration();
    const empty = await createIteration();
    const published = [
      await invoke(iterationRoutes.publishIteration, { as: ads, params: { iterationId: absent.id } }),
      await invoke(iterationRoutes.publishIteration, { as: ads, params: { iterationId: empty.id }, rawBody: '' }),
    ];
    expect(published.map((a) => [a.status, a.body.status])).toEqual([
      [200, 'published'],
      [200, 'published'],
    ]);
  });

  it('is the same rule on every such route: computing a proposal, declining an offer', async () => {
    const proposal = await invoke(allocationRoutes.computeProposal, {
      as: ads,
      params: { iterationId: NO_SUCH_ITERATION },
      body: {},
    });
    const decline = await invoke(allocationRoutes.declineOffer, {
      as: applicantA,
      params: { applicationId: 'ap-0000000000000000' },
      rawBody: 'null',
    });
    expect([proposal.status, fields(proposal), decline.status, fields(decline)]).toEqual([
      400,
      ['body'],
      400,
      ['body'],
    ]);
  });
});

describe('query parameters', () => {
  it('a route without a query string refuses any parameter, naming each', async () => {
    const answer = await invoke(applicationRoutes.myApplications, {
      as: applicantA,
      query: { sort: 'latest', page: '2' },
    });
    expect([answer.status, fields(answer)]).toEqual([400, ['query.page', 'query.sort']]);
  });

  it('a route with a query string refuses the parameters it does not declare', async () => {
    const answer = await invoke(providerRoutes.listProvidersForAds, { as: ads, query: { limit: '10', sort: 'name' } });
    expect([answer.status, fields(answer)]).toEqual([400, ['query.sort']]);
    const publicList = await invoke(iterationRoutes.listOpenIterations, { query: { region: 'North' } });
    expect([publicList.status, fields(publicList)]).toEqual([400, ['query.region']]);
  });

  it('a page size must be a whole number from 1 to 100', async () => {
    for (const limit of ['2.5', '0', '101', 'ten']) {
      const answer = await invoke(providerRoutes.listProvidersForAds, { as: ads, query: { limit } });
      expect([limit, answer.status, fields(answer)]).toEqual([limit, 400, ['query.limit']]);
    }
    expect((await invoke(providerRoutes.listProvidersForAds, { as: ads, query: { limit: '2' } })).status).toBe(200);
  });
});

describe('errors on the supervisor link routes', () => {
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  const unknownToken = { token: 'A'.repeat(43) };

  it.each([
    ['no Accept', undefined, 'application/problem+json'],
    ['Accept: application/json', 'application/json', 'application/problem+json'],
    ['Accept: */*', '*/*', 'application/problem+json'],
    ['a tie between HTML and JSON', 'text/html, application/json', 'application/problem+json'],
    ['HTML ranked below JSON', 'text/html;q=0.5, application/problem+json', 'application/problem+json'],
    ['a browser', BROWSER, 'text/html; charset=utf-8'],
    ['HTML only', 'text/html', 'text/html; charset=utf-8'],
  ])('with %s: %s', async (_, accept, contentType) => {
    const headers: Record<string, string> = accept === undefined ? {} : { accept };
    for (const [route, params, status] of [
      [linkRoutes.viewLink, unknownToken, 404],
      [linkRoutes.confirmLink, unknownToken, 404],
      [linkRoutes.viewLink, { token: 'short' }, 400],
    ] as const) {
      const answer = await invoke(route, { params, headers });
      expect([route.operationId, answer.status, answer.headers['content-type'], answer.headers.vary]).toEqual([
        route.operationId,
        status,
        contentType,
        'accept',
      ]);
      if (contentType === 'application/problem+json')
        expect(answer.body).toMatchObject({ status, title: expect.any(String) });
      else expect(answer.text).toMatch(/^<!doctype html>.*<h1>(Not found|Bad request)<\/h1>/);
    }
  });

  it('JSON routes answer problem+json whatever the client accepts', async () => {
    const answer = await invoke(providerRoutes.getProviderForAds, {
      as: ads,
      params: { providerId: 'pr-0000000000000000' },
      headers: { accept: BROWSER },
    });
    expect([answer.status, answer.headers['content-type'], answer.headers.vary]).toEqual([
      404,
      'application/problem+json',
      undefined,
    ]);
  });
});

describe('security headers', () => {
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  const everyAnswer = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
  };
  const notAPage = "default-src 'none'; frame-ancestors 'none'";

  it('on signed-in data and its errors: nothing may load, nothing is stored', async () => {
    const answers = [
      await invoke(providerRoutes.listProvidersForAds, { as: ads }),
      await invoke(providerRoutes.getProviderForAds, { as: ads, params: { providerId: 'pr-0000000000000000' } }),
      await invoke(providerRoutes.listProvidersForAds, { as: applicantA }),
      await invoke(providerRoutes.listProvidersForAds),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 404, 403, 401]);
    for (const answer of answers)
      expect(answer.headers).toMatchObject({
        ...everyAnswer,
        'content-security-policy': notAPage,
        'cache-control': 'no-store',
      });
  });

  it('on the link pages: a strict policy allowing only the same-origin design system and their own form, never stored', async () => {
    const page = await invoke(linkRoutes.viewLink, { params: { token: 'A'.repeat(43) }, headers: { accept: BROWSER } });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers).toMatchObject({
      ...everyAnswer,
      'content-security-policy':
        "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
    });
    expect(page.text).toContain('<link rel="stylesheet" href="/uswds/css/uswds.min.css">');
    expect(page.text).not.toMatch(/ style=|<style|<script/);
  });

  it('public cacheable answers keep their caching', async () => {
    const document = await invoke(docsRoutes.getOpenApi);
    const docsPage = await invoke(docsRoutes.getDocsPage);
    expect([document.headers['cache-control'], docsPage.headers['cache-control']]).toEqual([
      'public, max-age=300',
      'public, max-age=300',
    ]);
    expect(document.headers).toMatchObject({ ...everyAnswer, 'content-security-policy': notAPage });
    const script = docsPage.text.match(/<script>(.*?)<\/script>/)![1]!;
    expect(docsPage.headers['content-security-policy']).toContain(
      `script-src 'self' 'sha256-${createHash('sha256').update(script).digest('base64')}'`,
    );
  });
});

describe('answers a client should retry say when', () => {
  it.each([
    ['throttling outlasting the retries', { throttle: 1 }, 429, '1'],
    ['a backing service timing out', { timeout: 1 }, 503, '2'],
  ] as const)('%s: %d with Retry-After', async (_, rates, status, retryAfter) => {
    const fault = injectFaults(rates);
    try {
      const answer = await invoke(providerRoutes.listProvidersForAds, { as: ads });
      expect([answer.status, answer.headers['retry-after'], answer.headers['content-type']]).toEqual([
        status,
        retryAfter,
        'application/problem+json',
      ]);
    } finally {
      fault.stop();
    }
  });
});

describe('every error a function answers is problem+json', () => {
  it('415 for a body that is not JSON', async () => {
    const answer = await invoke(providerRoutes.createProvider, {
      as: ads,
      rawBody: 'name=Harbor',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([answer.status, answer.headers['content-type'], answer.body.title]).toEqual([
      415,
      'application/problem+json',
      'Unsupported media type',
    ]);
  });

  it('404 for a route the function does not serve', async () => {
    const stray = {
      ...iterationRoutes.listOpenIterations,
      method: 'GET',
      path: '/iterations/{iterationId}/seats',
    } as const;
    const answer = await invoke(stray, { params: { iterationId: NO_SUCH_ITERATION }, outsideTheDocument: true });
    expect([answer.status, answer.headers['content-type'], answer.headers['x-content-type-options']]).toEqual([
      404,
      'application/problem+json',
      'nosniff',
    ]);
  });
});
