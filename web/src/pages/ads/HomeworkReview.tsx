import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, Field, fieldErrors, localProblem, TextAreaField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { whenCt } from '../../time';
import { learners } from './words';

type Homework = components['schemas']['Homework'];
type Row = Homework & { applicationId: string; personId: string; name: string };

/** Where one learner's assignment stands, in words, from the API's answer. */
function reviewWords(h: Homework): string {
  if (h.submissions.length === 0) return 'Not handed in.';
  if (!h.review) return 'Waiting for review.';
  return h.review.status === 'complete'
    ? `Marked complete ${whenCt(h.review.at)}.`
    : `Returned for rework ${whenCt(h.review.at)}.`;
}

/** A cleared file's short-lived download link (the API audits each one); a file not cleared says why. */
function FileDownload({
  params,
  file,
}: {
  params: { iterationId: string; assignmentId: string; applicationId: string };
  file: { fileId: string; name: string; status: string };
}) {
  const [problem, setProblem] = useState<Problem>();
  const open = async () => {
    const { data, error } = await api.POST(
      '/ads/iterations/{iterationId}/homework/{assignmentId}/{applicationId}/files/{fileId}/download-link',
      { params: { path: { ...params, fileId: file.fileId } } },
    );
    if (error) return setProblem(asProblem(error));
    window.location.assign(data.url);
  };
  return (
    <li>
      {file.status === 'clean' ? (
        <button type="button" className="usa-button usa-button--unstyled" onClick={open}>
          Download {file.name}
        </button>
      ) : (
        `${file.name} (${file.status === 'quarantined' ? 'held back: the malware scan found a threat' : 'not downloadable yet: malware scan pending'})`
      )}
      {problem ? <span className="usa-error-message">{problem.detail ?? problem.title}</span> : null}
    </li>
  );
}

/** Review the latest submission: complete, or returned with feedback (audited; the learner is told). */
function ReviewForm({ iterationId, assignmentId, row, onDone }: FormProps) {
  const announce = useAnnounce();
  const [form, setForm] = useState<{ status?: 'complete' | 'returned'; feedback: string }>({ feedback: '' });
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.status) return setProblem(localProblem([{ field: 'status', message: 'Choose complete or returned.' }]));
    setProblem(undefined);
    const { data, error } = await api.POST(
      '/ads/iterations/{iterationId}/homework/{assignmentId}/{applicationId}/review',
      {
        params: { path: { iterationId, assignmentId, applicationId: row.applicationId } },
        body: { status: form.status, ...(form.feedback.trim() ? { feedback: form.feedback.trim() } : {}) },
      },
    );
    if (error) return setProblem(asProblem(error));
    announce(`${row.name}: ${reviewWords(data)}`);
    onDone({ ...row, ...data });
  };
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} noValidate aria-label={`Review ${row.name}'s work`}>
      <ErrorSummary problem={problem} />
      <fieldset className={`usa-fieldset${errors.status ? ' usa-form-group--error' : ''}`}>
        <legend className="usa-legend">Review</legend>
        {errors.status ? <span className="usa-error-message">{errors.status}</span> : null}
        {(['complete', 'returned'] as const).map((s, i) => (
          <div className="usa-radio" key={s}>
            <input
              className="usa-radio__input"
              type="radio"
              id={i === 0 ? 'field-status' : `field-status-${s}`}
              name="status"
              value={s}
              checked={form.status === s}
              onChange={() => setForm((f) => ({ ...f, status: s }))}
            />
            <label className="usa-radio__label" htmlFor={i === 0 ? 'field-status' : `field-status-${s}`}>
              {s === 'complete' ? 'Complete' : 'Returned for rework'}
            </label>
          </div>
        ))}
      </fieldset>
      <TextAreaField
        name="feedback"
        label="Feedback to the learner"
        hint="The learner sees it on their homework page."
        rows={4}
        value={form.feedback}
        error={errors.feedback}
        onChange={(feedback) => setForm((f) => ({ ...f, feedback }))}
      />
      <button className="usa-button" type="submit">
        Save the review
      </button>
    </form>
  );
}

/** Give one learner more time, with a reason (audited). */
function ExtensionForm({ iterationId, assignmentId, row, onDone }: FormProps) {
  const announce = useAnnounce();
  const [form, setForm] = useState({ until: '', reason: '' });
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(form.until ? [] : [{ field: 'until', message: 'Give the new deadline.' }]),
      ...(form.reason.trim() ? [] : [{ field: 'reason', message: 'Give the reason for the extension.' }]),
    ];
    if (missing.length) return setProblem(localProblem(missing));
    setProblem(undefined);
    const { data, error } = await api.PUT(
      '/ads/iterations/{iterationId}/homework/{assignmentId}/{applicationId}/extension',
      {
        params: { path: { iterationId, assignmentId, applicationId: row.applicationId } },
        body: { until: form.until, reason: form.reason.trim() },
      },
    );
    if (error) return setProblem(asProblem(error));
    announce(`${row.name} now has until ${whenCt(data.deadline)}.`);
    onDone({ ...row, ...data });
  };
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} noValidate aria-label={`Extension for ${row.name}`}>
      <ErrorSummary problem={problem} />
      <Field
        name="until"
        label="New deadline (Connecticut time)"
        type="datetime-local"
        value={form.until}
        error={errors.until}
        onChange={(e) => setForm((f) => ({ ...f, until: e.target.value }))}
      />
      <Field
        name="reason"
        label="Reason for the extension (required)"
        value={form.reason}
        error={errors.reason}
        onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))}
      />
      <button className="usa-button usa-button--outline" type="submit">
        Grant the extension
      </button>
    </form>
  );
}

