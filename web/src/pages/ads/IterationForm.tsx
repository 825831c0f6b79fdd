import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { REGIONS } from '../../../../shared/domain/vocabulary';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, Field, fieldErrors, SelectField, TextAreaField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { dayWords } from '../../time';

type Detail = components['schemas']['IterationDetail'];
type Region = (typeof REGIONS)[number];

/** What the form holds: strings as typed; the API judges them (the calendar rules live there, not here). */
interface Draft {
  kind: 'initial' | 'recertification';
  title: string;
  opensAt: string;
  closesAt: string;
  seats: Record<Region, string>;
  classes: { id?: string; date: string; joinUrl?: string }[];
  assignments: { id?: string; title: string; dueAt: string; component?: string; competency?: string }[];
  joinUrl: string;
  reason: string;
}

const EMPTY: Draft = {
  kind: 'initial',
  title: '',
  opensAt: '',
  closesAt: '',
  seats: { North: '', South: '', West: '' },
  classes: [{ date: '' }],
  assignments: [],
  joinUrl: '',
  reason: '',
};

/**
 * Instants come back with Connecticut's offset (`2027-03-15T23:59:00.000-04:00`), so their first 16 characters are
 * the Connecticut wall time a `datetime-local` input shows, and the API reads it back as Connecticut time.
 */
const wall = (instant: string) => instant.slice(0, 16);

const draftOf = (it: Detail): Draft => ({
  kind: it.kind,
  title: it.title,
  opensAt: wall(it.applicationWindow.opensAt),
  closesAt: wall(it.applicationWindow.closesAt),
  seats: { North: String(it.seats.North), South: String(it.seats.South), West: String(it.seats.West) },
  classes: it.liveClasses.map((c) => ({ id: c.id, date: c.date, ...(c.joinUrl ? { joinUrl: c.joinUrl } : {}) })),
  assignments: it.assignments.map((a) => ({ ...a, dueAt: wall(a.dueAt) })),
  joinUrl: it.joinUrl ?? '',
  reason: '',
});

/** A number typed, or the text itself so the API names the field (never a silent 0). */
const count = (s: string): number =>
  s.trim() === '' || Number.isNaN(Number(s)) ? (s as unknown as number) : Number(s);

const calendarBody = (d: Draft) => ({
  liveClasses: d.classes.map((c) => ({
    ...(c.id ? { id: c.id } : {}),
    date: c.date,
    ...(c.joinUrl ? { joinUrl: c.joinUrl } : {}),
  })),
  assignments: d.assignments.map((a) => ({
    ...(a.id ? { id: a.id } : {}),
    title: a.title,
    dueAt: a.dueAt,
    ...(a.component ? { component: a.component } : {}),
    ...(a.competency ? { competency: a.competency } : {}),
  })) as components['schemas']['IterationPlanInput']['assignments'],
});

const planBody = (d: Draft) => ({
  kind: d.kind,
  title: d.title,
  applicationWindow: { opensAt: d.opensAt, closesAt: d.closesAt },
  seats: { North: count(d.seats.North), South: count(d.seats.South), West: count(d.seats.West) },
  ...calendarBody(d),
  ...(d.joinUrl.trim() ? { joinUrl: d.joinUrl.trim() } : {}),
});

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The calendar rules explained as ADS types: the dates typed so far go to the API's dry run (the same checks as
 * saving; nothing is saved) a moment after the last keystroke, and each date's problems come back in words. Only
 * the API judges; the page shows what it says.
 */
