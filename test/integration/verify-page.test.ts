import { pageTitle } from '../../shared/site';
import { JSDOM } from 'jsdom';
import type { Standing } from '../../shared/domain/certification';
import { PAGE_POLICY } from '../../shared/http/render/layout';
import { certificationRoutes } from '../../shared/http/routes/certifications';
import { providerRoutes } from '../../shared/http/routes/providers';
import { registryRoutes as r } from '../../shared/http/routes/registry';
import { violations } from '../support/axe';
import { seedCertificate } from '../support/certificates';
import { at, useClockReset } from '../support/clock';
import { createProvider, unique } from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * The public verification page (README, "Verifying a certificate"): server-rendered, no script, one address per
 * certificate (its canonical number), numbers read as typed from paper, each status in words, the record's last
 * change in Connecticut time; the JSON twin at `/certificates/{number}` says the same.
 */
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const TODAY = '2027-06-15T10:00:00-04:00';
const EXPIRES = { active: '2029-01-01', 'in-grace': '2027-05-01', expired: '2026-12-01' } as const;

const dom = (html: string) => new JSDOM(html).window.document;
/** The page's text, each element's text set apart by a space (so a term and its value read "Holder Ann"). */
const text = (html: string) => {
  const doc = dom(html);
  for (const e of doc.querySelectorAll('main *')) e.append(' ');
  return (doc.querySelector('main')?.textContent ?? '').replace(/\s+/g, ' ');
};

/** A person's typing of a number from paper: lower case, no hyphens, O for 0 and l for 1, spaces between groups. */
const asTyped = (number: string) =>
  number.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/ /, '');

async function expectAPage(answer: { headers: Record<string, string>; text: string }, title: string) {
  expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(answer.headers['content-security-policy']).toBe(PAGE_POLICY);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.text).not.toMatch(/<script| style=|<style/);
  const doc = dom(answer.text);
  expect(doc.documentElement.lang).toBe('en');
  expect(doc.title).toBe(pageTitle(title));
  expect(doc.querySelector('h1')?.textContent).toBe(title);
  expect(doc.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).toBe('/uswds/css/uswds.min.css');
  expect(doc.querySelector('a.usa-skipnav')?.getAttribute('href')).toBe('#main-content');
  expect(doc.querySelector('footer a[href="/accessibility"]')?.textContent).toBe('Accessibility statement');
  expect(await violations(answer.text)).toEqual([]);
}

