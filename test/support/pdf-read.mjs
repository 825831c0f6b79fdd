// Reads a PDF (path in argv[2]) with pdfjs-dist — Mozilla's parser, not this project's code — and prints its text
// and structure tree as JSON. A child process, because pdfjs-dist is ESM with top-level await, which jest's
// CommonJS transform cannot load.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), verbosity: 0 }).promise;
const page = await doc.getPage(1);
const text = (await page.getTextContent()).items.map((item) => item.str).join(' ');
const tree = await page.getStructTree();
const { info } = await doc.getMetadata();
const markInfo = await doc.getMarkInfo();
process.stdout.write(JSON.stringify({ text, tree, info, markInfo, pages: doc.numPages }));
