import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { REGIONS } from '../../../shared/domain/vocabulary';

/** Qualified provider agencies, all DDS regions on one page (`GET /providers` answers one region at a time). */
export function Providers() {
  const { data, problem, loading } = useApi(async () => {
    const answers = await Promise.all(
      REGIONS.map((region) => api.GET('/providers', { params: { query: { region } } })),
    );
    const failed = answers.find((a) => a.error);
    if (failed) return { error: failed.error };
    return { data: REGIONS.map((region, i) => ({ region, items: answers[i]?.data?.items ?? [] })) };
  });
  return (
    <Page
      title="Provider agencies by region"
      lead="The agencies whose staff can take the course, by the Department of Developmental Services region they cover. An agency covering several regions is listed in each."
    >
      <Loading loading={loading} problem={problem} />
      {data?.map(({ region, items }) => (
        <section key={region} aria-labelledby={`region-${region}`}>
          <h2 id={`region-${region}`}>{region} region</h2>
          {items.length === 0 ? (
            <p>No agency is listed for this region yet.</p>
          ) : (
            <ul className="usa-list">
              {items.map((p) => (
                <li key={p.id}>{p.name}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </Page>
  );
}
