import * as z from 'zod/mini';
import { FILE_CONTENT_TYPES, typeRefusedWords } from '../../../domain/homework-files';
import { described, instant, meta } from '../../schemas';

/**
 * A homework file, and an assignment with the learner's submissions, returned by more than one area: in a file of its own, so a route file that needs it imports only this,
 * not another area's route file (a function then bundles no other area's schemas).
 */
export const contentType = described(
  z.enum(FILE_CONTENT_TYPES, typeRefusedWords),
  'The file type: PDF, Word (.docx, .doc), PowerPoint (.pptx, .ppt), Excel (.xlsx), PNG or JPEG. Checked against the content.',
);

export const FileView = meta(
  z.object({
    fileId: described(z.string(), 'The file.'),
    name: described(z.string(), 'Its name, as the learner gave it.'),
    contentType,
    size: described(z.number(), 'Its size in bytes (declared until recorded, then the stored object’s).'),
    status: described(
      z.enum(['uploading', 'scan-pending', 'clean', 'quarantined', 'deleted']),
      '`uploading` until recorded; `scan-pending` until the malware scan clears it (ADS cannot download it before); `clean`; `quarantined` (malware found, set aside); `deleted` by the learner.',
    ),
    startedAt: described(instant, 'When the upload was allowed.'),
    recordedAt: described(z.optional(instant), 'When the API found and checked the uploaded object.'),
    scannedAt: described(z.optional(instant), 'When the malware scan result arrived.'),
    deletedAt: described(z.optional(instant), 'When it was deleted (or refused).'),
  }),
  { id: 'HomeworkFile' },
);

export const Homework = meta(
  z.object({
    assignmentId: described(z.string(), 'The assignment.'),
    title: described(z.string(), "The assignment's title."),
    dueAt: described(instant, "The assignment's own deadline."),
    deadline: described(instant, "The deadline that applies to this learner (an extension, or the assignment's own)."),
    extension: described(
      z.optional(
        z.object({
          until: described(instant, 'The extended deadline.'),
          reason: described(z.string(), 'Why ADS granted it.'),
          at: described(instant, 'When ADS granted it.'),
          by: described(z.string(), 'Who granted it.'),
        }),
      ),
      'An individual extension ADS granted this learner, if any.',
    ),
    files: described(
      z.array(FileView),
      "The learner's files on this assignment (deleted ones left out), with their scan state.",
    ),
    submissions: described(
      z.array(
        z.object({
          at: described(instant, 'When the server received it (what "on time" is judged by).'),
          text: described(z.optional(z.string()), 'The text handed in.'),
          link: described(z.optional(z.string()), 'The link handed in.'),
          files: described(
            z.optional(
              z.array(
                z.object({
                  fileId: described(z.string(), 'The file handed in.'),
                  name: described(z.string(), 'Its name.'),
                  status: described(
                    z.enum(['uploading', 'scan-pending', 'clean', 'quarantined', 'deleted']),
                    'Its state now (see `files`).',
                  ),
                }),
              ),
            ),
            'The files handed in with it.',
          ),
          onTime: described(z.boolean(), 'Whether it came at or before the deadline that applies.'),
        }),
      ),
      'Every submission, oldest first; the latest is the one that counts.',
    ),
    onTime: described(z.optional(z.boolean()), 'Whether the latest submission was on time (absent: none yet).'),
    review: described(
      z.optional(
        z.object({
          status: described(z.enum(['complete', 'returned']), 'Complete, or returned for rework.'),
          feedback: described(z.optional(z.string()), "ADS's feedback to the learner."),
          at: described(instant, 'When ADS reviewed it.'),
          by: described(z.string(), 'Who reviewed it.'),
        }),
      ),
      "ADS's review of the latest submission.",
    ),
  }),
  { id: 'Homework' },
);
