import { simpleParser } from 'mailparser';
import { rawMime } from '../../shared/email/raw-mime';

/**
 * The notice's raw email, read back by a MIME parser (mailparser: the one aws-ses-v2-local reads SES's raw messages
 * with): every header, both bodies and the attachment come back as they were given, non-ASCII text included.
 */
describe('rawMime', () => {
  const csv = `\uFEFFStatus,Holder\r\nexpiring,Zoë Ñúñez\r\n${'x'.repeat(300)}\r\n`;
  const message = {
    to: ['dds-one@example.gov', 'dds-two@example.gov'],
    cc: ['copy@example.gov'],
    subject: 'CE certifications: nothing expiring — notice for 2027-03 (Zoë, Ñúñez, and a long tail of words to fold)',
    text: `To the DDS team,\n\n${'Línea larga '.repeat(40)}\n--not-a-boundary`,
    html: `<p lang="en">To the DDS team, ${'é'.repeat(200)}</p>`,
    attachments: [{ filename: 'ce-expiring-2027-03.csv', contentType: 'text/csv; charset=utf-8', content: csv }],
  };

  it('reads back as the same message', async () => {
    const raw = rawMime('"CE Certification" <ce@example.gov>', message, new Date('2027-03-01T12:00:00Z'));
    const parsed = await simpleParser(Buffer.from(raw));
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.from?.value).toEqual([{ address: 'ce@example.gov', name: 'CE Certification' }]);
    expect([parsed.to].flat().flatMap((a) => a!.value.map((v) => v.address))).toEqual(message.to);
    expect([parsed.cc].flat().flatMap((a) => a!.value.map((v) => v.address))).toEqual(message.cc);
    expect(parsed.date?.toISOString()).toBe('2027-03-01T12:00:00.000Z');
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toContain(message.html);
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('ce-expiring-2027-03.csv');
    expect(parsed.attachments[0]!.contentType).toBe('text/csv');
    expect(parsed.attachments[0]!.content.toString('utf8')).toBe(csv);
  });

  it('keeps every line within the 78 characters RFC 5322 asks for, and ASCII only', () => {
    const text = new TextDecoder().decode(rawMime('ce@example.gov', message));
    for (const line of text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(text).toMatch(/^[\x20-\x7e\r\n]*$/);
  });

  it('encodes a display name and a file name that are not ASCII', async () => {
    const raw = rawMime('Zoë Ñúñez <zoe@example.gov>', {
      ...message,
      attachments: [{ filename: 'liste-échéances.csv', contentType: 'text/csv; charset=utf-8', content: 'a' }],
    });
    const parsed = await simpleParser(Buffer.from(raw));
    expect(parsed.from?.value).toEqual([{ address: 'zoe@example.gov', name: 'Zoë Ñúñez' }]);
    expect(parsed.attachments[0]!.filename).toBe('liste-échéances.csv');
  });
});
