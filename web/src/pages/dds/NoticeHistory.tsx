import { useState } from 'react';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { dayWords, whenCt } from '../../time';
import { saveBlob } from '../ads/staffData';

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
  const announce = useAnnounce();
  const [refused, setRefused] = useState<Problem>();
  // The list as it was sent (the email's CSV attachment), fetched with the token and handed over as a blob.
  const openList = async (period: string) => {
    setRefused(undefined);
    const { data: csv, error } = await api.GET('/notices/{period}/list.csv', {
      params: { path: { period } },
      parseAs: 'blob',
    });
    if (error || !csv) return setRefused(asProblem(error));
    saveBlob(csv, `ce-expiring-${period}.csv`);
    announce(`The ${period} list is downloaded.`);
  };
  return (
    <Page title="Notices sent to DDS">
      <p>
        ADS emails DDS each month the certifications expiring soon and those that expired since the last notice, with
        the list attached as CSV. This is the record of what was sent.
      </p>
      <Loading loading={loading} problem={problem} />
      <ErrorSummary problem={refused} />
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
              <th scope="col">The list sent</th>
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
                <td data-label="The list sent">
                  {n.sentAt || n.resends.length ? (
                    <button type="button" className="usa-button usa-button--outline" onClick={() => openList(n.period)}>
                      Download the {n.period} list (CSV)
                    </button>
                  ) : (
                    'Not sent yet'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
