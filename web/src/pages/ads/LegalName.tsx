import { type FormEvent, useState } from 'react';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorSummary, Field, fieldErrors, localProblem, TextAreaField } from '../../components/forms';
import { useAnnounce } from '../../components/status';

type PersonRecord = components['schemas']['PersonRecord'];

/**
 * ADS changes or corrects a person's legal name, with a reason (`POST /ads/people/{personId}/legal-name`). The API
 * renames the profile and every certification and reissues their credentials; this form says what it did. A
 * certification still carrying another name than the profile (a change that failed part-way) is listed, and sending
 * the name again finishes it.
 */
export function LegalNameForm({ record, onDone }: { record: PersonRecord; onDone: () => void }) {
  const announce = useAnnounce();
  const current = record.profile?.name;
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [result, setResult] = useState<string>();
  const errors = fieldErrors(problem);
  const otherName = record.certifications.filter((c) => current !== undefined && c.holderName !== current);
  const change = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(name.trim() ? [] : [{ field: 'name', message: 'Enter their legal name.' }]),
      ...(reason.trim() ? [] : [{ field: 'reason', message: 'Enter why the name changes (kept in the audit trail).' }]),
    ];
    if (missing.length) return setProblem(localProblem(missing));
    const { data, error } = await api.POST('/ads/people/{personId}/legal-name', {
      params: { path: { personId: record.personId } },
      body: { name, reason },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    setName('');
    setReason('');
    const n = data.renamed.length;
    const m = data.reissued.length;
    const words = [
      data.previousName
        ? `Legal name changed from ${data.previousName} to ${data.name}.`
        : `Certificates brought into line with the legal name ${data.name}.`,
      n ? `${n === 1 ? '1 certificate now carries it' : `${n} certificates now carry it`}.` : '',
      m
        ? `${m === 1 ? 'Its credential was' : `${m} credentials were`} issued again; the earlier ${m === 1 ? 'one says' : 'ones say'} superseded.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    setResult(words);
    announce(words);
    onDone();
  };
  if (!record.profile) return null;
  return (
    <section aria-labelledby="legal-name-heading" className="margin-top-4">
      <h2 id="legal-name-heading">Change or correct their legal name</h2>
      {result ? (
        <div className="usa-alert usa-alert--success">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{result}</p>
          </div>
        </div>
      ) : null}
      <p>
        Their name now: <strong>{current}</strong>. The new name goes on their profile and on every certificate, its PDF
        and its verification page; each digital credential is issued again under the new name, and the earlier one says
        “superseded” to anyone who checks it.
      </p>
      {otherName.length ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {otherName.length === 1 ? 'One certificate carries' : `${otherName.length} certificates carry`} another
              name than the profile ({otherName.map((c) => `${c.number}: ${c.holderName}`).join('; ')}). Sending their
              legal name again brings every certificate into line.
            </p>
          </div>
        </div>
      ) : null}
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={change} noValidate>
        <Field
          name="name"
          label="Legal name"
          hint="As it is to appear on their certificates, e.g. from a marriage certificate or a court order."
          autoComplete="off"
          error={errors.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextAreaField
          name="reason"
          label="Reason"
          hint="What ADS saw, for the audit trail."
          rows={3}
          error={errors.reason}
          value={reason}
          onChange={setReason}
        />
        <button type="submit" className="usa-button">
          Change the legal name
        </button>
      </form>
    </section>
  );
}
