import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { dayWords, whenCt } from '../../time';

type Status = components['schemas']['DdsNoticeSent']['status'];
/** The notice's state in DDS's words: what it means for them, not ADS's operating steps (SES, retries). */
const DDS_STATUS_WORDS: Record<Status, string> = {
  sending: 'Being sent',
  sent: 'Sent',
  failed: 'Not delivered yet; ADS sends it again',
  unknown: 'Delivery not confirmed; ADS is checking',
};

/** For DDS: the notices of expiring certifications sent to DDS, read only. */
export function NoticeHistory() {
  const { data, problem, loading } = useApi(() => api.GET('/dds/notices', { params: { query: { limit: 24 } } }));
  return (
    <Page title="Notices sent to DDS">
      <p>
        ADS emails DDS each month the certifications expiring soon and those that expired since the last notice, with
        the list attached as CSV. This is the record of what was sent.
      </p>
      <Loading loading={loading} problem={problem} />
      {data && data.items.length === 0 ? <p>No notice has been sent yet.</p> : null}
      {data && data.items.length > 0 ? (
        <table className="usa-table usa-table--stacked">
          <caption>Notices by month, latest first</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Status</th>
              <th scope="col">Certifications listed</th>
              <th scope="col">Sent to</th>
              <th scope="col">Sent</th>
              <th scope="col">Re-sent by ADS</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((n) => (
              <tr key={n.period}>
                <th scope="row" data-label="Month">
                  {n.period}
                </th>
                <td data-label="Status">{DDS_STATUS_WORDS[n.status]}</td>
                <td data-label="Certifications listed">
                  {n.count} ({n.expiringCount ?? 0} expiring, {n.expiredCount ?? 0} expired)
                </td>
                <td data-label="Sent to">{n.recipients.join(', ') || '—'}</td>
                <td data-label="Sent">{n.sentAt ? whenCt(n.sentAt) : `Due ${dayWords(n.noticeOn)}`}</td>
                <td data-label="Re-sent by ADS">
                  {n.resends.length === 0
                    ? 'No'
                    : n.resends
                        .map(
                          (r) =>
                            `${whenCt(r.at)}: ${(DDS_STATUS_WORDS[r.status as Status] ?? r.status).toLowerCase()}, because “${r.reason}”`,
                        )
                        .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
