import { instantMs } from './calendar/time';
import { RuleBroken, StateConflict } from './errors';

/**
 * Homework handed in as files: the types accepted (judged by content, not by name), the limits ADS sets, where an
 * object lives in the bucket, the scan states, and what a browser's pre-signed POST must satisfy.
 */

/** The accepted types, by the content type a browser declares. Anything else is refused before any upload. */
export const FILE_TYPES = {
  'application/pdf': { label: 'PDF', family: 'pdf' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word', family: 'docx' },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'PowerPoint', family: 'pptx' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel', family: 'xlsx' },
  'application/msword': { label: 'Word 97–2003', family: 'ole' },
  'application/vnd.ms-powerpoint': { label: 'PowerPoint 97–2003', family: 'ole' },
  'image/png': { label: 'PNG image', family: 'png' },
  'image/jpeg': { label: 'JPEG image', family: 'jpeg' },
} as const;
export type FileContentType = keyof typeof FILE_TYPES;
export const FILE_CONTENT_TYPES = Object.keys(FILE_TYPES) as [FileContentType, ...FileContentType[]];
type Family = (typeof FILE_TYPES)[FileContentType]['family'];

/** A size as people read it: "10 MB", "2 KB". */
export const sizeWords = (bytes: number) =>
  bytes >= MEBIBYTE ? `${(bytes / MEBIBYTE).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** Why a type is refused, naming the accepted ones by their labels (never the content types' codes). */
export const typeRefusedWords = `not a type of file that can be handed in (accepted: ${Object.values(FILE_TYPES)
  .map((t) => t.label)
  .join(', ')})`;

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // Compound File Binary (Word/PowerPoint 97–2003)
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The part every OOXML package of that kind has; a zip's central directory (at its end) names every part. */
const OOXML_PART: Record<'docx' | 'pptx' | 'xlsx', string> = {
  docx: 'word/document.xml',
  pptx: 'ppt/presentation.xml',
  xlsx: 'xl/workbook.xml',
};

/**
 * What the content is, from its first bytes (`head`) and, for a zip, its last bytes (`tail`, where the central
 * directory lists the parts): a family of FILE_TYPES, or undefined for anything else.
 */
export function detectFamily(head: Uint8Array, tail: Uint8Array = head): Family | undefined {
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, OLE)) return 'ole';
  if (!startsWith(head, ZIP)) return undefined;
  const names = `${Buffer.from(head).toString('latin1')}${Buffer.from(tail).toString('latin1')}`;
  if (!names.includes('[Content_Types].xml')) return undefined;
  return (Object.keys(OOXML_PART) as (keyof typeof OOXML_PART)[]).find((family) => names.includes(OOXML_PART[family]));
}

/** The content is what the learner said it is. */
export const contentMatches = (declared: FileContentType, head: Uint8Array, tail?: Uint8Array): boolean =>
  detectFamily(head, tail) === FILE_TYPES[declared].family;

/** The limits ADS sets (`PUT /ads/settings/homework-files`), and the ceiling no setting may pass. */
export interface FileLimits {
  /** The largest file accepted, in bytes. */
  maxFileBytes: number;
  /** How many files one learner may keep on one assignment at a time. */
  maxFilesPerAssignment: number;
}
export const MEBIBYTE = 1024 * 1024;
export const DEFAULT_FILE_LIMITS: FileLimits = { maxFileBytes: 10 * MEBIBYTE, maxFilesPerAssignment: 5 };
export const FILE_LIMIT_CEILING: FileLimits = { maxFileBytes: 100 * MEBIBYTE, maxFilesPerAssignment: 20 };

/** A pre-signed POST is good for this long: enough for a large file on a slow line, short enough to be useless later. */
export const UPLOAD_WINDOW_SECONDS = 15 * 60;

/**
 * A file's state. `uploading` until the learner says the upload finished and the API checked the object;
 * `scan-pending` until the malware scan says it is clean (ADS cannot download it before); `clean`; `quarantined`
 * (malware found: moved out of reach, the learner told); `deleted` by the learner.
 */
export type FileStatus = 'uploading' | 'scan-pending' | 'clean' | 'quarantined' | 'deleted';

export interface HomeworkFile {
  fileId: string;
  iterationId: string;
  assignmentId: string;
  learnerSub: string;
  applicationId: string;
  name: string;
  contentType: FileContentType;
  /** Declared when the upload starts; the object's own size once recorded. */
  size: number;
  status: FileStatus;
  /** When the upload was allowed (the POST policy's start). */
  startedAt: string;
  /** When the API found the object and recorded it: a submission can hand it in from then on. */
  recordedAt?: string;
  scannedAt?: string;
  /**
   * A clean scan result that arrived while the file was still `uploading` (GuardDuty scans the object as soon as S3
   * has it, which may be before the browser records it): kept here and applied when the upload is recorded.
   */
  earlyCleanScanAt?: string;
  deletedAt?: string;
  version: number;
}

/** The state a checked upload takes when recorded: `clean` at once if the scan already cleared it, else `scan-pending`. */
export const recordedState = (f: Pick<HomeworkFile, 'earlyCleanScanAt'>) =>
  f.earlyCleanScanAt
    ? { status: 'clean' as const, scannedAt: f.earlyCleanScanAt }
    : { status: 'scan-pending' as const };

/** What the API shows of a file (never its bucket key). */
export const fileView = (f: HomeworkFile) => ({
  fileId: f.fileId,
  name: f.name,
  contentType: f.contentType,
  size: f.size,
  status: f.status,
  startedAt: f.startedAt,
  recordedAt: f.recordedAt,
  scannedAt: f.scannedAt,
  deletedAt: f.deletedAt,
});

/**
 * Where the object lives: `homework/<iteration>/<assignment>/<learner>/<file>`. The scan-result handler finds the
 * file's record from this key alone (GuardDuty's event names only the bucket and the key).
 */
export const objectKey = (f: Pick<HomeworkFile, 'iterationId' | 'assignmentId' | 'learnerSub' | 'fileId'>) =>
  `homework/${f.iterationId}/${f.assignmentId}/${f.learnerSub}/${f.fileId}`;
/** Infected objects are moved here, where no download link is ever issued (and the bucket policy denies reads). */
export const QUARANTINE_PREFIX = 'quarantine/';

export function parseObjectKey(
  key: string,
): Pick<HomeworkFile, 'iterationId' | 'assignmentId' | 'learnerSub' | 'fileId'> | undefined {
  const match = /^homework\/(it-[0-9A-Z]{16})\/([a-z0-9-]{1,40})\/([^/]{1,128})\/(hf-[0-9A-Z]{16})$/.exec(key);
  if (!match) return undefined;
  const [, iterationId, assignmentId, learnerSub, fileId] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { iterationId, assignmentId, learnerSub, fileId };
}

/**
 * The conditions of the pre-signed POST policy. In AWS, S3 refuses an upload that breaks any of them: a different
 * key, a body outside 1 byte … the limit, another content type, or a form posted after the policy expired.
 * (The local S3 server does not enforce policies, so recording a file checks the object itself too.)
 */
export function uploadConditions(key: string, contentType: FileContentType, limits: FileLimits) {
  return {
    fields: { 'Content-Type': contentType },
    conditions: [
      ['content-length-range', 1, limits.maxFileBytes],
      ['eq', '$Content-Type', contentType],
      ['eq', '$key', key],
    ] as (['content-length-range', number, number] | ['eq', string, string])[],
  };
}

/** Files still held on the assignment: in progress, recorded or being scanned (deleted and quarantined ones are gone). */
export const heldFiles = (files: readonly HomeworkFile[], at: Date) =>
  files.filter(
    (f) =>
      f.status === 'scan-pending' ||
      f.status === 'clean' ||
      (f.status === 'uploading' && instantMs(f.startedAt) + UPLOAD_WINDOW_SECONDS * 1000 > at.getTime()),
  );

/** Refuses an upload over the size limit or past the number of files allowed. */
export function assertMayStartUpload(size: number, held: readonly HomeworkFile[], limits: FileLimits): void {
  if (size > limits.maxFileBytes)
    throw new RuleBroken('The file is larger than allowed.', [
      { field: 'size', code: 'too_large', message: `files may be at most ${sizeWords(limits.maxFileBytes)}` },
    ]);
  if (held.length >= limits.maxFilesPerAssignment)
    throw new RuleBroken('This assignment already has as many files as allowed.', [
      {
        field: 'assignmentId',
        code: 'too_many_files',
        message: `at most ${limits.maxFilesPerAssignment} files per assignment; delete one to replace it`,
      },
    ]);
}

/**
 * A learner may delete (or, by deleting and uploading again, replace) a file up to the deadline that applies to
 * them, and not once ADS has marked the assignment complete. After the deadline the files are the record ADS reviews.
 */
export function assertMayDelete(file: HomeworkFile, deadline: string, complete: boolean, at: Date): void {
  if (file.status === 'deleted' || file.status === 'quarantined')
    throw new StateConflict(`This file is already ${file.status}.`);
  if (complete) throw new StateConflict('This assignment is marked complete; its files can no longer change.');
  if (at.getTime() > instantMs(deadline))
    throw new StateConflict(`The deadline (${deadline}) has passed; the files handed in stay as they are.`);
}

/** What a GuardDuty scan result means for the file: clean, infected, or not decided (stays `scan-pending`). */
export function scanVerdict(resultStatus: string): 'clean' | 'infected' | 'undecided' {
  if (resultStatus === 'NO_THREATS_FOUND') return 'clean';
  if (resultStatus === 'THREATS_FOUND') return 'infected';
  return 'undecided';
}
