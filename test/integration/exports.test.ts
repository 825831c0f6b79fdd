import { readFileSync } from 'node:fs';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { meter } from '../../scripts/bench/ddb-meter';
import { applicationKey, indexAttributes } from '../../shared/data/applications';
import { dynamo, TABLE_NAME } from '../../shared/data/client';
import type { Application } from '../../shared/domain/application';
import { REGIONS } from '../../shared/domain/vocabulary';
import { join } from 'node:path';
import { applicationRoutes } from '../../shared/http/routes/applications';
import { courseRoutes } from '../../shared/http/routes/course';
import { registryRoutes } from '../../shared/http/routes/registry';
import { toCsv } from '../../shared/csv';
import { seedCertificate } from '../support/certificates';
import { at, useClockReset } from '../support/clock';
import { HOSTILE, readSafeCsv } from '../support/csv';
import {
  applyTo,
  createProvider,
  enrolledLearners,
  newApplicant,
  publishedIteration,
  saveProfile,
} from '../support/fixtures';
import { ads, dds, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/** Every CSV the system produces is opened in a spreadsheet by someone: hostile values must stay text. */
describe('CSV exports are safe to open in a spreadsheet', () => {
  it('applications.csv: a name, job title or provider that starts like a formula is text; BOM; readable headers', async () => {
    at('2026-11-22T12:00:00-05:00');
    const provider = await createProvider({ name: `${HOSTILE.at} Łukasz — Supports` });
    const iteration = await publishedIteration();
    at('2026-12-10T10:00:00-05:00');
    const applicants = [
      [newApplicant(HOSTILE.hyperlink), HOSTILE.plus],
      [newApplicant(HOSTILE.minus), HOSTILE.hyperlink],
      [newApplicant('Łukasz Żółć — lead'), HOSTILE.at],
    ] as const;
    for (const [who, jobTitle] of applicants) {
      await saveProfile(who, provider.id, { jobTitle });
      expect((await applyTo(who, iteration.id)).status).toBe(201);
    }
    const answer = await invoke(applicationRoutes.exportApplications, {
      as: ads,
      params: { iterationId: iteration.id },
    });
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    const { headers, rows } = readSafeCsv(answer.text);
    expect(headers).toEqual(expect.arrayContaining(['Applicant name', 'Applicant email', 'Job title', 'Provider']));
    const byEmail = (who: { email?: string }) => rows.find((r) => r['Applicant email'] === who.email)!;
    expect(byEmail(applicants[0][0])).toMatchObject({
      'Applicant name': `'${HOSTILE.hyperlink}`,
      'Job title': `'${HOSTILE.plus}`,
      Provider: `'${provider.name}`,
    });
    expect(byEmail(applicants[1][0])).toMatchObject({ 'Applicant name': `'${HOSTILE.minus}` });
    expect(byEmail(applicants[2][0])).toMatchObject({ 'Applicant name': 'Łukasz Żółć — lead' });
  });

  it('the registry CSV: hostile holder and provider names are text', async () => {
    at('2027-06-01T10:00:00-04:00');
    const providerId = 'pr-00000000000000AB';
    for (const holderName of [HOSTILE.hyperlink, HOSTILE.plus, HOSTILE.minus, 'Łukasz — Żółć'])
      await seedCertificate({
        holderSub: `holder-${holderName.length}`,
        holderName,
        expiresOn: '2029-05-01',
        providerId,
        providerName: HOSTILE.at,
        providerRegions: ['South'],
      });
    const answer = await invoke(registryRoutes.registryCsv, { as: dds, query: { providerId } });
    expect(answer.status).toBe(200);
    const { headers, rows } = readSafeCsv(answer.text);
    expect(headers).toEqual([
      'Person id',
      'Holder',
      'Provider',
      'Regions',
      'Stage',
      'Certificate number',
      'Issued on',
      'Expires on',
      'Source',
    ]);
    expect(rows.map((r) => r.Holder).sort()).toEqual(
      [`'${HOSTILE.hyperlink}`, `'${HOSTILE.plus}`, `'${HOSTILE.minus}`, 'Łukasz — Żółć'].sort(),
    );
    expect(new Set(rows.map((r) => r.Provider))).toEqual(new Set([`'${HOSTILE.at}`]));
  });

  it('the attendance CSV: a hostile provider name is text', async () => {
    const provider = await createProvider({ name: HOSTILE.minus, regions: ['North', 'South', 'West'] });
    const { iteration } = await enrolledLearners(1, { providerId: provider.id });
    const answer = await invoke(courseRoutes.attendanceCsv, { as: ads, params: { iterationId: iteration.id } });
    const { headers, rows } = readSafeCsv(answer.text);
    expect(headers).toContain('Class date');
    expect(rows[0]).toMatchObject({ Learner: 'Learner 1', Provider: `'${HOSTILE.minus}`, Attendance: 'not recorded' });
  });

  it('cells starting with a tab or carriage return (which the API trims from input) are escaped too', () => {
    const csv = toCsv(
      [
        { header: 'Name', value: (r: { a: string }) => r.a },
        { header: 'Count', value: () => -2 },
      ],
      [{ a: '\t=1+1' }, { a: '\r@x' }, { a: '＝1' }],
    );
    const { rows } = readSafeCsv(csv);
    expect(rows.map((r) => r.Name)).toEqual(["'\t=1+1", "'\r@x", "'＝1"]);
    expect(rows[0]!.Count).toBe('-2');
  });

  it('CSV has one home: the exports and the notice write through shared/csv.ts, which needs no CSV library', () => {
    const root = join(__dirname, '../..');
    const text = (file: string) => readFileSync(join(root, file), 'utf8');
    for (const file of ['shared/http/render/csv.ts', 'shared/use-cases/notices.ts'])
      expect([file, /import \{[^}]*\btoCsv\b[^}]*\} from '[./]+csv'/.test(text(file))]).toEqual([file, true]);
    expect(text('shared/csv.ts')).not.toMatch(/from 'csv-stringify/);
  });
});

