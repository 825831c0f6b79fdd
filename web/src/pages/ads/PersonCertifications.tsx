import { actionWords, staffWords } from '../../components/AuditTrail';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, Field, fieldErrors, localProblem, SelectField } from '../../components/forms';
import { Confirm } from '../../components/Confirm';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { dayWords, whenCt } from '../../time';

type Certificate = components['schemas']['Certificate'];
const ACTIONS = [
  { value: 'suspend', label: 'Suspend' },
  { value: 'reinstate', label: 'Reinstate' },
  { value: 'revoke', label: 'Revoke (final)' },
] as const;

/**
 * Change a certification's standing with a reason (suspend / reinstate / revoke; audited, kept in its history).
 * Which changes are allowed is the API's rule: a refused one comes back as a problem and is shown as such.
 */
export function StandingForm({
  certificates,
  onChanged,
}: {
  certificates: Certificate[];
  onChanged: (c: Certificate) => void;
}) {
  const announce = useAnnounce();
  const [form, setForm] = useState({ number: certificates[0]?.number ?? '', action: '', reason: '' });
  const [problem, setProblem] = useState<Problem>();
  const [confirming, setConfirming] = useState(false);
  const errors = fieldErrors(problem);
  const chosenCertificate = certificates.find((c) => c.number === form.number);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const missing = [
      ...(form.action ? [] : [{ field: 'action', message: 'Choose what to do.' }]),
      ...(form.reason.trim() ? [] : [{ field: 'reason', message: 'Give the reason.' }]),
    ];
    if (missing.length) return setProblem(localProblem(missing));
    setProblem(undefined);
    // Revoking is final: asked once more, naming the certificate (suspending and reinstating can be undone).
    if (form.action === 'revoke' && !confirming) return setConfirming(true);
    setConfirming(false);
    const { data, error } = await api.POST('/ads/certificates/{number}/standing', {
      params: { path: { number: form.number } },
      body: { action: form.action as (typeof ACTIONS)[number]['value'], reason: form.reason.trim() },
    });
    if (error) return setProblem(asProblem(error));
    announce(`Certification ${data.number} is now ${data.status}.`);
    setForm((f) => ({ ...f, action: '', reason: '' }));
    onChanged(data);
  };
  if (certificates.length === 0) return null;
  return (
    <section aria-labelledby="standing-heading">
      <h2 id="standing-heading">Change a certification's standing</h2>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <SelectField
          name="number"
          label="Certification"
          value={form.number}
          error={errors.number}
          options={certificates.map((c) => ({ value: c.number, label: `${c.number}, ${c.stageName} (${c.status})` }))}
          onChange={(number) => setForm((f) => ({ ...f, number }))}
        />
        <SelectField
          name="action"
          label="Change"
          value={form.action}
          error={errors.action}
          options={[{ value: '', label: '- Choose -' }, ...ACTIONS]}
          onChange={(action) => setForm((f) => ({ ...f, action }))}
        />
        <Field
          name="reason"
          label="Reason (required; kept in the certification's history)"
          value={form.reason}
          error={errors.reason}
          onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))}
        />
        {confirming && chosenCertificate ? (
          <Confirm
            what={`Revoking ${chosenCertificate.number} (${chosenCertificate.stageName}) of ${chosenCertificate.holderName} is final: its verification page and digital credential will say Revoked, the holder is emailed, and it can never be reinstated.`}
            yes={`Yes, revoke ${chosenCertificate.number}`}
            onYes={() => submit()}
            onNo={() => setConfirming(false)}
          />
        ) : (
          <button className="usa-button" type="submit">
            Change the standing
          </button>
        )}
      </form>
    </section>
  );
}

/**
 * A person's certifications, each with its history, and the standing form. Outside certifications and departures are
 * recorded on the person's record (`/ads/people/:personId`).
 */
export function PersonCertifications() {
  const { personId = '' } = useParams();
  const [version, setVersion] = useState(0);
  const loaded = useApi(
    () => api.GET('/ads/people/{personId}/certifications', { params: { path: { personId } } }),
    [personId, version],
  );
  const items = loaded.data?.items ?? [];
  const holder = items[0]?.holderName;
  return (
    <Page title={holder ? `Certifications: ${holder}` : 'Certifications'}>
      <Loading loading={loaded.loading && !loaded.data} problem={loaded.problem} />
      {loaded.data && items.length === 0 ? <p>This person holds no certification.</p> : null}
      {items.map((c) => (
        <section key={c.number} aria-labelledby={`c-${c.number}`} className="margin-bottom-3">
          <h2 id={`c-${c.number}`}>
            {c.stageName}: {c.number}
          </h2>
          <p className="margin-y-05">
            {c.active ? 'Active' : `Not active (${c.status})`}. Issued {dayWords(c.issuedOn)}; expires{' '}
            {dayWords(c.expiresOn)}. {c.source === 'external' ? `Recorded from ${c.external?.body}.` : ''}
          </p>
          <ul className="usa-list">
            {c.history.map((h) => (
              <li key={`${h.at}-${h.action}`}>
                {whenCt(h.at)}: {actionWords(h.action)}
                {h.byName ? ` by ${staffWords(h.byName)}` : ''}
                {h.reason ? `, because: ${h.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {loaded.data ? <StandingForm certificates={items} onChanged={() => setVersion((v) => v + 1)} /> : null}
      <p className="margin-top-4">
        <Link className="usa-link" to={`/ads/people/${encodeURIComponent(personId)}`}>
          The person's record: an outside certification, a departure, their audit trail
        </Link>
      </p>
    </Page>
  );
}
