import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Readable stack traces without paying for source maps at every cold start. Node's `--enable-source-maps` parses
 * each bundle's map while the module loads (measured in `npm run bench`); instead the map next to the bundle is read
 * only when an unexpected error is logged, and each frame of the minified bundle is mapped back to its source file
 * and line. A frame that cannot be mapped (no map, e.g. under `tsx` locally) is kept as it was.
 */
type Mapper = (line: number, column: number) => { source: string | null; line: number | null };

const mappers = new Map<string, Mapper | undefined>();

async function mapperFor(file: string): Promise<Mapper | undefined> {
  if (mappers.has(file)) return mappers.get(file);
  let mapper: Mapper | undefined;
  const path = file.startsWith('file:') ? fileURLToPath(file) : file;
  if (existsSync(`${path}.map`)) {
    const { TraceMap, originalPositionFor } = await import('@jridgewell/trace-mapping');
    const map = new TraceMap(readFileSync(`${path}.map`, 'utf8'));
    mapper = (line, column) => originalPositionFor(map, { line, column: column - 1 });
  }
  mappers.set(file, mapper);
  return mapper;
}

const FRAME = /^(\s*at (?:(.*?) \()?)(.+?):(\d+):(\d+)(\)?)$/;

export async function readableStack(stack: string | undefined): Promise<string | undefined> {
  if (!stack) return stack;
  const lines = await Promise.all(
    stack.split('\n').map(async (text) => {
      const frame = FRAME.exec(text);
      if (!frame) return text;
      const [, , name, file, line, column] = frame;
      const mapper = await mapperFor(file!);
      const position = mapper?.(Number(line), Number(column));
      if (!position?.source || position.line === null) return text;
      return `    at ${name ?? '<anonymous>'} (${position.source}:${position.line})`;
    }),
  );
  return lines.join('\n');
}
