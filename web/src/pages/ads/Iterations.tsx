import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { REGIONS } from '../../../../shared/domain/vocabulary';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, Field, fieldErrors, localProblem } from '../../components/forms';
import { Confirm } from '../../components/Confirm';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { classLine, dayWords, whenCt } from '../../time';

type Detail = components['schemas']['IterationDetail'];
const iterationPath = (id: string) => `/ads/iterations/${encodeURIComponent(id)}`;

/** Drafts and published iterations, each a link to its page. */
export function AdsIterations() {
  const drafts = useApi(() => api.GET('/ads/iterations', { params: { query: { status: 'draft', limit: 100 } } }), []);
  const published = useApi(
    () => api.GET('/ads/iterations', { params: { query: { status: 'published', limit: 100 } } }),
    [],
  );
  const table = (caption: string, list = drafts) => (
    <>
      <Loading loading={list.loading} problem={list.problem} />
      {list.data ? (
        list.data.items.length ? (
          <table className="usa-table usa-table--borderless usa-table--stacked ads-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Iteration</th>
                <th scope="col">Kind</th>
                <th scope="col">Applications</th>
                <th scope="col">First class</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((it) => (
                <tr key={it.id}>
                  <th scope="row" data-label="Iteration">
                    <Link to={iterationPath(it.id)}>{it.title}</Link>
                  </th>
                  <td data-label="Kind">{it.kind === 'initial' ? 'Initial' : 'Recertification'}</td>
                  <td data-label="Applications">
                    {it.applicationWindow.state}: {whenCt(it.applicationWindow.opensAt)} to{' '}
                    {whenCt(it.applicationWindow.closesAt)}
                  </td>
                  <td data-label="First class">{it.liveClasses[0] ? dayWords(it.liveClasses[0].date) : 'none yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{caption}: none.</p>
        )
      ) : null}
    </>
  );
  return (
    <Page title="Iterations">
      <p>
        <Link className="usa-button" to="/ads/iterations/new">
          New iteration
        </Link>
        <Link className="usa-button usa-button--outline" to="/ads/blackout-dates">
          Blackout dates
        </Link>
      </p>
      <h2>Drafts</h2>
      {table('Draft iterations (only ADS sees them)', drafts)}
      <h2>Published</h2>
      {table('Published iterations, latest closing first', published)}
    </Page>
  );
}

/** One iteration: its plan, seats, what to do next (edit or correct, publish, applications, allocation). */
export function AdsIteration() {
  const { iterationId = '' } = useParams();
  const announce = useAnnounce();
  const loaded = useApi(
    () => api.GET('/ads/iterations/{iterationId}', { params: { path: { iterationId } } }),
    [iterationId],
  );
  const [changed, setChanged] = useState<Detail>();
  const [problem, setProblem] = useState<Problem>();
  const it = changed ?? loaded.data;

  const [confirming, setConfirming] = useState(false);
  const publish = async () => {
    setConfirming(false);
    const { data, error } = await api.POST('/ads/iterations/{iterationId}/publish', {
      params: { path: { iterationId } },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    setChanged(data);
    announce(`${data.title} is published: providers can see it and apply in its window.`);
  };

  return (
    <Page title={it ? it.title : 'Iteration'}>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      <ErrorSummary problem={problem} />
      {it ? (
        <>
          <p className="usa-intro">
            {it.status === 'draft' ? 'Draft (only ADS sees it)' : 'Published'} ·{' '}
            {it.kind === 'initial' ? 'initial certification' : 'recertification'}
            {it.calendarLocked ? ' · calendar locked (the first class has started)' : ''}
          </p>
          <ul className="usa-button-group">
            <li className="usa-button-group__item">
              <Link className="usa-button usa-button--outline" to={`${iterationPath(it.id)}/edit`}>
                {it.calendarLocked ? 'Correct the calendar' : 'Edit'}
              </Link>
            </li>
            {it.status === 'draft' ? (
              <li className="usa-button-group__item">
                <button type="button" className="usa-button" onClick={() => setConfirming(true)}>
                  Publish…
                </button>
              </li>
            ) : (
              <>
                <li className="usa-button-group__item">
                  <Link className="usa-button usa-button--outline" to={`${iterationPath(it.id)}/applications`}>
                    Applications
                  </Link>
                </li>
                <li className="usa-button-group__item">
                  <Link className="usa-button" to={`${iterationPath(it.id)}/allocation`}>
                    Allocation
                  </Link>
                </li>
                <li className="usa-button-group__item">
                  <Link className="usa-button usa-button--outline" to={`${iterationPath(it.id)}/course-work`}>
                    Attendance, homework, issuing
                  </Link>
                </li>
              </>
            )}
          </ul>
          {confirming ? (
            <Confirm
              what={`Publishing ${it.title} shows it to every provider and applicant; applications open ${whenCt(it.applicationWindow.opensAt)}. A published iteration cannot go back to draft, and its classes can then only be changed by a correction with a reason.`}
              yes="Yes, publish it"
              onYes={publish}
              onNo={() => setConfirming(false)}
            />
          ) : null}
          <h2>Applications</h2>
          <p>
            {it.applicationWindow.state === 'open'
              ? 'Open'
              : it.applicationWindow.state === 'upcoming'
                ? 'Opening'
                : 'Closed'}
            : from {whenCt(it.applicationWindow.opensAt)} until {whenCt(it.applicationWindow.closesAt)}.
          </p>
          <table className="usa-table usa-table--borderless usa-table--stacked ads-table">
            <caption>Seats per region</caption>
            <thead>
              <tr>
                <th scope="col">Region</th>
                <th scope="col">Seats</th>
                <th scope="col">Offered</th>
                <th scope="col">Enrolled</th>
              </tr>
            </thead>
            <tbody>
              {REGIONS.map((r) => (
                <tr key={r}>
                  <th scope="row" data-label="Region">
                    {r}
                  </th>
                  <td data-label="Seats">{it.seats[r]}</td>
                  <td data-label="Offered">{it.seatsHeld[r]?.offered ?? 0}</td>
                  <td data-label="Enrolled">{it.seatsHeld[r]?.enrolled ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Live classes</h2>
          <ol className="usa-list">
            {it.liveClasses.map((c) => (
              <li key={c.id}>{classLine(c.date)}</li>
            ))}
          </ol>
          <h2>Homework</h2>
          {it.assignments.length ? (
            <ul className="usa-list">
              {it.assignments.map((a) => (
                <li key={a.id}>
                  {a.title}: due {whenCt(a.dueAt)}
                </li>
              ))}
            </ul>
          ) : (
            <p>No homework yet.</p>
          )}
        </>
      ) : null}
    </Page>
  );
}

/** ADS's blackout dates: no live class may be held on them. Add (or change the reason of) one, or remove it. */
export function BlackoutDates() {
  const announce = useAnnounce();
  const [version, setVersion] = useState(0);
  const list = useApi(() => api.GET('/ads/blackout-dates'), [version]);
  const [form, setForm] = useState({ date: '', reason: '' });
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date))
      return setProblem(localProblem([{ field: 'date', message: 'Choose the date' }]));
    const { error } = await api.PUT('/ads/blackout-dates/{date}', {
      params: { path: { date: form.date } },
      body: { reason: form.reason },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    announce(`${dayWords(form.date)} is a blackout date.`);
    setForm({ date: '', reason: '' });
    setVersion((v) => v + 1);
  };
  const remove = async (date: string) => {
    const { error } = await api.DELETE('/ads/blackout-dates/{date}', { params: { path: { date } } });
    if (error) return setProblem(asProblem(error));
    announce(`${dayWords(date)} is no longer a blackout date.`);
    setVersion((v) => v + 1);
  };

  return (
    <Page title="Blackout dates">
      <p>
        No live class may be held on a blackout date (for example an academic-calendar break). Iterations already
        planned are not changed.
      </p>
      <ErrorSummary problem={problem} />
      <Loading loading={list.loading} problem={list.problem} />
      {list.data?.items.length ? (
        <table className="usa-table usa-table--borderless usa-table--stacked ads-table">
          <caption>Blackout dates, in date order</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Why</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((b) => (
              <tr key={b.date}>
                <th scope="row" data-label="Date">
                  {dayWords(b.date)}
                </th>
                <td data-label="Why">{b.reason}</td>
                <td data-label="Action">
                  <button type="button" className="usa-button usa-button--unstyled" onClick={() => remove(b.date)}>
                    Remove {dayWords(b.date)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : list.data ? (
        <p>No blackout dates.</p>
      ) : null}
      <h2>Add a blackout date</h2>
      <form className="usa-form" onSubmit={add} noValidate>
        <Field
          name="date"
          label="Date"
          type="date"
          value={form.date}
          error={errors.date}
          onChange={(e) => setForm((f) => ({ ...f, date: e.target.value }))}
        />
        <Field
          name="reason"
          label="Why no class may be held"
          value={form.reason}
          error={errors.reason}
          onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))}
        />
        <button className="usa-button" type="submit">
          Add the blackout date
        </button>
      </form>
    </Page>
  );
}
