/**
 * `tsx infra/bundle-function.ts <entry> <outdir>`: bundles one Lambda (`bundleFunction`). The CDK construct runs this
 * in a child process at synth, because CDK's local bundling hook is synchronous and esbuild's plugins need its
 * asynchronous API.
 */
import { bundleFunction } from './bundling';

const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) {
  console.error('usage: tsx infra/bundle-function.ts <entry> <outdir>');
  process.exit(2);
}
await bundleFunction(entry, outdir);
