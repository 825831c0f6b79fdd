/**
 * The sections of the API document, each declared once with what it covers; a route names one (the compiler
 * refuses a tag missing here, so the document never lists an undescribed section).
 */
export const TAGS = {
  'Course iterations':
    'ADS plans course iterations (application window, seats by region, live classes, homework deadlines) and publishes them; anyone sees the published ones and their calendar.',
  Accounts: "Applicants' own profiles; ADS creates ADS-staff, DDS and provider-administrator accounts.",
  'Provider directory':
    'The provider agencies, their regions, contracts and priority status; demand planning; the public list by region.',
  Agency:
    "A provider administrator's own agency: its staff's applications, certifications and expiry dates; endorsing and co-signing as the emailed links do; departures; proposing and removing supervisors. ADS's view of each agency's administrators.",
  Applications:
    "Applying to an iteration, one's own applications, ADS's view of an iteration's applications, and admission to recertification iterations.",
  'Supervisor links':
    'Single-use links emailed to supervisors: endorse an application, co-sign a training agreement. Pages for people, not a JSON API.',
  'Allocation and offers':
    'Seat allocation by regional coverage (proposals, overrides, confirmation), offers, the training agreement, and the waitlist.',
  'Attendance and homework':
    'Attendance of each live class, homework submissions, reviews and extensions, and what each learner still needs to qualify.',
  Certifications:
    'Issuing certifications, their standing, outside certifications, departures, and course completions for DDS.',
  'Certificates and credentials':
    "The certificate document (tagged PDF), the Open Badges 3.0 credentials (VC-JOSE JWTs), the issuer's public keys and the credential status list.",
  Registry: 'The CT CE Staff Registry (ADS and DDS), public verification of a certificate, and qualified agencies.',
  'Expiry and recertification':
    'The monthly expiring-certification notice to DDS and the certification lifecycle settings.',
  Audit: 'The append-only audit trail of each record.',
  'API documentation': 'This document and its human-readable page.',
} as const;

export type Tag = keyof typeof TAGS;
