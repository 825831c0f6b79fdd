import { type FormEvent, useState } from 'react';
import { api, asProblem, type Problem } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorSummary, fieldErrors, localProblem, TextAreaField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { useAnnounce } from '../../components/status';
import { whenCt } from '../../time';

const GROUP_WORDS: Record<string, string> = { applicant: 'applicant', 'ads-staff': 'ADS staff', dds: 'DDS' };
const groupsWords = (groups: string[]) => groups.map((g) => GROUP_WORDS[g] ?? g).join(', ') || 'no group';

/**
 * A person's sign-in account (`GET /ads/accounts/{personId}`), and ADS disabling it — someone who left ADS, DDS or
 * their agency — or enabling it again, each with a reason (audited) and a confirmation that says what will happen.
 */
export function AccountStanding({ personId, name, onDone }: { personId: string; name: string; onDone: () => void }) {
  const announce = useAnnounce();
  const [version, setVersion] = useState(0);
  const account = useApi(
    () => api.GET('/ads/accounts/{personId}', { params: { path: { personId } } }),
    [personId, version],
  );
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [result, setResult] = useState<string>();
  const errors = fieldErrors(problem);
  const data = account.data;
  const disabling = data?.status !== 'disabled';

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setResult(undefined);
    if (!reason.trim())
      return setProblem(localProblem([{ field: 'reason', message: 'Enter why (kept in the audit trail).' }]));
    setProblem(undefined);
    setConfirming(true);
  };
  const decide = async () => {
    const path = disabling ? '/ads/accounts/{personId}/disable' : '/ads/accounts/{personId}/enable';
    const { data: standing, error } = await api.POST(path, { params: { path: { personId } }, body: { reason } });
    setConfirming(false);
    if (error) return setProblem(asProblem(error));
    const words =
      standing.status === 'disabled'
        ? `${name}'s account is disabled: they cannot sign in, and every session they had has ended.`
        : `${name}'s account is enabled again (${groupsWords(standing.groups)}). They sign in again to use it.`;
    setReason('');
    setResult(words);
    announce(words);
    setVersion((v) => v + 1);
    onDone();
  };

  return (
    <section aria-labelledby="account-heading" className="margin-top-4">
      <h2 id="account-heading">Sign-in account</h2>
      <Loading loading={account.loading && !data} problem={account.problem} />
      {result ? (
        <div className="usa-alert usa-alert--success">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{result}</p>
          </div>
        </div>
      ) : null}
      {data ? (
        <>
          <p data-testid="account-standing">
            {data.status === 'disabled'
              ? `Disabled: no sign-in. Enabling it gives back: ${groupsWords(data.groups)}.`
              : `Enabled (${groupsWords(data.groups)}).`}
            {data.sessionsEndedAt ? ` Sessions last ended ${whenCt(data.sessionsEndedAt)}.` : ''}
          </p>
          <ErrorSummary problem={problem} />
          <form className="usa-form usa-form--large" onSubmit={ask} noValidate>
            <TextAreaField
              name="reason"
              label={disabling ? 'Why disable the account' : 'Why enable the account again'}
              hint="For the audit trail, e.g. the date they left and who told ADS."
              rows={3}
              error={errors.reason ?? errors.personId}
              value={reason}
              onChange={setReason}
            />
            {confirming ? (
              <div className="usa-alert usa-alert--warning" role="alert">
                <div className="usa-alert__body">
                  <p className="usa-alert__text">
                    {disabling
                      ? `${name} will not be able to sign in; every session on every device ends now, and the account leaves its groups (${groupsWords(data.groups)}) until ADS enables it again.`
                      : `${name} will be able to sign in again, in their groups (${groupsWords(data.groups)}). Sessions from before stay ended.`}
                  </p>
                  <button type="button" className="usa-button usa-button--secondary" onClick={decide}>
                    {disabling ? 'Yes, disable the account' : 'Yes, enable the account'}
                  </button>
                  <button type="button" className="usa-button usa-button--outline" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <button type="submit" className="usa-button">
                {disabling ? 'Disable the account' : 'Enable the account again'}
              </button>
            )}
          </form>
        </>
      ) : null}
    </section>
  );
}
