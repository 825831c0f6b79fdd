import { staffWords } from '../../components/AuditTrail';
import { type FormEvent, useState } from 'react';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { AuditTrail } from '../../components/AuditTrail';
import { ErrorSummary, fieldErrors, localProblem, TextAreaField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { dayWords, whenCt } from '../../time';

type Notice = components['schemas']['DdsNotice'];

export const NOTICE_STATUS_WORDS: Record<Notice['status'], string> = {
  sending: 'Being sent',
  sent: 'Sent',
  failed: 'Failed — the scheduler retries it',
  unknown: 'Unknown — the send timed out; check with SES before re-sending',
};

/** The monthly notices of expiring certifications sent to DDS, with ADS's deliberate re-send (a reason, confirmed). */
export function Notices() {
  const [version, setVersion] = useState(0);
  const { data, problem, loading } = useApi(
    () => api.GET('/ads/notices', { params: { query: { limit: 24 } } }),
    [version],
  );
  const [open, setOpen] = useState<string>();
  return (
    <Page title="Notices to DDS">
      <p>
        Each month DDS gets the list of certifications expiring soon and those that expired since the last notice. A
        notice whose status is unknown was perhaps delivered: check with SES before re-sending it.
      </p>
      <Loading loading={loading} problem={problem} />
      {data && data.items.length === 0 ? <p>No notice has been sent yet.</p> : null}
      {data && data.items.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is reached by keyboard to scroll it
        <section className="usa-table-container--scrollable" aria-label="Notices to DDS" tabIndex={0}>
          <table className="usa-table">
            <caption>Notices by month, latest first</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Status</th>
                <th scope="col">Certifications listed</th>
                <th scope="col">Recipients</th>
                <th scope="col">Sent</th>
                <th scope="col">Re-sends</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((n) => (
                <tr key={n.period}>
                  <th scope="row" data-label="Month">
                    {n.period}
                  </th>
                  <td data-label="Status">
                    {NOTICE_STATUS_WORDS[n.status]}
                    {n.lastError ? ` (${n.lastError})` : ''}
                  </td>
                  <td data-label="Certifications listed">
                    {n.count} ({n.expiringCount ?? 0} expiring, {n.expiredCount ?? 0} expired)
                  </td>
                  <td data-label="Recipients">{n.recipients.join(', ') || '—'}</td>
                  <td data-label="Sent">{n.sentAt ? whenCt(n.sentAt) : `Due ${dayWords(n.noticeOn)}`}</td>
                  <td data-label="Re-sends">
                    {n.resends.length === 0 ? (
                      'None'
                    ) : (
                      <ul className="usa-list usa-list--unstyled">
                        {n.resends.map((r) => (
                          <li key={r.at}>
                            {whenCt(r.at)}: {r.status}, because “{r.reason}” (re-sent by {staffWords(r.byName)})
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-label="Action">
                    {n.status === 'sending' ? (
                      'Wait until it is sent'
                    ) : (
                      <button
                        type="button"
                        className="usa-button usa-button--outline"
                        aria-expanded={open === n.period}
                        onClick={() => setOpen(open === n.period ? undefined : n.period)}
                      >
                        Re-send {n.period}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {open ? (
        <Resend
          key={open}
          notice={data?.items.find((n) => n.period === open)}
          onDone={() => {
            setOpen(undefined);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
      {open ? <AuditTrail subjectType="notice" subjectId={open} title={`Audit trail of the ${open} notice`} /> : null}
    </Page>
  );
}

/** The deliberate re-send: a reason, then a confirmation naming who gets it again. */
function Resend({ notice, onDone }: { notice: Notice | undefined; onDone: () => void }) {
  const announce = useAnnounce();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  if (!notice) return null;
  const errors = fieldErrors(problem);
  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem(localProblem([{ field: 'reason', message: 'Say why it is re-sent.' }]));
    setProblem(undefined);
    setConfirming(true);
  };
  const send = async () => {
    setBusy(true);
    const { error } = await api.POST('/ads/notices/{period}/resend', {
      params: { path: { period: notice.period } },
      body: { reason },
    });
    setBusy(false);
    setConfirming(false);
    if (error) return setProblem(asProblem(error));
    announce(`The ${notice.period} notice was re-sent.`);
    onDone();
  };
  return (
    <section aria-labelledby="resend-heading" className="margin-top-4">
      <h2 id="resend-heading">Re-send the {notice.period} notice</h2>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={ask} noValidate>
        <TextAreaField
          name="reason"
          label="Why re-send it (required, kept in the audit trail)"
          rows={3}
          error={errors.reason}
          value={reason}
          onChange={setReason}
        />
        {confirming ? (
          <div className="usa-alert usa-alert--warning" role="alert">
            <div className="usa-alert__body">
              <p className="usa-alert__text">
                DDS ({notice.recipients.join(', ') || 'today’s recipients'}) will get the {notice.period} notice again,
                marked as re-sent. Re-send it now?
              </p>
              <button type="button" className="usa-button" disabled={busy} onClick={send}>
                Yes, re-send it
              </button>
              <button type="button" className="usa-button usa-button--unstyled" onClick={() => setConfirming(false)}>
                No, keep it as it is
              </button>
            </div>
          </div>
        ) : (
          <button type="submit" className="usa-button">
            Re-send…
          </button>
        )}
      </form>
    </section>
  );
}
