import { type FormEvent, useState } from 'react';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { CheckboxField, ErrorSummary, fieldErrors, localProblem, TextAreaField } from '../../components/forms';
import { useAnnounce } from '../../components/status';

type PersonRecord = components['schemas']['PersonRecord'];

/** The legal-name form on the same page has a `reason` field too: this one's has its own id, the API's errors follow. */
const REASON = 'anonymiseReason';
const ownFields = (problem: Problem): Problem => ({
  ...problem,
  errors: problem.errors?.map((e) => (e.field === 'body.reason' ? { ...e, field: REASON } : e)),
});

/**
 * ADS anonymises a person on their request, with a reason (`POST /ads/people/{personId}/anonymise`). The form says
 * what will happen before anything does, and asks ADS to confirm it in words; afterwards it says what was done (the
 * profile is gone, so the record reloads without one).
 */
export function AnonymiseForm({ record, onDone }: { record: PersonRecord; onDone: () => void }) {
  const announce = useAnnounce();
  const [reason, setReason] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [result, setResult] = useState<string>();
  const errors = fieldErrors(problem);
  const name = record.profile?.name;
  const anonymise = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(reason.trim()
        ? []
        : [{ field: REASON, message: 'Enter why (the request received, kept in the audit trail).' }]),
      ...(understood ? [] : [{ field: 'understood', message: 'Confirm that you understand it cannot be undone.' }]),
    ];
    if (missing.length) return setProblem(localProblem(missing));
    const { data, error } = await api.POST('/ads/people/{personId}/anonymise', {
      params: { path: { personId: record.personId } },
      body: { reason },
    });
    if (error) return setProblem(ownFields(asProblem(error)));
    setProblem(undefined);
    const words = `${name ?? 'The person'} was anonymised: ${data.applications} application${data.applications === 1 ? '' : 's'} and ${data.emails} email${data.emails === 1 ? '' : 's'} no longer carry their details; ${data.certifications} certificate${data.certifications === 1 ? ' keeps' : 's keep'} the name and number only.`;
    setResult(words);
    announce(words);
    onDone();
  };
  if (result)
    return (
      <section aria-labelledby="anonymise-heading" className="margin-top-4">
        <h2 id="anonymise-heading">Anonymised</h2>
        <div className="usa-alert usa-alert--success">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{result}</p>
          </div>
        </div>
      </section>
    );
  if (!record.profile) return null;
  return (
    <section aria-labelledby="anonymise-heading" className="margin-top-4">
      <h2 id="anonymise-heading">Anonymise this person on their request</h2>
      <p>What will happen, at once and for good:</p>
      <ul>
        <li>
          Their profile is deleted: nobody finds <strong>{name}</strong> by name or email any more.
        </li>
        <li>
          Their applications and the emails about them lose their name, email and job title, and their supervisor’s name
          and email; an email still waiting is not sent.
        </li>
        <li>
          Each certificate keeps the name and number, as the registry shows them, and still answers on its verification
          page; it no longer appears in name searches.
        </li>
        <li>Their calendar feed stops. Their sign-in account is not changed.</li>
      </ul>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={anonymise} noValidate>
        <TextAreaField
          name={REASON}
          label="Reason"
          hint="The request received (when, how), for the audit trail."
          rows={3}
          error={errors[REASON]}
          value={reason}
          onChange={setReason}
        />
        <CheckboxField
          name="understood"
          label={`I understand that anonymising ${name} cannot be undone`}
          error={errors.understood}
          checked={understood}
          onChange={setUnderstood}
        />
        <button type="submit" className="usa-button usa-button--secondary">
          Anonymise {name}
        </button>
      </form>
    </section>
  );
}
