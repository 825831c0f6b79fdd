import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  children?: StructNode[];
  type?: string;
}

/** Every role in a structure tree, depth first (reading order). */
const roles = (node: StructNode): string[] => [
  ...(node.role ? [node.role] : []),
  ...(node.children ?? []).flatMap(roles),
];
const alts = (node: StructNode): string[] => [...(node.alt ? [node.alt] : []), ...(node.children ?? []).flatMap(alts)];

/**
 * A PDF as outside tools read it: pdfjs-dist (text, structure tree, title, marked), poppler's `pdfinfo` (tagged,
 * version, title) and `pdffonts` (every font embedded).
 */
export async function readPdf(bytes: Buffer) {
  const file = join(mkdtempSync(join(tmpdir(), 'ce-pdf-')), 'certificate.pdf');
  writeFileSync(file, bytes);
  const read = JSON.parse(
    execFileSync(process.execPath, [join(process.cwd(), 'test/support', 'pdf-read.mjs'), file], { encoding: 'utf8' }),
  ) as { text: string; tree: StructNode; info: Record<string, unknown>; markInfo: { Marked?: boolean } | null };
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const [name, ...rest] = line.trim().split(/\s+/);
      // columns after the name: type (1–2 words), encoding, emb, sub, uni, object, id
      return { name: name!, embedded: rest.at(-5) === 'yes' };
    });
  return {
    file,
    text: read.text.replace(/\s+/g, ' '),
    structure: roles(read.tree),
    alternativeTexts: alts(read.tree),
    lang: read.tree.lang ?? (read.info.Language as string | undefined),
    title: read.info.Title as string | undefined,
    marked: read.markInfo?.Marked === true,
    pdfinfo: info,
    fonts,
  };
}
