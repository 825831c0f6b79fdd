import { spawn } from 'node:child_process';
import { startDynamo, startSes } from '../../scripts/local/components';

/**
 * Runs a command (a StrykerJS run) with one DynamoDB Local and one local SES started for its whole duration.
 * StrykerJS runs jest again for every mutant; test/support/global-setup.ts sees the endpoints in the environment
 * and uses these components instead of starting Java each time.
 *
 *   tsx test/mutation/with-local-components.ts stryker run stryker.use-cases.config.mjs [--mutate …]
 */
const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: with-local-components.ts <command> [args…]');

const components = await Promise.all([startDynamo(), startSes()]);
const [dynamo, ses] = components;
const stopAll = () => Promise.all(components.map((c) => c.stop()));
const child = spawn(command, args, {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, TEST_DYNAMO_ENDPOINT: dynamo!.endpoint, TEST_SES_ENDPOINT: ses!.endpoint },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await stopAll();
process.exit(code);
