import type { Running } from '../../scripts/local/components';

/** Stops what global-setup.ts started (nothing, if the components were someone else's). */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis as { __localComponents?: Running[] };
  const started = state.__localComponents ?? [];
  state.__localComponents = undefined;
  for (const component of started) await component.stop();
  if (started.length > 0) {
    // A later jest run in this process (Stryker runs jest in-band, once per mutant) must start its own again.
    delete process.env.TEST_DYNAMO_ENDPOINT;
    delete process.env.TEST_SES_ENDPOINT;
  }
}
