import { actorWords } from '../../components/AuditTrail';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, Field, fieldErrors, inputId, localProblem, SelectField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { classLine, whenCt } from '../../time';
import { type Proposal, ProposalView, RosterImport } from './RosterImport';
import { attendanceWords, learners, statusWords } from './words';

type Grid = components['schemas']['AttendanceGrid'];
type Status = 'present' | 'absent' | 'partial';
export interface Mark {
  status?: Status;
  minutes: string;
}
const STATUSES: { value: Status; label: string }[] = [
  { value: 'present', label: 'Present' },
  { value: 'absent', label: 'Absent' },
  { value: 'partial', label: 'Partial' },
];

/**
 * One learner's mark: a radio group (arrow keys move within it, Tab to the next learner) and, for partial, the
 * minutes missed. Named after the request body (`entries.3.status`) so the API's field errors land on it.
 */
export function MarkFieldset({
  prefix,
  name,
  detail,
  mark,
  errors,
  onChange,
}: {
  /** `entries.3.` in the roster; nothing for a correction, whose body has `status` at its top. */
  prefix: string;
  name: string;
  detail?: string;
  mark: Mark;
  errors: Record<string, string>;
  onChange: (mark: Mark) => void;
}) {
  const statusName = `${prefix}status`;
  const minutesName = `${prefix}minutesMissed`;
  const error = errors[statusName];
  return (
    <fieldset className={`usa-fieldset roster-learner${error ? ' usa-form-group--error' : ''}`}>
      <legend className="usa-legend text-bold">{name}</legend>
      {detail ? <p className="usa-hint margin-y-05">{detail}</p> : null}
      {error ? (
        <span className="usa-error-message" id={`${inputId(statusName)}-error`}>
          {error}
        </span>
      ) : null}
      <div className="roster-choices">
        {STATUSES.map((s, i) => (
          <div className="usa-radio" key={s.value}>
            <input
              className="usa-radio__input"
              type="radio"
              id={i === 0 ? inputId(statusName) : `${inputId(statusName)}-${s.value}`}
              name={statusName}
              value={s.value}
              checked={mark.status === s.value}
              aria-describedby={error ? `${inputId(statusName)}-error` : undefined}
              onChange={() => onChange({ ...mark, status: s.value })}
            />
            <label
              className="usa-radio__label"
              htmlFor={i === 0 ? inputId(statusName) : `${inputId(statusName)}-${s.value}`}
            >
              {s.label}
            </label>
          </div>
        ))}
      </div>
      {mark.status === 'partial' ? (
        <Field
          name={minutesName}
          label={`Minutes ${name} missed`}
          hint="Of the 180 minutes (9:00 AM–12:00 PM), a whole number from 1 to 180."
          inputMode="numeric"
          className="usa-input--xs"
          value={mark.minutes}
          error={errors[minutesName]}
          onChange={(e) => onChange({ ...mark, minutes: e.target.value })}
        />
      ) : null}
    </fieldset>
  );
}

/** The roster's entries as the API takes them, or the page's own field list when a learner has no mark. */
export function rosterEntries(learners: { applicationId: string; name: string }[], marks: Record<string, Mark>) {
  const missing: { field: string; message: string }[] = [];
  const entries = learners.map((l, i) => {
    const m = marks[l.applicationId];
    if (!m?.status)
      missing.push({ field: `entries.${i}.status`, message: `Choose present, absent or partial for ${l.name}.` });
    else if (m.status === 'partial' && !/^\d+$/.test(m.minutes.trim()))
      missing.push({
        field: `entries.${i}.minutesMissed`,
        message: `Give the minutes ${l.name} missed (a whole number).`,
      });
    return {
      applicationId: l.applicationId,
      status: m?.status ?? 'absent',
      ...(m?.status === 'partial' ? { minutesMissed: Number(m.minutes.trim()) } : {}),
    };
  });
  return { entries, missing };
}