interface FormProps {
  iterationId: string;
  assignmentId: string;
  row: Row;
  onDone: (row: Row) => void;
}

/** One assignment: every enrolled learner's submissions; review or extend one learner at a time. */
export function HomeworkReview() {
  const { iterationId = '', assignmentId = '' } = useParams();
  const [changed, setChanged] = useState<Record<string, Row>>({});
  const [active, setActive] = useState<{ applicationId: string; task: 'review' | 'extension' }>();
  /** A review or an extension saved: its row as the API answered, and the form closed. */
  const saved = (r: Row) => {
    setChanged((c) => ({ ...c, [r.applicationId]: r }));
    setActive(undefined);
  };
  const loaded = useApi(async () => {
    const [iteration, list] = await Promise.all([
      api.GET('/ads/iterations/{iterationId}', { params: { path: { iterationId } } }),
      api.GET('/ads/iterations/{iterationId}/homework/{assignmentId}', {
        params: { path: { iterationId, assignmentId } },
      }),
    ]);
    if (iteration.error || list.error) return { error: iteration.error ?? list.error };
    return { data: { iteration: iteration.data, items: list.data.items } };
  }, [iterationId, assignmentId]);
  const assignment = loaded.data?.iteration.assignments.find((a) => a.id === assignmentId);
  const rows = loaded.data?.items.map((r) => changed[r.applicationId] ?? r) ?? [];

  return (
    <Page title={assignment ? `Homework: ${assignment.title}` : 'Homework'}>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {assignment ? (
        <p>
          Due {whenCt(assignment.dueAt)}. {learners(rows.length)} enrolled.
        </p>
      ) : null}
      {rows.map((row) => {
        const latest = row.submissions.at(-1);
        const open = active?.applicationId === row.applicationId ? active.task : undefined;
        return (
          <section
            key={row.applicationId}
            className="margin-bottom-4 learner-homework"
            aria-labelledby={`l-${row.applicationId}`}
          >
            <h2 id={`l-${row.applicationId}`}>{row.name}</h2>
            <p className="margin-y-05">
              {reviewWords(row)} Deadline for this learner: {whenCt(row.deadline)}
              {row.extension ? ` (extended: ${row.extension.reason})` : ''}.
            </p>
            {latest ? (
              <div className="usa-summary-box margin-y-1">
                <div className="usa-summary-box__body">
                  <p className="margin-top-0">
                    Handed in {whenCt(latest.at)}: {latest.onTime ? 'on time' : 'late'}.
                    {row.submissions.length > 1 ? ` (${row.submissions.length} submissions; the latest counts.)` : ''}
                  </p>
                  {latest.text ? <p className="submission-text">{latest.text}</p> : null}
                  {latest.link ? (
                    <p>
                      Link: <a href={latest.link}>{latest.link}</a>
                    </p>
                  ) : null}
                  {latest.files?.length ? (
                    <ul className="usa-list">
                      {latest.files.map((f) => (
                        <FileDownload
                          key={f.fileId}
                          params={{ iterationId, assignmentId, applicationId: row.applicationId }}
                          file={f}
                        />
                      ))}
                    </ul>
                  ) : null}
                  {row.review?.feedback ? <p>Feedback given: {row.review.feedback}</p> : null}
                </div>
              </div>
            ) : null}
            <div className="usa-button-group">
              {latest ? (
                <button
                  type="button"
                  className="usa-button usa-button--secondary"
                  aria-expanded={open === 'review'}
                  onClick={() =>
                    setActive(open === 'review' ? undefined : { applicationId: row.applicationId, task: 'review' })
                  }
                >
                  Review {row.name}'s work
                </button>
              ) : null}
              <button
                type="button"
                className="usa-button usa-button--outline"
                aria-expanded={open === 'extension'}
                onClick={() =>
                  setActive(open === 'extension' ? undefined : { applicationId: row.applicationId, task: 'extension' })
                }
              >
                Extend {row.name}'s deadline
              </button>
            </div>
            {open === 'review' ? (
              <ReviewForm iterationId={iterationId} assignmentId={assignmentId} row={row} onDone={saved} />
            ) : null}
            {open === 'extension' ? (
              <ExtensionForm iterationId={iterationId} assignmentId={assignmentId} row={row} onDone={saved} />
            ) : null}
          </section>
        );
      })}
      <p className="margin-top-4">
        <Link className="usa-link" to={`/ads/iterations/${iterationId}/course-work`}>
          Back to the course work
        </Link>
      </p>
    </Page>
  );
}
