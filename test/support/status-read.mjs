// Reads entries of a Bitstring Status List with Digital Bazaar's decodeList — not this project's code — and prints
// each entry's bits. A child process, because the package and its dependencies are ESM only.
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';

const [encodedList, size, ...positions] = process.argv.slice(2);
const list = await decodeList({ encodedList });
const bits = positions.map((p) =>
  Array.from({ length: Number(size) }, (_, b) => (list.getStatus(Number(p) * Number(size) + b) ? 1 : 0)).join(''),
);
process.stdout.write(JSON.stringify({ length: list.length, bits }));
