import {
  assertMayDelete,
  assertMayStartUpload,
  DEFAULT_FILE_LIMITS,
  detectFamily,
  type HomeworkFile,
  objectKey,
  parseObjectKey,
  scanVerdict,
  uploadConditions,
} from '../../shared/domain/homework-files';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const zipWith = (...names: string[]) => bytes([0x50, 0x4b, 0x03, 0x04], ...names);

describe('the POST policy of an upload', () => {
  it('pins the key, the declared content type and 1 byte … the limit', () => {
    const key = 'homework/it-0123456789ABCDEF/hw-1/sub-1/hf-0123456789ABCDEF';
    expect(uploadConditions(key, 'application/pdf', { maxFileBytes: 2048, maxFilesPerAssignment: 3 })).toEqual({
      fields: { 'Content-Type': 'application/pdf' },
      conditions: [
        ['content-length-range', 1, 2048],
        ['eq', '$Content-Type', 'application/pdf'],
        ['eq', '$key', key],
      ],
    });
  });
});

describe('the type, by content', () => {
  it.each([
    ['pdf', bytes('%PDF-1.7\n')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['ole', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['docx', zipWith('[Content_Types].xml', 'word/document.xml')],
    ['pptx', zipWith('[Content_Types].xml', 'ppt/presentation.xml')],
    ['xlsx', zipWith('[Content_Types].xml', 'xl/workbook.xml')],
  ])('recognizes %s', (family, head) => expect(detectFamily(head)).toBe(family));

  it('finds the OOXML parts in the tail (the central directory) when the head does not name them', () => {
    expect(detectFamily(zipWith('[Content_Types].xml'), bytes('…xl/workbook.xml…'))).toBe('xlsx');
  });

  it.each([
    ['a plain zip', zipWith('notes.txt')],
    ['an executable', bytes('MZ\x90\x00')],
    ['text calling itself a PDF', bytes('PDF-1.7 %')],
    ['nothing', bytes()],
  ])('refuses %s', (_, head) => expect(detectFamily(head)).toBeUndefined());
});

describe('the object key', () => {
  it('round-trips, and nothing else parses as a homework file', () => {
    const where = {
      iterationId: 'it-0123456789ABCDEF',
      assignmentId: 'hw-1',
      learnerSub: 'a1b2-c3',
      fileId: 'hf-0123456789ABCDEF',
    };
    expect(parseObjectKey(objectKey(where))).toEqual(where);
    expect(parseObjectKey(`quarantine/${objectKey(where)}`)).toBeUndefined();
    expect(parseObjectKey('malware-protection-resource-validation-object')).toBeUndefined();
  });
});

const file = (over: Partial<HomeworkFile> = {}): HomeworkFile => ({
  fileId: 'hf-0123456789ABCDEF',
  iterationId: 'it-0123456789ABCDEF',
  assignmentId: 'hw-1',
  learnerSub: 's',
  applicationId: 'ap-0123456789ABCDEF',
  name: 'a.pdf',
  contentType: 'application/pdf',
  size: 10,
  status: 'scan-pending',
  startedAt: '2027-03-10T10:00:00.000-05:00',
  version: 2,
  ...over,
});

describe('limits and deadlines', () => {
  it('refuses a file over the size limit, and a file past the count', () => {
    expect(() => assertMayStartUpload(DEFAULT_FILE_LIMITS.maxFileBytes + 1, [], DEFAULT_FILE_LIMITS)).toThrow(
      'larger than allowed',
    );
    expect(() => assertMayStartUpload(DEFAULT_FILE_LIMITS.maxFileBytes, [], DEFAULT_FILE_LIMITS)).not.toThrow();
    const five = Array.from({ length: 5 }, () => file());
    expect(() => assertMayStartUpload(10, five, DEFAULT_FILE_LIMITS)).toThrow('as many files as allowed');
    expect(() => assertMayStartUpload(10, five.slice(1), DEFAULT_FILE_LIMITS)).not.toThrow();
  });

  it('a file may be deleted up to the deadline (inclusive), not after, nor once complete', () => {
    const deadline = '2027-03-15T23:59:00.000-04:00';
    expect(() => assertMayDelete(file(), deadline, false, new Date('2027-03-15T23:59:00-04:00'))).not.toThrow();
    expect(() => assertMayDelete(file(), deadline, false, new Date('2027-03-15T23:59:00.001-04:00'))).toThrow(
      'deadline',
    );
    expect(() => assertMayDelete(file(), deadline, true, new Date('2027-03-10T00:00:00-05:00'))).toThrow('complete');
    expect(() =>
      assertMayDelete(file({ status: 'quarantined' }), deadline, false, new Date('2027-03-10T00:00:00-05:00')),
    ).toThrow('quarantined');
  });

  it('only NO_THREATS_FOUND clears a file and only THREATS_FOUND quarantines it', () => {
    expect(['NO_THREATS_FOUND', 'THREATS_FOUND', 'UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'].map(scanVerdict)).toEqual([
      'clean',
      'infected',
      'undecided',
      'undecided',
      'undecided',
    ]);
  });
});
