/** The kinds of record an audit trail can be about. */
export const AUDIT_SUBJECTS = [
  'iteration',
  'blackout',
  'provider',
  'person',
  'application',
  'allocation',
  'certificate',
  'attendance',
  'homework',
  'notice',
  'settings',
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECTS)[number];
