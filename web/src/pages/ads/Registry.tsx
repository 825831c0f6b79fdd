import { type FormEvent, useState } from 'react';
import { CE_STAGE_NAMES, CE_STAGES, REGIONS } from '../../../../shared/domain/vocabulary';
import { api, asProblem, type Problem } from '../../api/client';
import type { paths } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, Field, fieldErrors, SelectField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { dayWords } from '../../time';
import { chosen, providerOptions, saveBlob } from './staffData';

type Filter = NonNullable<paths['/registry/certifications.csv']['get']['parameters']['query']>;
const empty = { providerId: '', region: '', stage: '', namePrefix: '', expiresFrom: '', expiresTo: '' };
type Form = typeof empty;

/**
 * The CT CE Staff Registry: active certifications by provider, region, stage, name and expiry range, with the same
 * search as CSV. ADS and DDS see the same page.
 */
export function Registry() {
  const announce = useAnnounce();
  const providers = useApi(async () => ({ data: await providerOptions() }));
  const [form, setForm] = useState<Form>(empty);
  const [filter, setFilter] = useState<Filter>({});
  const [cursor, setCursor] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const results = useApi(
    () =>
      api.GET('/registry/certifications', {
        params: { query: { ...filter, limit: 50, ...(cursor ? { cursor } : {}) } },
      }),
    [filter, cursor],
    (answer) => {
      if (answer.error) setProblem(asProblem(answer.error));
      else if (answer.data) announce(`${answer.data.items.length} certifications found.`);
    },
  );
  const set = (name: keyof Form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  const search = (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setCursor(undefined);
    setFilter(chosen(form) as Filter);
  };
  const downloadCsv = async () => {
    setProblem(undefined);
    const { data, error } = await api.GET('/registry/certifications.csv', {
      params: { query: chosen(form) as Filter },
      parseAs: 'blob',
    });
    if (error || !data) return setProblem(asProblem(error));
    saveBlob(data, 'ce-registry.csv');
    announce('The registry CSV is downloaded.');
  };

  return (
    <Page title="CT CE Staff Registry">
      <p>People holding an active Customized Employment certification, by stage. Expiry dates are Connecticut dates.</p>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={search} noValidate>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">Search the registry</legend>
          <Field
            name="namePrefix"
            label="Name"
            hint="The start of any of the holder's names; a surname finds them."
            error={errors.namePrefix}
            value={form.namePrefix}
            onChange={(e) => set('namePrefix')(e.target.value)}
          />
          <SelectField
            name="providerId"
            label="Provider agency"
            error={errors.providerId}
            options={[{ value: '', label: 'Any provider' }, ...(providers.data ?? [])]}
            value={form.providerId}
            onChange={set('providerId')}
          />
          <SelectField
            name="region"
            label="Region"
            error={errors.region}
            options={[{ value: '', label: 'Any region' }, ...REGIONS.map((r) => ({ value: r, label: r }))]}
            value={form.region}
            onChange={set('region')}
          />
          <SelectField
            name="stage"
            label="Stage"
            error={errors.stage}
            options={[
              { value: '', label: 'Any stage' },
              ...CE_STAGES.map((s) => ({ value: s, label: CE_STAGE_NAMES[s] })),
            ]}
            value={form.stage}
            onChange={set('stage')}
          />
          <Field
            name="expiresFrom"
            label="Expiring on or after"
            type="date"
            error={errors.expiresFrom}
            value={form.expiresFrom}
            onChange={(e) => set('expiresFrom')(e.target.value)}
          />
          <Field
            name="expiresTo"
            label="Expiring on or before"
            type="date"
            error={errors.expiresTo}
            value={form.expiresTo}
            onChange={(e) => set('expiresTo')(e.target.value)}
          />
        </fieldset>
        <button type="submit" className="usa-button">
          Search
        </button>
        <button type="button" className="usa-button usa-button--outline" onClick={downloadCsv}>
          Download this search as CSV
        </button>
      </form>
      <Loading loading={results.loading} />
      {results.data ? (
        <table className="usa-table usa-table--stacked registry-table">
          <caption>
            Active certifications found: {results.data.items.length}
            {results.data.cursor ? ' (more on the next page)' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Holder</th>
              <th scope="col">Stage</th>
              <th scope="col">Certificate number</th>
              <th scope="col">Provider</th>
              <th scope="col">Regions</th>
              <th scope="col">Expires on</th>
            </tr>
          </thead>
          <tbody>
            {results.data.items.map((c) => (
              <tr key={c.number}>
                <th scope="row" data-label="Holder">
                  {c.holderName}
                </th>
                <td data-label="Stage">{c.stageName}</td>
                <td data-label="Certificate number">
                  <a className="usa-link" href={`/verify/${encodeURIComponent(c.number)}`}>
                    {c.number}
                  </a>
                </td>
                <td data-label="Provider">{c.providerName ?? 'None (self-hired)'}</td>
                <td data-label="Regions">{c.providerRegions.join(', ') || '—'}</td>
                <td data-label="Expires on">{dayWords(c.expiresOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {results.data?.cursor ? (
        <button
          type="button"
          className="usa-button usa-button--outline"
          onClick={() => setCursor(results.data?.cursor)}
        >
          Next page
        </button>
      ) : null}
    </Page>
  );
}