/** Seeds `count` submitted applications of an iteration straight into the table, spread over `providers`. */
async function seedApplications(iterationId: string, providers: { id: string; name: string }[], count: number) {
  const items = Array.from({ length: count }, (_, i): Application => {
    const provider = providers[i % providers.length]!;
    return {
      id: `ap-EXPORT${iterationId.slice(-6)}${String(i).padStart(5, '0')}`,
      iterationId,
      iterationKind: 'initial',
      applicantSub: `export-${iterationId}-${i}`,
      applicant: {
        name: `Export Learner ${i}`,
        email: `learner${i}@export.example.org`,
        jobTitle: 'Job developer',
        position: 'direct-service',
      },
      providerId: provider.id,
      providerName: provider.name,
      region: REGIONS[i % 3]!,
      supervisor: { name: 'Sup', email: `sup${i}@export.example.org` },
      acknowledgedAt: '2026-12-10T10:00:00.000-05:00',
      futureStaffPlanned: 1,
      submittedAt: `2026-12-10T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000-05:00`,
      status: 'submitted',
      version: 1,
      updatedAt: '2026-12-10T10:00:00.000-05:00',
    };
  });
  for (let i = 0; i < items.length; i += 25)
    await dynamo.send(
      new BatchWriteCommand({
        RequestItems: {
          [TABLE_NAME]: items.slice(i, i + 25).map((a) => ({
            PutRequest: { Item: { ...applicationKey(a.id), type: 'application', ...a, ...indexAttributes(a) } },
          })),
        },
      }),
    );
}

describe('applications.csv reads what the data needs', () => {
  it('the same DynamoDB calls for 3 rows and for 450 (one Query stream, one batch of providers), every row exported', async () => {
    at('2026-11-22T12:00:00-05:00');
    const providers = [await createProvider(), await createProvider(), await createProvider()];
    const exported = async (count: number) => {
      const iteration = await publishedIteration();
      await seedApplications(iteration.id, providers, count);
      at('2026-12-11T10:00:00-05:00');
      const calls = meter(dynamo);
      try {
        const answer = await invoke(applicationRoutes.exportApplications, {
          as: ads,
          params: { iterationId: iteration.id },
        });
        expect(answer.status).toBe(200);
        return { rows: readSafeCsv(answer.text).rows, calls: { ...calls.calls } };
      } finally {
        calls.stop();
        at('2026-11-22T12:00:00-05:00');
      }
    };
    const few = await exported(3);
    const many = await exported(450);
    expect(few.rows).toHaveLength(3);
    expect(many.rows).toHaveLength(450);
    expect(new Set(many.rows.map((r) => r['Applicant email'])).size).toBe(450);
    expect(many.rows.map((r) => r.Provider).sort()).toEqual(
      Array.from({ length: 450 }, (_, i) => providers[i % 3]!.name).sort(),
    );
    // The iteration (one Query), the applications (one Query stream), the providers (one batch) — for 3 rows and for
    // 450 (it was a Query and a provider batch per 100 rows: 11 calls for 450, 26 for 1,200).
    // Besides the session's standing (one GetItem, on every signed-in request).
    expect(few.calls).toEqual({ GetItem: 1, Query: 2, BatchGetItem: 1 });
    expect(many.calls).toEqual(few.calls);
  });
});
