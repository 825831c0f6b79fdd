/**
 * The web tests' backend, in its own process (so its environment never mixes with the jest process's): the whole
 * local stack on free ports with DynamoDB in memory, plus the web app (built if stale). Prints one JSON line with
 * where everything is, then runs until killed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/local/components';
import { startStack } from '../../scripts/local/stack';
import { serveWebApp } from '../../scripts/local/web';

const webPort = await freePort();
const { state, stop } = await startStack({
  dataDir: mkdtempSync(join(tmpdir(), 'ce-web-')),
  inMemory: true,
  publicBaseUrl: `http://127.0.0.1:${webPort}`,
  // The browser posts homework files straight to the local S3 server: its CORS admits the web app.
  webOrigins: [`http://127.0.0.1:${webPort}`],
});
const web = await serveWebApp(state, webPort);
console.log(`WEB_STACK ${JSON.stringify({ ...state, webUrl: web.url })}`);
const shutdown = async () => {
  await web.stop();
  await stop();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
