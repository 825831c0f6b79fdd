import type { Running } from '../../scripts/local/components';

export default async function globalTeardown(): Promise<void> {
  for (const component of (globalThis as { __localComponents?: Running[] }).__localComponents ?? [])
    await component.stop();
}
