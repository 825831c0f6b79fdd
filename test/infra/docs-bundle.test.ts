import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleFunction } from '../../infra/bundling';
import { docsFiles } from '../../infra/stacks/api-stack';
import { openApiText } from '../../shared/http/openapi-file';
import { docsRoutes } from '../../shared/http/routes/docs';
import { apiEvent } from '../../scripts/local/api-event';
import { deployedEnvironments } from '../../scripts/bench/deployed-env';

/**
 * The docs function as deployed: bundled with the Lambda settings (`CE_OPENAPI_PREBUILT` defined), its files put
 * beside it by the same function CDK runs, then invoked in a fresh Node process with its deployed environment. It serves
 * the document built from the route table, byte for byte, and its bundle carries neither zod-openapi nor the route
 * table's schemas.
 */
describe('the docs function in Lambda', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-docs-bundle-'));
  let bundleText: string;

  beforeAll(async () => {
    await bundleFunction(resolve('functions/docs/handler.ts'), dir);
    docsFiles(dir);
    bundleText = readFileSync(join(dir, 'index.mjs'), 'utf8');
  }, 60_000);

  it('serves the document built from the route table, from the file written at synth', async () => {
    const env = (await deployedEnvironments()).get('api-docs')!;
    const event = apiEvent({ route: docsRoutes.getOpenApi, rawPath: '/openapi.json' });
    const script = `
      const { handler } = await import(${JSON.stringify(join(dir, 'index.mjs'))});
      const context = { functionName: 'api-docs', awsRequestId: 'test', getRemainingTimeInMillis: () => 10000 };
      const answer = await handler(JSON.parse(process.env.EVENT), context);
      (await import('node:fs')).writeFileSync(process.env.ANSWER, JSON.stringify(answer));`;
    // The function logs to stdout, as in Lambda: its answer comes back in a file.
    const answerFile = join(dir, 'answer.json');
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...env, LAMBDA_TASK_ROOT: dir, EVENT: JSON.stringify(event), ANSWER: answerFile },
    });
    const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toBe(openApiText());
  }, 120_000);

  it('bundles neither zod-openapi nor the route table', () => {
    expect(bundleText).not.toContain('createDocument');
    // A description from another area's routes: the route table is not in the bundle.
    expect(bundleText).not.toContain('The notice period: a calendar month.');
    expect(bundleText.length).toBeLessThan(150 * 1024);
  });
});
