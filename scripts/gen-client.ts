/**
 * `npm run gen:client` — writes the web app's API types (see client-types.ts). With `--check` it writes nothing and
 * exits 1 when the checked-in file differs from a fresh generation (the unit test runs it so).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { generateClientTypes, SCHEMA_FILE } from './client-types';

generateClientTypes()
  .then((types) => {
    if (!process.argv.includes('--check')) {
      writeFileSync(SCHEMA_FILE, types);
      console.log(`wrote ${SCHEMA_FILE}`);
    } else if (readFileSync(SCHEMA_FILE, 'utf8') !== types) {
      console.log(`${SCHEMA_FILE} is stale: run npm run gen:client`);
      process.exit(1);
    } else console.log(`${SCHEMA_FILE} is up to date`);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