/** Take the roster of one class in one submission (nothing is recorded until it is sent). */
function TakeRoster({
  iterationId,
  date,
  grid,
  onRecorded,
  proposed,
}: {
  iterationId: string;
  date: string;
  grid: Grid;
  onRecorded: (grid: Grid) => void;
  /** Marks proposed from the meeting's report, for ADS to adjust before sending. */
  proposed?: Proposal;
}) {
  const announce = useAnnounce();
  const [marks, setMarks] = useState<Record<string, Mark>>(() =>
    Object.fromEntries(
      (proposed?.roster.entries ?? []).map((e) => [
        e.applicationId,
        { status: e.status, minutes: e.minutesMissed === undefined ? '' : String(e.minutesMissed) },
      ]),
    ),
  );
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { entries, missing } = rosterEntries(grid.learners, marks);
    if (missing.length) return setProblem(localProblem(missing));
    setProblem(undefined);
    // With a report read, each mark says whether it is the report's or ADS's own (kept in the roster's history).
    const asProposed = (e: (typeof entries)[number]) =>
      proposed?.roster.entries.some(
        (p) => p.applicationId === e.applicationId && p.status === e.status && p.minutesMissed === e.minutesMissed,
      );
    const { data, error } = await api.POST('/ads/iterations/{iterationId}/classes/{date}/attendance', {
      params: { path: { iterationId, date } },
      body: {
        entries: proposed
          ? entries.map((e) => ({ ...e, setBy: asProposed(e) ? ('report' as const) : ('hand' as const) }))
          : entries,
      },
    });
    if (error) return setProblem(asProblem(error));
    announce(`Attendance recorded for ${learners(entries.length)}.`);
    onRecorded(data);
  };

  return (
    <>
      <h2>{proposed ? 'Confirm the roster' : 'Take the roster'}</h2>
      <p>
        {proposed ? 'The marks come from the report: change any you disagree with, then confirm. ' : ''}One mark per
        learner, sent together: Tab moves from learner to learner, the arrow keys choose the mark. Only present counts
        toward qualifying.
      </p>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        {grid.learners.map((l, i) => (
          <MarkFieldset
            key={l.applicationId}
            prefix={`entries.${i}.`}
            name={l.name}
            detail={l.providerName ?? 'Self-hired'}
            mark={marks[l.applicationId] ?? { minutes: '' }}
            errors={errors}
            onChange={(m) => setMarks((all) => ({ ...all, [l.applicationId]: m }))}
          />
        ))}
        <button className="usa-button margin-top-3" type="submit">
          {proposed ? 'Confirm' : 'Record'} attendance of {learners(grid.learners.length)}
        </button>
      </form>
    </>
  );
}

/** Correct one learner's record with a reason; the change is audited and listed below. */
function Correction({
  iterationId,
  date,
  grid,
  onCorrected,
}: {
  iterationId: string;
  date: string;
  grid: Grid;
  onCorrected: () => void;
}) {
  const announce = useAnnounce();
  const [form, setForm] = useState({ applicationId: grid.learners[0]?.applicationId ?? '', reason: '' });
  const [mark, setMark] = useState<Mark>({ minutes: '' });
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const learner = grid.learners.find((l) => l.applicationId === form.applicationId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: { field: string; message: string }[] = [];
    if (!mark.status) missing.push({ field: 'status', message: 'Choose the corrected mark.' });
    if (mark.status === 'partial' && !/^\d+$/.test(mark.minutes.trim()))
      missing.push({ field: 'minutesMissed', message: 'Give the minutes missed (a whole number).' });
    if (!form.reason.trim()) missing.push({ field: 'reason', message: 'Give the reason for the correction.' });
    if (missing.length || !mark.status) return setProblem(localProblem(missing));
    setProblem(undefined);
    const { error } = await api.PUT('/ads/iterations/{iterationId}/classes/{date}/attendance/{applicationId}', {
      params: { path: { iterationId, date, applicationId: form.applicationId } },
      body: {
        status: mark.status,
        reason: form.reason.trim(),
        ...(mark.status === 'partial' ? { minutesMissed: Number(mark.minutes.trim()) } : {}),
      },
    });
    if (error) return setProblem(asProblem(error));
    announce(`Attendance of ${learner?.name ?? 'the learner'} corrected.`);
    setMark({ minutes: '' });
    setForm((f) => ({ ...f, reason: '' }));
    onCorrected();
  };

  return (
    <>
      <h2>Correct a learner's record</h2>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <SelectField
          name="applicationId"
          label="Learner"
          value={form.applicationId}
          error={errors.applicationId}
          options={grid.learners.map((l) => ({
            value: l.applicationId,
            label: `${l.name} (now: ${attendanceWords(l.attendance[date])})`,
          }))}
          onChange={(applicationId) => setForm((f) => ({ ...f, applicationId }))}
        />
        <MarkFieldset prefix="" name="Corrected mark" mark={mark} errors={errors} onChange={setMark} />
        <Field
          name="reason"
          label="Reason for the correction (required)"
          value={form.reason}
          error={errors.reason}
          onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))}
        />
        <button className="usa-button" type="submit">
          Correct the record
        </button>
      </form>
    </>
  );
}

