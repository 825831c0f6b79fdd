import { type FormEvent, useState } from 'react';
import { api, asProblem, type Problem } from '../../api/client';
import type { paths } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, Field, fieldErrors, localProblem, SelectField } from '../../components/forms';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { formatCt } from '../../../../shared/domain/calendar/format';
import { dayWords, whenCt } from '../../time';
import { providerOptions, saveBlob } from '../ads/staffData';

type Completion =
  paths['/reports/providers/{providerId}/completions']['get']['responses'][200]['content']['application/json']['items'][number];

/** The range the page starts with: the twelve months through today (Connecticut), the usual span of a payment review. */
export function lastTwelveMonths(now: Date): { from: string; to: string } {
  const to = formatCt(now, 'yyyy-MM-dd');
  const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`.replace(/-02-29$/, '-02-28');
  return { from, to };
}

/** Course completions of a provider's learners, for DDS's replacement-staff payments, on the page and as CSV. */
export function Completions() {
  const announce = useAnnounce();
  const providers = useApi(async () => ({ data: await providerOptions() }));
  const [form, setForm] = useState({ providerId: '', ...lastTwelveMonths(new Date()) });
  const [problem, setProblem] = useState<Problem>();
  const [items, setItems] = useState<Completion[]>();
  const errors = fieldErrors(problem);
  const show = async (event: FormEvent) => {
    event.preventDefault();
    setItems(undefined);
    const missing = [
      ...(form.providerId ? [] : [{ field: 'providerId', message: 'Choose the provider agency.' }]),
      ...(form.from ? [] : [{ field: 'from', message: 'Enter the first completion date.' }]),
      ...(form.to ? [] : [{ field: 'to', message: 'Enter the last completion date.' }]),
    ];
    if (missing.length) return setProblem(localProblem(missing));
    const { data, error } = await api.GET('/reports/providers/{providerId}/completions', {
      params: { path: { providerId: form.providerId }, query: { from: form.from, to: form.to } },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    setItems(data.items);
    announce(`${data.items.length} completions found.`);
  };
  const downloadCsv = async () => {
    const { data, error } = await api.GET('/reports/providers/{providerId}/completions.csv', {
      params: { path: { providerId: form.providerId }, query: { from: form.from, to: form.to } },
      parseAs: 'blob',
    });
    if (error || !data) return setProblem(asProblem(error));
    saveBlob(data, `completions-${form.providerId}.csv`);
    announce('The completions CSV is downloaded.');
  };
  const provider = providers.data?.find((p) => p.value === form.providerId)?.label;
  return (
    <Page title="Completions by provider">
      <p>
        Learners who completed the course (certifications issued), by the provider they were enrolled from — what DDS's
        replacement-staff payments depend on. Outside training is not listed: DDS does not pay for it.
      </p>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={show} noValidate>
        <SelectField
          name="providerId"
          label="Provider agency"
          error={errors.providerId}
          options={[{ value: '', label: 'Choose a provider' }, ...(providers.data ?? [])]}
          value={form.providerId}
          onChange={(v) => setForm((f) => ({ ...f, providerId: v }))}
        />
        <Field
          name="from"
          label="Completed on or after"
          type="date"
          error={errors.from}
          value={form.from}
          onChange={(e) => setForm((f) => ({ ...f, from: e.target.value }))}
        />
        <Field
          name="to"
          label="Completed on or before"
          type="date"
          error={errors.to}
          value={form.to}
          onChange={(e) => setForm((f) => ({ ...f, to: e.target.value }))}
        />
        <button type="submit" className="usa-button">
          Show completions
        </button>
      </form>
      {items && items.length === 0 ? <p>No completions for {provider} in that range.</p> : null}
      {items && items.length > 0 ? (
        <button type="button" className="usa-button usa-button--outline" onClick={downloadCsv}>
          Download these completions as CSV
        </button>
      ) : null}
      {items && items.length > 0 ? (
        <table className="usa-table usa-table--stacked">
          <caption>Completions of {provider} learners, by date</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Course iteration</th>
              <th scope="col">Enrolled</th>
              <th scope="col">Completed on</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.applicationId}>
                <th scope="row" data-label="Learner">
                  {c.learnerName}
                </th>
                <td data-label="Course iteration">{c.iterationTitle}</td>
                <td data-label="Enrolled">{whenCt(c.enrolledAt)}</td>
                <td data-label="Completed on">{dayWords(c.completedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
