import { Link } from 'react-router';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import type { components } from '../api/schema';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { REGIONS } from '../../../shared/domain/vocabulary';
import { classLine, whenCt } from '../time';

type Iteration = components['schemas']['PublicIterationWithSeats'];

/** Open and upcoming iterations: the application window, the live classes, seats per region, the calendar. */
export function Iterations() {
  const { data, problem, loading } = useApi(async () => {
    const list = await api.GET('/iterations');
    if (list.error) return { error: list.error };
    const details = await Promise.all(
      list.data.items.map((it) => api.GET('/iterations/{iterationId}', { params: { path: { iterationId: it.id } } })),
    );
    const failed = details.find((d) => d.error);
    return failed ? { error: failed.error } : { data: details.map((d) => d.data as Iteration) };
  });
  return (
    <Page title="Courses open for applications">
      <Loading loading={loading} problem={problem} />
      {data && data.length === 0 ? <p>No course is open or announced right now. Check again later.</p> : null}
      {data?.map((it) => (
        <IterationCard key={it.id} iteration={it} />
      ))}
    </Page>
  );
}

function IterationCard({ iteration: it }: { iteration: Iteration }) {
  const window = it.applicationWindow;
  const session = useSession();
  const applicant = session.status === 'signed-in' && session.groups.includes('applicant');
  const headingId = `iteration-${it.id}`;
  return (
    <section className="iteration margin-bottom-5" aria-labelledby={headingId}>
      <h2 id={headingId}>{it.title}</h2>
      <p>
        <span className={`usa-tag${window.state === 'open' ? ' bg-green' : ''}`}>
          {window.state === 'open' ? 'Open' : 'Upcoming'}
        </span>{' '}
        {window.state === 'open'
          ? `Applications close ${whenCt(window.closesAt)}.`
          : `Applications open ${whenCt(window.opensAt)} and close ${whenCt(window.closesAt)}.`}
        {it.kind === 'recertification' ? ' A recertification course.' : ''}
      </p>
      {window.state === 'open' && applicant ? (
        <p>
          <Link className="usa-button" to={`/iterations/${encodeURIComponent(it.id)}/apply`}>
            Apply to {it.title}
          </Link>
        </p>
      ) : null}
      <h3>Seats by region</h3>
      <table className="usa-table usa-table--borderless">
        <caption className="usa-sr-only">Seats of {it.title} in each DDS region</caption>
        <thead>
          <tr>
            {REGIONS.map((region) => (
              <th key={region} scope="col">
                {region}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            {REGIONS.map((region) => (
              <td key={region}>{it.seats[region]}</td>
            ))}
            <td>{it.seats.total}</td>
          </tr>
        </tbody>
      </table>
      <h3>Live classes (all Connecticut time, every one must be attended)</h3>
      <ol className="usa-list">
        {it.liveClasses.map((c) => (
          <li key={c.id}>{classLine(c.date)}</li>
        ))}
      </ol>
      <p>
        <a className="usa-link" href={`/api/iterations/${encodeURIComponent(it.id)}/calendar.ics`} download>
          Download the live classes of {it.title} to your calendar (.ics)
        </a>
      </p>
    </section>
  );
}
