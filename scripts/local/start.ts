/**
 * `npm start` — the whole backend on this machine, on real components, with data kept under `.local/`
 * (git-ignored). `npm start -- --fresh` starts from empty.
 */
import { requireTools } from './preflight';
import { DEFAULT_DATA_DIR, deployedOrigins, startStack } from './stack';
import { serveWebApp } from './web';
import { demoAccountLines } from './demo-accounts';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main() {
  requireTools(['java']);
  const fresh = process.argv.includes('--fresh');
  const webPort = port('WEB_PORT', 8080);
  const { state, table, stop } = await startStack({
    // Email links land on the web app, which proxies the supervisor's link pages and certificate verification.
    publicBaseUrl: `http://127.0.0.1:${webPort}`,
    dataDir: DEFAULT_DATA_DIR,
    fresh,
    logs: true,
    scanUploads: true,
    webOrigins: [`http://127.0.0.1:${webPort}`, process.env.LOCAL_WEB_ORIGIN],
    ports: {
      gateway: port('PORT', 3000),
      dynamo: port('DYNAMODB_PORT', 8000),
      ses: port('SES_PORT', 8005),
      cognito: port('COGNITO_PORT', 9229),
      s3: port('S3_PORT', 4569),
    },
  });
  const web = await serveWebApp(state, webPort).catch(async (error) => {
    await stop();
    throw error;
  });
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(16)}${value}`);
  console.log('\nCT Customized Employment certification — local backend is up\n');
  line('HTTP API', state.gatewayUrl);
  line(
    'Web app',
    `${web.url}   (${web.built ? 'built now' : 'build unchanged'}; sign-up and reset codes arrive in the email viewer)`,
  );
  line('API docs', `${state.gatewayUrl}/docs   (OpenAPI 3.1: ${state.gatewayUrl}/openapi.json)`);
  line('Email viewer', `${state.sesEndpoint}   (every email the backend sends; JSON at /store)`);
  line(
    'DynamoDB Local',
    `${state.dynamoEndpoint}   table ${state.tableName}, ${table === 'created' ? 'new' : 'kept from last run'} (data in ${DEFAULT_DATA_DIR}; --fresh starts empty)`,
  );
  line(
    'Local S3',
    `${state.s3Endpoint}   bucket ${state.filesBucket} (homework files; data in ${DEFAULT_DATA_DIR}/s3)`,
  );
  line(
    'CORS origins',
    `${[...deployedOrigins(), web.url, process.env.LOCAL_WEB_ORIGIN ?? '(LOCAL_WEB_ORIGIN=<origin> npm start adds a local web app)'].join(', ')}`,
  );
  line(
    'Malware scan',
    'local stand-in: each upload is reported clean, or THREATS_FOUND if it holds the EICAR test string (.local/scanner.log)',
  );
  line(
    'Sign-in',
    `cognito-local ${state.cognitoEndpoint}   pool ${state.userPoolId}, clients ${state.clientId} (applicants), ${state.staffClientId} (staff)`,
  );
  console.log(`\n${demoAccountLines(state.users).join('\n')}`);
  console.log(
    `    then: curl -H "Authorization: Bearer $(npm run -s token -- ads-staff)" ${state.gatewayUrl}/ads/iterations`,
  );
  console.log(
    '    new applicants sign themselves up: npm run signup -- <email> <password>, then npm run token -- <email> <password>',
  );
  console.log('\n  Clock (local only, to walk a course through in minutes):');
  console.log(
    `    curl -X PUT ${state.gatewayUrl}/_local/clock -d '{"at":"2027-03-01T09:00:00-05:00"}'   (DELETE resets)`,
  );
  console.log(
    '  Scheduled jobs: npm run job -- <name> [--date YYYY-MM-DD]   (at this clock unless --date; npm run job -- --list)',
  );
  console.log('\nCtrl-C stops everything; the data stays for next time.\n');

  const shutdown = async () => {
    await web.stop();
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(`Could not start the local backend: ${(error as Error).message}`);
  process.exit(1);
});
