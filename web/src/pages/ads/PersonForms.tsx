import { type FormEvent, useState } from 'react';
import { CE_STAGES } from '../../../../shared/domain/vocabulary';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorSummary, Field, fieldErrors, localProblem, SelectField } from '../../components/forms';
import { useAnnounce } from '../../components/status';
import { dayWords } from '../../time';

/**
 * The forms on a person that belong to certification: an outside certification recorded, a departure from a
 * provider. Components, so that the person's record (`/ads/people/:personId`) can mount them too. Which credentials
 * count (ACRE-accredited CE only, never CESP) and what a departure leads to are the API's rules, shown as it answers.
 */
type Certificate = components['schemas']['Certificate'];
const required = (form: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(labels)
    .filter(([k]) => !form[k]?.trim())
    .map(([field, what]) => ({ field, message: `Give ${what}.` }));

export function ExternalCertificationForm({
  personId,
  onRecorded,
}: {
  personId: string;
  onRecorded: (items: Certificate[]) => void;
}) {
  const announce = useAnnounce();
  const empty = {
    credential: 'customized-employment',
    accreditedBy: 'ACRE',
    body: '',
    course: '',
    issuedOn: '',
    expiresOn: '',
    evidenceReference: '',
  };
  const [form, setForm] = useState(empty);
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const set = (k: keyof typeof empty) => (value: string) => setForm((f) => ({ ...f, [k]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = required(form, {
      accreditedBy: 'who accredits the course',
      body: 'the body that awarded it',
      course: 'the course',
      issuedOn: 'the date it was issued',
      expiresOn: 'the date it expires',
      evidenceReference: 'where the evidence is kept',
    });
    if (missing.length) return setProblem(localProblem(missing));
    setProblem(undefined);
    const { data, error } = await api.POST('/ads/people/{personId}/external-certifications', {
      params: { path: { personId } },
      body: { ...form, credential: form.credential as 'customized-employment' | 'cesp' | 'other' },
    });
    if (error) return setProblem(asProblem(error));
    announce(`Recorded ${data.items.length} outside certifications.`);
    setForm(empty);
    onRecorded(data.items);
  };
  return (
    <section aria-labelledby="external-heading">
      <h2 id="external-heading">Record a certification earned elsewhere</h2>
      <p>
        Only an ACRE-accredited Customized Employment certification counts (CESP does not). It is recorded for all{' '}
        {CE_STAGES.length} stages.
      </p>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <SelectField
          name="credential"
          label="Credential"
          value={form.credential}
          error={errors.credential}
          options={[
            { value: 'customized-employment', label: 'Customized Employment certification' },
            { value: 'cesp', label: 'CESP (Certified Employment Support Professional)' },
            { value: 'other', label: 'Other' },
          ]}
          onChange={set('credential')}
        />
        {(
          [
            ['accreditedBy', 'Accredited by', 'text'],
            ['body', 'Awarded by', 'text'],
            ['course', 'Course', 'text'],
            ['issuedOn', 'Issued on', 'date'],
            ['expiresOn', 'Expires on (the first day it is no longer active)', 'date'],
            ['evidenceReference', "Where ADS's evidence is kept", 'text'],
          ] as const
        ).map(([name, label, type]) => (
          <Field
            key={name}
            name={name}
            label={label}
            type={type}
            value={form[name]}
            error={errors[name]}
            onChange={(e) => set(name)(e.target.value)}
          />
        ))}
        <button className="usa-button" type="submit">
          Record the certification
        </button>
      </form>
    </section>
  );
}

export interface DepartureResult {
  remainingCertifiedStaff: number;
  priorityGranted: boolean;
}

/** A staff member left their provider; the API says whether the provider is left with no certified staff. */
export function DepartureForm({
  personId,
  provider,
}: {
  personId: string;
  provider: { id: string; name: string } | null;
}) {
  const announce = useAnnounce();
  const [leftOn, setLeftOn] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [result, setResult] = useState<DepartureResult & { leftOn: string }>();
  const errors = fieldErrors(problem);
  if (!provider)
    return (
      <section aria-labelledby="departure-heading">
        <h2 id="departure-heading">Departure from a provider</h2>
        <p>This person is not on record as working for a provider.</p>
      </section>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!leftOn) return setProblem(localProblem([{ field: 'leftOn', message: 'Give the day they left.' }]));
    setProblem(undefined);
    const { data, error } = await api.POST('/ads/people/{personId}/departure', {
      params: { path: { personId } },
      body: { providerId: provider.id, leftOn },
    });
    if (error) return setProblem(asProblem(error));
    setResult(data);
    announce(`Departure from ${provider.name} recorded.`);
  };
  return (
    <section aria-labelledby="departure-heading">
      <h2 id="departure-heading">Departure from {provider.name}</h2>
      <ErrorSummary problem={problem} />
      {result ? (
        <div className="usa-alert usa-alert--info usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              Left on {dayWords(result.leftOn)}. {provider.name} has {result.remainingCertifiedStaff} staff with an
              active certification left
              {result.priorityGranted ? ' and now has priority for a seat in the next course.' : '.'}
            </p>
          </div>
        </div>
      ) : (
        <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
          <Field
            name="leftOn"
            label="The day they left"
            type="date"
            value={leftOn}
            error={errors.leftOn}
            onChange={(e) => setLeftOn(e.target.value)}
          />
          {errors.providerId ? <p className="usa-error-message">{errors.providerId}</p> : null}
          <button className="usa-button usa-button--outline" type="submit">
            Record the departure
          </button>
        </form>
      )}
    </section>
  );
}
