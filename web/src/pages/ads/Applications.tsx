import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { APPLICATION_STATUSES } from '../../../../shared/domain/application';
import { REGIONS } from '../../../../shared/domain/vocabulary';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, SelectField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { whenCt } from '../../time';
import { APPLICATION_STATUS_WORDS } from './words';

export type ApplicationRow = components['schemas']['ApplicationRow'];

/** Every application of an iteration, page after page (the API pages by 100 at most). */
export async function allApplications(iterationId: string) {
  const items: ApplicationRow[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await api.GET('/ads/iterations/{iterationId}/applications', {
      params: { path: { iterationId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
    });
    if (error) return { error };
    items.push(...data.items);
    cursor = data.cursor;
  } while (cursor);
  return { data: items };
}

export const personLink = (personId: string) => `/ads/people/${encodeURIComponent(personId)}`;

const ANY = '';
const option = (value: string, label = value) => ({ value, label });

/**
 * An iteration's applications as a table, filtered in the browser (a view over the API's list, not a rule), each
 * applicant one click from their record; the CSV comes from the API with the signed-in token, so it is fetched and
 * handed to the browser as a download (a plain link would carry no Authorization header).
 */
export function AdsApplications() {
  const { iterationId = '' } = useParams();
  const announce = useAnnounce();
  const iteration = useApi(
    () => api.GET('/ads/iterations/{iterationId}', { params: { path: { iterationId } } }),
    [iterationId],
  );
  const list = useApi(() => allApplications(iterationId), [iterationId]);
  const [filter, setFilter] = useState({ status: ANY, region: ANY, provider: ANY, endorsed: ANY });
  const [problem, setProblem] = useState<Problem>();

  const providers = useMemo(() => {
    const names = new Map<string, string>();
    for (const a of list.data ?? []) names.set(a.providerId ?? 'self', a.providerName ?? 'Self-hired');
    return [...names].sort((x, y) => x[1].localeCompare(y[1]));
  }, [list.data]);
  const shown = (list.data ?? []).filter(
    (a) =>
      (filter.status === ANY || a.status === filter.status) &&
      (filter.region === ANY || a.region === filter.region) &&
      (filter.provider === ANY || (a.providerId ?? 'self') === filter.provider) &&
      (filter.endorsed === ANY || String(a.endorsed) === filter.endorsed),
  );

  const downloadCsv = async () => {
    const { data, error } = await api.GET('/ads/iterations/{iterationId}/applications.csv', {
      params: {
        path: { iterationId },
        query: {
          ...(filter.status ? { status: filter.status as ApplicationRow['status'] } : {}),
          ...(filter.region ? { region: filter.region as ApplicationRow['region'] } : {}),
          ...(filter.provider && filter.provider !== 'self' ? { providerId: filter.provider } : {}),
        },
      },
      parseAs: 'blob',
    });
    if (error || !data) return setProblem(asProblem(error));
    const url = URL.createObjectURL(data as Blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `applications-${iterationId}.csv`;
    a.click();
    URL.revokeObjectURL(url);
    announce('The applications CSV is downloaded.');
  };

  const title = iteration.data ? `Applications: ${iteration.data.title}` : 'Applications';
  return (
    <Page title={title}>
      <Loading loading={list.loading} problem={list.problem ?? iteration.problem} />
      <ErrorSummary problem={problem} />
      {list.data ? (
        <>
          <form className="usa-form filter-bar" onSubmit={(e) => e.preventDefault()}>
            <SelectField
              name="status"
              label="Status"
              value={filter.status}
              options={[
                option(ANY, 'Any status'),
                ...APPLICATION_STATUSES.map((s) => option(s, APPLICATION_STATUS_WORDS[s])),
              ]}
              onChange={(status) => setFilter((f) => ({ ...f, status }))}
            />
            <SelectField
              name="region"
              label="Region"
              value={filter.region}
              options={[option(ANY, 'Any region'), ...REGIONS.map((r) => option(r))]}
              onChange={(region) => setFilter((f) => ({ ...f, region }))}
            />
            <SelectField
              name="provider"
              label="Provider"
              value={filter.provider}
              options={[option(ANY, 'Any provider'), ...providers.map(([id, name]) => option(id, name))]}
              onChange={(provider) => setFilter((f) => ({ ...f, provider }))}
            />
            <SelectField
              name="endorsed"
              label="Endorsed"
              value={filter.endorsed}
              options={[option(ANY, 'Endorsed or not'), option('true', 'Endorsed'), option('false', 'Not endorsed')]}
              onChange={(endorsed) => setFilter((f) => ({ ...f, endorsed }))}
            />
          </form>
          <p>
            <button type="button" className="usa-button usa-button--outline" onClick={downloadCsv}>
              Download as CSV
            </button>
            <Link className="usa-button" to={`/ads/iterations/${encodeURIComponent(iterationId)}/allocation`}>
              Allocation
            </Link>
          </p>
          <p role="status">
            Showing {shown.length} of {list.data.length} applications.
          </p>
          <table className="usa-table usa-table--borderless usa-table--stacked ads-table">
            <caption>
              Applications{filter.status || filter.region || filter.provider || filter.endorsed ? ' (filtered)' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Applicant</th>
                <th scope="col">Status</th>
                <th scope="col">Region</th>
                <th scope="col">Provider</th>
                <th scope="col">Position</th>
                <th scope="col">Endorsed</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => (
                <tr key={a.id}>
                  <th scope="row" data-label="Applicant">
                    <Link to={personLink(a.personId)}>{a.applicantName}</Link>
                    <br />
                    <span className="break-anywhere">{a.applicantEmail}</span>
                  </th>
                  <td data-label="Status">
                    {APPLICATION_STATUS_WORDS[a.status]}
                    {a.waitlistPosition ? ` (waitlist #${a.waitlistPosition})` : ''}
                    {a.offer ? `, answer by ${whenCt(a.offer.deadline)}` : ''}
                  </td>
                  <td data-label="Region">{a.region}</td>
                  <td data-label="Provider">
                    {a.providerName ?? 'Self-hired'}
                    {a.providerPriority ? ' (priority)' : ''}
                  </td>
                  <td data-label="Position">{a.position === 'direct-service' ? 'Direct service' : 'Management'}</td>
                  <td data-label="Endorsed">{a.endorsedAt ? `Yes, ${whenCt(a.endorsedAt)}` : 'No'}</td>
                  <td data-label="Submitted">{whenCt(a.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Page>
  );
}
