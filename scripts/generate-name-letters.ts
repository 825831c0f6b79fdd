/**
 * Writes `shared/domain/name-letters.generated.ts` (see `name-letters-source.ts`). Run `npm run gen:name-letters`
 * after upgrading @sindresorhus/transliterate; a unit test fails if the table and the package disagree.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameLettersFile } from './name-letters-source';

const file = await nameLettersFile();
writeFileSync(join(process.cwd(), 'shared', 'domain', 'name-letters.generated.ts'), file);
console.log(`wrote ${file.split('\n').length - 4} letters`);