function useCalendarCheck(dates: string[]): Record<number, string[]> {
  const [problems, setProblems] = useState<Record<number, string[]>>({});
  const key = dates.join(',');
  useEffect(() => {
    const typed = key
      .split(',')
      .map((date, index) => ({ date, index }))
      .filter((c) => ISO_DAY.test(c.date));
    if (typed.length === 0) {
      setProblems({});
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      const { data } = await api.POST('/ads/iterations/calendar-check', {
        body: { liveClasses: typed.map((c) => ({ date: c.date })) },
      });
      if (!current || !data) return;
      setProblems(Object.fromEntries(data.liveClasses.map((c, i) => [typed[i]!.index, c.problems])));
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return problems;
}

/** Create a draft iteration (no id in the address) or edit one; once its first class has started, correct it. */
export function IterationForm() {
  const { iterationId } = useParams();
  const loaded = useApi(
    () =>
      iterationId
        ? api.GET('/ads/iterations/{iterationId}', { params: { path: { iterationId } } })
        : Promise.resolve({ data: undefined }),
    [iterationId],
  );
  if (iterationId && !loaded.data)
    return (
      <Page title="Edit the iteration">
        <Loading loading={loaded.loading} problem={loaded.problem} />
      </Page>
    );
  return <PlanEditor key={loaded.data?.version ?? 'new'} existing={loaded.data} />;
}

function PlanEditor({ existing }: { existing?: Detail }) {
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [d, setD] = useState<Draft>(existing ? draftOf(existing) : EMPTY);
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const locked = existing?.calendarLocked ?? false;
  const calendar = useCalendarCheck(d.classes.map((c) => c.date));
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setClass = (i: number, date: string) =>
    set({ classes: d.classes.map((c, j) => (j === i ? { ...c, date } : c)) });
  const setAssignment = (i: number, patch: Partial<Draft['assignments'][number]>) =>
    set({ assignments: d.assignments.map((a, j) => (j === i ? { ...a, ...patch } : a)) });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = !existing
      ? await api.POST('/ads/iterations', { body: planBody(d) })
      : locked
        ? await api.POST('/ads/iterations/{iterationId}/calendar-corrections', {
            params: { path: { iterationId: existing.id } },
            body: { version: existing.version, reason: d.reason, ...calendarBody(d) },
          })
        : await api.PUT('/ads/iterations/{iterationId}', {
            params: { path: { iterationId: existing.id } },
            body: { ...planBody(d), version: existing.version },
          });
    if (result.error || !result.data) return setProblem(asProblem(result.error));
    announce(
      existing
        ? locked
          ? 'The calendar is corrected.'
          : 'The iteration is saved.'
        : 'The draft iteration is created.',
    );
    navigate(`/ads/iterations/${encodeURIComponent(result.data.id)}`);
  };

  const title = !existing
    ? 'New iteration'
    : locked
      ? `Correct the calendar: ${existing.title}`
      : `Edit ${existing.title}`;
  return (
    <Page title={title}>
      {locked ? (
        <p>
          The first class has started, so the calendar is locked: a change here is a correction, kept in the audit trail
          with your reason. Title, window and seats no longer change.
        </p>
      ) : null}
      <p>
        Live classes run 9:00 AM–12:00 PM Connecticut time, on weekdays that are neither Connecticut state holidays nor
        ADS blackout dates. Times you type are Connecticut time. Whatever breaks a rule is named next to its field when
        you save.
      </p>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={save} noValidate>
        {!locked ? (
          <>
            <Field
              name="title"
              label="Title"
              value={d.title}
              error={errors.title}
              onChange={(e) => set({ title: e.target.value })}
            />
            <SelectField
              name="kind"
              label="Kind of course"
              value={d.kind}
              error={errors.kind}
              options={[
                { value: 'initial', label: 'Initial certification' },
                { value: 'recertification', label: 'Recertification' },
              ]}
              onChange={(kind) => set({ kind: kind as Draft['kind'] })}
            />
            <fieldset className="usa-fieldset plan-section">
              <legend className="usa-legend usa-legend--large">Application window (Connecticut time)</legend>
              <Field
                name="applicationWindow.opensAt"
                label="Applications open"
                type="datetime-local"
                value={d.opensAt}
                error={errors['applicationWindow.opensAt']}
                onChange={(e) => set({ opensAt: e.target.value })}
              />
              <Field
                name="applicationWindow.closesAt"
                label="Applications close"
                hint="No later than the first live class."
                type="datetime-local"
                value={d.closesAt}
                error={errors['applicationWindow.closesAt']}
                onChange={(e) => set({ closesAt: e.target.value })}
              />
            </fieldset>
            <fieldset className="usa-fieldset plan-section">
              <legend className="usa-legend usa-legend--large">Seats per region</legend>
              {REGIONS.map((r) => (
                <Field
                  key={r}
                  name={`seats.${r}`}
                  label={`${r} seats`}
                  inputMode="numeric"
                  className="usa-input--small"
                  value={d.seats[r]}
                  error={errors[`seats.${r}`]}
                  onChange={(e) => set({ seats: { ...d.seats, [r]: e.target.value } })}
                />
              ))}
            </fieldset>
            <Field
              name="joinUrl"
              label="Meeting URL for every class (optional)"
              hint="https only; shown only to enrolled learners."
              type="url"
              value={d.joinUrl}
              error={errors.joinUrl}
              onChange={(e) => set({ joinUrl: e.target.value })}
            />
          </>
        ) : null}
        <fieldset className="usa-fieldset plan-section">
          <legend className="usa-legend usa-legend--large">Live class dates</legend>
          {d.classes.map((c, i) => (
            <div key={c.id ?? `new-${i}`} className="plan-row">
              <Field
                name={`liveClasses.${i}.date`}
                label={`Class ${i + 1} date`}
                hint={c.date && /^\d{4}-\d{2}-\d{2}$/.test(c.date) ? dayWords(c.date) : undefined}
                type="date"
                value={c.date}
                error={errors[`liveClasses.${i}.date`]}
                onChange={(e) => setClass(i, e.target.value)}
              />
              <p className="usa-hint" aria-live="polite" id={`class-${i}-rules`}>
                {calendar[i]?.length ? `Not possible: ${calendar[i]!.join('; ')}.` : ''}
              </p>
              <button
                type="button"
                className="usa-button usa-button--unstyled"
                onClick={() => set({ classes: d.classes.filter((_, j) => j !== i) })}
              >
                Remove class {i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => set({ classes: [...d.classes, { date: '' }] })}
          >
            Add a class date
          </button>
        </fieldset>
        <fieldset className="usa-fieldset plan-section">
          <legend className="usa-legend usa-legend--large">Homework</legend>
          {d.assignments.map((a, i) => (
            <div key={a.id ?? `new-${i}`} className="plan-row">
              <Field
                name={`assignments.${i}.title`}
                label={`Assignment ${i + 1} title`}
                value={a.title}
                error={errors[`assignments.${i}.title`]}
                onChange={(e) => setAssignment(i, { title: e.target.value })}
              />
              <Field
                name={`assignments.${i}.dueAt`}
                label={`Assignment ${i + 1} due (Connecticut time)`}
                hint="After the first class starts."
                type="datetime-local"
                value={a.dueAt}
                error={errors[`assignments.${i}.dueAt`]}
                onChange={(e) => setAssignment(i, { dueAt: e.target.value })}
              />
              <button
                type="button"
                className="usa-button usa-button--unstyled"
                onClick={() => set({ assignments: d.assignments.filter((_, j) => j !== i) })}
              >
                Remove assignment {i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => set({ assignments: [...d.assignments, { title: '', dueAt: '' }] })}
          >
            Add an assignment
          </button>
        </fieldset>
        {locked ? (
          <TextAreaField
            name="reason"
            label="Why the calendar changes"
            hint="Required: kept in the audit trail."
            rows={3}
            value={d.reason}
            error={errors.reason}
            onChange={(reason) => set({ reason })}
          />
        ) : null}
        <button className="usa-button" type="submit">
          {!existing ? 'Create the draft' : locked ? 'Correct the calendar' : 'Save the iteration'}
        </button>
      </form>
    </Page>
  );
}