describe('a certificate at /verify/{number}', () => {
  it.each<[string, Standing, keyof typeof EXPIRES, string]>([
    ['active', 'issued', 'active', 'Active'],
    ['in-grace', 'issued', 'in-grace', 'In grace — not active'],
    ['expired', 'issued', 'expired', 'Expired'],
    ['suspended', 'suspended', 'active', 'Suspended'],
    ['revoked', 'revoked', 'active', 'Revoked'],
    ['superseded', 'superseded', 'active', 'Superseded'],
  ])('%s: its status in words, the holder, stage and dates, nothing else', async (status, standing, dates, words) => {
    at(TODAY);
    const cert = await seedCertificate({
      holderSub: `holder-${unique()}`,
      holderName: 'Zoë <O’Brien>',
      expiresOn: EXPIRES[dates],
      issuedOn: '2024-03-05',
      standing,
      providerName: 'Secret Provider Name',
      stage: 'job-development',
    });
    const page = await invoke(r.verifyAtAddress, { params: { number: cert.number } });
    expect(page.status).toBe(200);
    await expectAPage(page, `Certificate ${cert.number}`);
    const shown = text(page.text);
    expect(dom(page.text).querySelector('#status-heading')?.textContent).toBe(`Status: ${words}`);
    expect(shown).toContain('Holder Zoë <O’Brien>');
    expect(shown).toContain('Stage Job Development, Negotiation & Placement');
    expect(shown).toContain('Issued on March 5, 2024');
    expect(shown).toContain(
      `Expires on ${{ active: 'January 1, 2029', 'in-grace': 'May 1, 2027', expired: 'December 1, 2026' }[dates]}`,
    );
    expect(shown).toContain('Record last changed January 1, 2024 at 12:00 AM (Connecticut time)');
    expect(shown).toContain('Status as of June 15, 2027 at 10:00 AM (Connecticut time)');
    expect(page.text).not.toContain('Secret Provider Name');
    expect(page.text).not.toContain(cert.holderSub);
    const json = await invoke(r.verifyCertificate, { params: { number: cert.number } });
    expect(json.body).toEqual({
      number: cert.number,
      holderName: 'Zoë <O’Brien>',
      stage: 'job-development',
      stageName: 'Job Development, Negotiation & Placement',
      status,
      active: status === 'active',
      issuedOn: '2024-03-05',
      expiresOn: EXPIRES[dates],
      lastChangedAt: '2024-01-01T00:00:00.000-05:00',
      credential: null,
    });
  });

  it('is found however the number is typed from paper: the page moves to the canonical address, the JSON answers', async () => {
    at(TODAY);
    const cert = await seedCertificate({ holderSub: `holder-${unique()}`, holderName: 'Ann', expiresOn: '2029-01-01' });
    const typings = [
      asTyped(cert.number),
      cert.number.toLowerCase(),
      cert.number.replace(/-/g, ''),
      cert.number.slice('CT-CE-'.length),
      ` ${cert.number.replace(/-/g, ' ')} `,
      cert.number.replace(/-/g, '\u2013'),
    ];
    for (const typed of typings) {
      const moved = await invoke(r.verifyAtAddress, { params: { number: typed } });
      expect([typed, moved.status, moved.headers.location]).toEqual([typed, 308, `/verify/${cert.number}`]);
      const json = await invoke(r.verifyCertificate, { params: { number: typed } });
      expect([typed, json.status, json.body.number]).toEqual([typed, 200, cert.number]);
      const looked = await invoke(r.verifyLookup, { query: { number: typed } });
      expect([typed, looked.status, looked.headers.location]).toEqual([typed, 303, `/verify/${cert.number}`]);
    }
  });

  it('an unknown number: a 404 page that says so and offers the form, the typed number kept', async () => {
    const page = await invoke(r.verifyAtAddress, { params: { number: 'CT-CE-0000-0000-0000-0000' }, headers: BROWSER });
    expect(page.status).toBe(404);
    await expectAPage(page, 'Certificate not found');
    expect(text(page.text)).toContain('No certificate has this number');
    const doc = dom(page.text);
    expect(doc.querySelector('form[method="get"][action="/verify"] input[name="number"]')?.getAttribute('value')).toBe(
      'CT-CE-0000-0000-0000-0000',
    );
    const json = await invoke(r.verifyCertificate, { params: { number: 'ct-ce-oooo-0000-0000-0000' } });
    expect([json.status, json.headers['content-type']]).toEqual([404, 'application/problem+json']);
    const api = await invoke(r.verifyAtAddress, { params: { number: 'CT-CE-0000-0000-0000-0000' } });
    expect([api.status, api.headers['content-type']]).toEqual([404, 'application/problem+json']);
  });

  it.each([
    ['letters that are not a number', 'not-a-number'],
    ['a U, which no number has', 'CT-CE-UUUU-0000-0000-0000'],
    ['a symbol missing', 'CT-CE-0000-0000-0000-000'],
  ])('%s: 400, the form again with the error tied to the field; API clients get the field list', async (_w, typed) => {
    const page = await invoke(r.verifyAtAddress, { params: { number: typed }, headers: BROWSER });
    expect(page.status).toBe(400);
    await expectAPage(page, 'Error: Verify a certificate');
    const input = dom(page.text).querySelector('input#number')!;
    expect([
      input.getAttribute('aria-invalid'),
      input.getAttribute('aria-describedby'),
      input.getAttribute('value'),
    ]).toEqual(['true', 'number-hint number-error', typed]);
    expect(dom(page.text).querySelector('#number-error')?.textContent).toMatch(/not a certificate number/);
    const json = await invoke(r.verifyCertificate, { params: { number: typed } });
    expect([json.status, json.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['path.number']]);
  });
});

