import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { classLine, whenCt } from '../../time';
import { learners } from './words';

/** Where ADS runs the course work: the published iterations, each leading to its classes, homework and issuing. */
export function CourseWorkIterations() {
  const list = useApi(() => api.GET('/ads/iterations', { params: { query: { status: 'published' } } }), []);
  return (
    <Page title="Attendance, homework and issuing">
      <Loading loading={list.loading} problem={list.problem} />
      {list.data && list.data.items.length === 0 ? <p>No published iterations.</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <ul className="usa-list">
          {list.data.items.map((it) => (
            <li key={it.id}>
              <Link className="usa-link" to={`/ads/iterations/${it.id}/course-work`}>
                {it.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

/** One iteration's course work: each class and how many learners have a record, each assignment, the board. */
export function CourseWork() {
  const { iterationId = '' } = useParams();
  const path = { iterationId };
  const loaded = useApi(async () => {
    const [iteration, grid] = await Promise.all([
      api.GET('/ads/iterations/{iterationId}', { params: { path } }),
      api.GET('/ads/iterations/{iterationId}/attendance', { params: { path } }),
    ]);
    if (iteration.error || grid.error) return { error: iteration.error ?? grid.error };
    return { data: { iteration: iteration.data, grid: grid.data } };
  }, [iterationId]);
  const data = loaded.data;
  const recorded = (date: string) => data?.grid.learners.filter((l) => l.attendance[date]).length ?? 0;

  return (
    <Page title={data ? `Course work: ${data.iteration.title}` : 'Course work'}>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {data ? (
        <>
          <p>{learners(data.grid.learners.length)} enrolled.</p>
          {data.grid.rosterMissing.length ? (
            <div className="usa-alert usa-alert--warning usa-alert--slim">
              <div className="usa-alert__body">
                <p className="usa-alert__text">
                  {data.grid.rosterMissing.length === 1
                    ? 'One class has'
                    : `${data.grid.rosterMissing.length} classes have`}{' '}
                  ended without a complete roster: {data.grid.rosterMissing.map(classLine).join('; ')}.
                </p>
              </div>
            </div>
          ) : null}
          <h2 id="classes-heading">Live classes: attendance (Connecticut time)</h2>
          <ul className="usa-list" aria-labelledby="classes-heading">
            {data.iteration.liveClasses.map((c) => (
              <li key={c.date}>
                <Link className="usa-link" to={`/ads/iterations/${iterationId}/classes/${c.date}`}>
                  {classLine(c.date)}
                </Link>
                {data.grid.classesStarted.includes(c.date)
                  ? `: ${recorded(c.date)} of ${data.grid.learners.length} recorded`
                  : ': not held yet'}
                {data.grid.rosterMissing.includes(c.date) ? (
                  <>
                    {' '}
                    <span className="usa-tag roster-missing">Roster not taken</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <h2 id="homework-heading">Homework: submissions and review</h2>
          {data.iteration.assignments.length === 0 ? <p>This iteration has no homework.</p> : null}
          <ul className="usa-list" aria-labelledby="homework-heading">
            {data.iteration.assignments.map((a) => (
              <li key={a.id}>
                <Link className="usa-link" to={`/ads/iterations/${iterationId}/homework/${a.id}`}>
                  {a.title}
                </Link>
                , due {whenCt(a.dueAt)}
              </li>
            ))}
          </ul>
          <h2>Qualification and issuing</h2>
          <p>
            <Link className="usa-link" to={`/ads/iterations/${iterationId}/qualification`}>
              Who qualifies, what is missing, and issuing certifications
            </Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