type RecordedEntry = {
  applicationId: string;
  status: 'present' | 'absent' | 'partial';
  minutesMissed?: number;
  setBy?: 'report' | 'hand';
};

/** How a roster was recorded: by hand, or from the imported meeting report with the marks ADS set by hand named. */
function rosterRecordedWords(after: unknown, names: (applicationId: string) => string): string {
  const entries = (Array.isArray(after) ? after : []) as RecordedEntry[];
  if (!entries.some((e) => e.setBy)) return `Roster recorded by hand (${learners(entries.length)})`;
  const byHand = entries.filter((e) => e.setBy === 'hand');
  return `Roster recorded from the imported meeting report (${learners(entries.length)}); ${
    byHand.length === 0
      ? 'every mark as the report proposed'
      : `set by hand: ${byHand.map((e) => `${names(e.applicationId)} (${statusWords(e)})`).join(', ')}`
  }`;
}

/** Who recorded and corrected this class's attendance, when and why (the audit trail). */
function History({
  iterationId,
  date,
  version,
  names,
}: {
  iterationId: string;
  date: string;
  version: number;
  names: (applicationId: string) => string;
}) {
  const trail = useApi(
    () =>
      api.GET('/ads/audit/{subjectType}/{subjectId}', {
        params: { path: { subjectType: 'attendance', subjectId: `${iterationId}#${date}` }, query: {} },
      }),
    [iterationId, date, version],
  );
  const learnerOf = (after: unknown) => names((after as { applicationId?: string })?.applicationId ?? '');
  return (
    <>
      <h2 id="history-heading">History of this roster</h2>
      <Loading loading={trail.loading} problem={trail.problem} />
      {trail.data ? (
        <table className="usa-table usa-table--stacked">
          <caption>Recorded and corrected, oldest first (Connecticut time)</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {trail.data.items.map((e) => (
              <tr key={`${e.at}-${e.action}`}>
                <td data-label="When">{whenCt(e.at)}</td>
                <td data-label="Who">{actorWords(e.actor)}</td>
                <td data-label="What">
                  {e.action === 'corrected'
                    ? `Corrected ${learnerOf(e.after)}: ${statusWords(e.before)} → ${statusWords(e.after)}`
                    : e.action === 'roster-recorded'
                      ? rosterRecordedWords(e.after, names)
                      : e.action}
                </td>
                <td data-label="Why">{e.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/** The roster of one live class: take it once, then correct single records with a reason and see their history. */
export function Roster() {
  const { iterationId = '', date = '' } = useParams();
  const [version, setVersion] = useState(0);
  const [recorded, setRecorded] = useState<Grid>();
  const [proposal, setProposal] = useState<Proposal>();
  // Each proposal read starts the roster form afresh from its marks.
  const [proposals, setProposals] = useState(0);
  const loaded = useApi(async () => {
    const [iteration, grid] = await Promise.all([
      api.GET('/ads/iterations/{iterationId}', { params: { path: { iterationId } } }),
      api.GET('/ads/iterations/{iterationId}/attendance', { params: { path: { iterationId } } }),
    ]);
    if (iteration.error || grid.error) return { error: iteration.error ?? grid.error };
    return { data: { title: iteration.data.title, grid: grid.data, version } };
  }, [iterationId, version]);
  // While a correction reloads the grid, the one on screen stays (not the answer of an earlier load): the form keeps
  // the keyboard user's focus.
  const fresh = loaded.data?.version === version ? loaded.data : undefined;
  const last = useRef<{ iterationId: string; title: string; grid: Grid }>(undefined);
  const shown = last.current?.iterationId === iterationId ? last.current : undefined;
  const grid = recorded ?? fresh?.grid ?? shown?.grid;
  const title = fresh?.title ?? shown?.title ?? '';
  if (grid) last.current = { iterationId, title, grid };
  // Once the roster is sent the form is gone: the focus goes to what was recorded.
  const recordedHeading = useRef<HTMLHeadingElement>(null);
  const [focusRecorded, setFocusRecorded] = useState(false);
  useEffect(() => {
    if (focusRecorded && recordedHeading.current) {
      recordedHeading.current.focus();
      setFocusRecorded(false);
    }
  }, [focusRecorded]);
  const isClass = grid?.classes.some((c) => c.date === date);
  const notFound: Problem | undefined =
    grid && !isClass
      ? { status: 404, title: 'Not found', detail: 'This iteration has no live class that day.' }
      : undefined;
  const taken = grid ? grid.learners.some((l) => l.attendance[date]) : false;
  // A class still to come offers nothing to record: the API would refuse it, and nobody has attended it yet.
  const started = grid?.classesStarted.includes(date) ?? false;
  const startsAt = grid?.classes.find((c) => c.date === date)?.startsAt;
  const names = (id: string) => grid?.learners.find((l) => l.applicationId === id)?.name ?? id;

  return (
    <Page title={isClass ? `Attendance: ${classLine(date)}` : 'Attendance'}>
      <Loading loading={loaded.loading && !grid} problem={loaded.problem ?? notFound} />
      {grid && isClass ? (
        <>
          <p>
            {title}. Connecticut time. {learners(grid.learners.length)} enrolled.
          </p>
          {grid.learners.length === 0 ? <p>No learner is enrolled.</p> : null}
          {!started && startsAt ? (
            <p>
              This class has not been held yet: it starts {whenCt(startsAt)}. Its attendance can be taken, or the
              meeting's report imported, once it has started.
            </p>
          ) : null}
          {started && !taken && grid.learners.length > 0 ? (
            <>
              <RosterImport
                iterationId={iterationId}
                date={date}
                onProposal={(p) => {
                  setProposal(p);
                  setProposals((n) => n + 1);
                }}
              />
              {proposal ? <ProposalView proposal={proposal} /> : null}
              <TakeRoster
                key={`proposal-${proposals}`}
                iterationId={iterationId}
                date={date}
                grid={grid}
                proposed={proposal}
                onRecorded={(g) => {
                  setProposal(undefined);
                  setRecorded(g);
                  setFocusRecorded(true);
                }}
              />
            </>
          ) : null}
          {taken ? (
            <>
              <h2 id="recorded-heading" tabIndex={-1} ref={recordedHeading}>
                Recorded
              </h2>
              <table className="usa-table usa-table--stacked">
                <caption>Attendance recorded for this class</caption>
                <thead>
                  <tr>
                    <th scope="col">Learner</th>
                    <th scope="col">Provider</th>
                    <th scope="col">Attendance</th>
                  </tr>
                </thead>
                <tbody>
                  {grid.learners.map((l) => (
                    <tr key={l.applicationId}>
                      <th scope="row" data-label="Learner">
                        {l.name}
                      </th>
                      <td data-label="Provider">{l.providerName ?? 'Self-hired'}</td>
                      <td data-label="Attendance">{attendanceWords(l.attendance[date])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Correction
                iterationId={iterationId}
                date={date}
                grid={grid}
                onCorrected={() => {
                  setRecorded(undefined);
                  setVersion((v) => v + 1);
                }}
              />
              <History iterationId={iterationId} date={date} version={version} names={names} />
            </>
          ) : null}
        </>
      ) : null}
      <p className="margin-top-4">
        <Link className="usa-link" to={`/ads/iterations/${iterationId}/course-work`}>
          Back to the course work
        </Link>
      </p>
    </Page>
  );
}
