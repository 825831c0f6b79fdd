import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { bundleFunction, withoutApiDocs } from '../../infra/bundling';
import { CeFunction } from '../../infra/constructs/ce-function';
import { ALL_ROUTES } from '../../shared/http/routes';
import { routeShapes } from '../support/schema-shape';

/**
 * The Lambda bundles leave the API's documentation text out (`stripApiDocs` in `infra/bundling.ts`). These tests
 * show that nothing else changes: the route table bundled that way, run in a fresh Node process, has every route's
 * schemas exactly as the source has them, and none of the text.
 */
describe('the route table as bundled for Lambda', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-route-bundle-'));
  let bundled: Record<string, unknown>;
  let text: string;

  beforeAll(async () => {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `export { ALL_ROUTES } from ${JSON.stringify(resolve('shared/http/routes'))};\n` +
        `export { routeShapes } from ${JSON.stringify(resolve('test/support/schema-shape'))};\n`,
    );
    await bundleFunction(entry, join(dir, 'out'));
    const out = join(dir, 'shapes.json');
    execFileSync(process.execPath, [
      '--input-type=module',
      '-e',
      `const { ALL_ROUTES, routeShapes } = await import(${JSON.stringify(join(dir, 'out', 'index.mjs'))});
       (await import('node:fs')).writeFileSync(${JSON.stringify(out)}, JSON.stringify(routeShapes(ALL_ROUTES)));`,
    ]);
    bundled = JSON.parse(readFileSync(out, 'utf8'));
    text = readFileSync(join(dir, 'out', 'index.mjs'), 'utf8');
  }, 60_000);

  it("keeps every route's schemas: parameters, query, body and answer, with every check", () => {
    expect(Object.keys(bundled)).toHaveLength(ALL_ROUTES.length);
    expect(bundled).toEqual(JSON.parse(JSON.stringify(routeShapes(ALL_ROUTES))));
  });

  it("carries none of the routes' summaries and descriptions", () => {
    const texts = ALL_ROUTES.flatMap((r) => [r.summary, r.description ?? '', r.success.description]).filter(
      (t) => t.length > 24,
    );
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((t) => text.includes(t))).toEqual([]);
    // A field's own description (`described`) and a building block's (`meta`).
    expect(text).not.toContain('The region whose seat you compete for');
    expect(text).not.toContain('Why: kept in the audit trail.');
  });
});

describe('leaving the documentation text out', () => {
  it('touches only documentation: a field named description in a schema stays', () => {
    const source = `const r = route({
      summary: 'List things',
      description: 'All ' + 'of them',
      body: described(z.object({ description: text(200), note: meta(z.string(), { example: 'x' }) }), 'The thing.'),
      success: { status: 200, description: \`The list.\`, schema: z.object({ summary: z.string() }) },
    });`;
    expect(withoutApiDocs(source, true)).toBe(`const r = route({
      summary: '',
      description: '',
      body: (z.object({ description: text(200), note: (z.string()) })),
      success: { status: 200, description: '', schema: z.object({ summary: z.string() }) },
    });`);
  });
});

describe('each function deployed', () => {
  it('gets its own bundle, built at synth', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'ce-function-assets-')) });
    const stack = new Stack(app, 'Bundles');
    const logs = { key: new Key(stack, 'Logs'), retention: RetentionDays.ONE_DAY };
    const alarmTopic = new Topic(stack, 'Alarms');
    const entries = ['functions/accounts/post-confirmation.ts', 'functions/jobs/email-outbox.ts'];
    for (const [i, entry] of entries.entries()) {
      new CeFunction(stack, `Fn${i}`, {
        logs,
        alarmTopic,
        entry,
        name: `fn-${i}`,
        description: entry,
        invocation: { type: 'synchronous', caller: 'the test' },
      });
    }
    const assembly = app.synth();
    const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    const bundles = functions.map((f) => {
      const key = (f as { Properties: { Code: { S3Key: string }; Handler: string } }).Properties;
      expect(key.Handler).toBe('index.handler');
      const hash = key.Code.S3Key.replace(/\.zip$/, '');
      return readFileSync(join(assembly.directory, `asset.${hash}`, 'index.mjs'), 'utf8');
    });
    expect(bundles).toHaveLength(2);
    expect(bundles[0] === bundles[1]).toBe(false);
    // Each is its own entry's code: the sign-up hook adds the account to a group; the outbox job names itself.
    expect(bundles.map((b) => [b.includes('AdminAddUserToGroup'), b.includes('"email-outbox"')])).toEqual([
      [true, false],
      [false, true],
    ]);
  }, 120_000);
});