describe('the lookup form at /verify', () => {
  it('is a form that works without JavaScript (GET to /verify, one labelled field)', async () => {
    const page = await invoke(r.verifyLookup);
    expect(page.status).toBe(200);
    await expectAPage(page, 'Verify a certificate');
    const form = dom(page.text).querySelector('form')!;
    expect([form.getAttribute('method'), form.getAttribute('action')]).toEqual(['get', '/verify']);
    expect(dom(page.text).querySelector('label[for="number"]')?.textContent).toBe('Certificate number');
  });

  it('sent empty or unreadable: 400, the form again with the error tied to the field', async () => {
    const empty = await invoke(r.verifyLookup, { query: { number: '' }, headers: BROWSER });
    expect(empty.status).toBe(400);
    await expectAPage(empty, 'Error: Verify a certificate');
    expect(dom(empty.text).querySelector('#number-error')?.textContent).toBe('Enter the certificate number.');
    const wrong = await invoke(r.verifyLookup, { query: { number: 'CT-CE-1234' }, headers: BROWSER });
    expect(dom(wrong.text).querySelector('input#number')?.getAttribute('value')).toBe('CT-CE-1234');
    const api = await invoke(r.verifyLookup, { query: { number: 'x' } });
    expect([api.status, api.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['query.number']]);
  });
});

describe('when the record last changed', () => {
  it('moves with a change of standing, on the page and in the JSON', async () => {
    at(TODAY);
    const cert = await seedCertificate({ holderSub: `holder-${unique()}`, holderName: 'Ann', expiresOn: '2029-01-01' });
    at('2027-07-04T15:30:00-04:00');
    const suspended = await invoke(certificationRoutes.setCertificateStanding, {
      as: ads,
      params: { number: cert.number },
      body: { action: 'suspend', reason: 'Under review' },
    });
    expect(suspended.body.lastChangedAt).toBe('2027-07-04T15:30:00.000-04:00');
    at('2027-07-05T09:00:00-04:00');
    const json = await invoke(r.verifyCertificate, { params: { number: cert.number } });
    expect([json.body.status, json.body.lastChangedAt]).toEqual(['suspended', '2027-07-04T15:30:00.000-04:00']);
    const page = await invoke(r.verifyAtAddress, { params: { number: cert.number } });
    expect(text(page.text)).toContain('Record last changed July 4, 2027 at 3:30 PM (Connecticut time)');
  });

  it("moves when the holder's provider is renamed (the record carries its name)", async () => {
    at(TODAY);
    const provider = await createProvider();
    const cert = await seedCertificate({
      holderSub: `holder-${unique()}`,
      holderName: 'Ann',
      expiresOn: '2029-01-01',
      providerId: provider.id,
      providerName: provider.name,
      providerRegions: ['North', 'West'],
    });
    at('2027-12-01T08:15:00-05:00');
    const full = await invoke(providerRoutes.getProviderForAds, { as: ads, params: { providerId: provider.id } });
    const { id: _id, ...fields } = full.body;
    const renamed = await invoke(providerRoutes.updateProvider, {
      as: ads,
      params: { providerId: provider.id },
      body: { ...pick(fields), name: `Renamed ${unique()}` },
    });
    expect(renamed.status).toBe(200);
    const json = await invoke(r.verifyCertificate, { params: { number: cert.number } });
    expect(json.body.lastChangedAt).toBe('2027-12-01T08:15:00.000-05:00');
  });
});

/** The fields `updateProvider` takes, from the provider as read. */
function pick(p: Record<string, unknown>) {
  const { name, regions, contractsWithAds, contractsWithDds, contact, version } = p;
  return { name, regions, contractsWithAds, contractsWithDds, contact, version };
}
