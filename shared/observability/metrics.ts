import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Business and reliability counts as CloudWatch embedded metrics (one structured log line each, no API call).
 * Names are fixed here so dashboards and alarms can rely on them.
 */
export type BusinessMetric =
  | 'ApplicationsSubmitted'
  | 'ApplicationsEndorsed'
  | 'OffersSent'
  | 'Enrolments'
  | 'CertificationsIssued'
  | 'NoticesSent'
  | 'EmailsSent'
  | 'EmailsFailed'
  | 'EmailsUnknown'
  /** An audit record was overwritten or deleted in the table (never done by the app's code): it alarms. */
  | 'AuditRecordsChanged';

const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'CeCertification',
  serviceName: 'ce-certification',
});

export function count(name: BusinessMetric, value = 1): void {
  if (value <= 0) return;
  const single = metrics.singleMetric();
  single.addMetric(name, MetricUnit.Count, value);
}
