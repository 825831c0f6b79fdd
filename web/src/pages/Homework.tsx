import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, asProblem, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { useApi } from '../api/useApi';
import { ErrorSummary, Field, fieldErrors, localProblem, TextAreaField } from '../components/forms';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';
import { whenCt } from '../time';

type Homework = components['schemas']['Homework'];
type Submission = Homework['submissions'][number];

/** The server's stamp of a submission and whether it met the deadline that applies, in words. */
const stampWords = (s: Submission) =>
  `Handed in ${whenCt(s.at)}: ${s.onTime ? 'on time' : 'late (after the deadline)'}.`;

/** The files handed in with a submission (uploaded through the API's file routes), by name. */
const filesWords = (s: Submission) =>
  s.files && s.files.length > 0 ? ` Files: ${s.files.map((f) => f.name).join(', ')}.` : '';

/** Where an assignment stands, from the API's answer, in words. */
function AssignmentState({ homework: h }: { homework: Homework }) {
  const latest = h.submissions.at(-1);
  return (
    <>
      <p className="margin-y-05">
        Deadline: {whenCt(h.deadline)}
        {h.extension ? ` (ADS extended it from ${whenCt(h.dueAt)}: ${h.extension.reason})` : ''}.
      </p>
      <p className="margin-y-05">{latest ? stampWords(latest) + filesWords(latest) : 'Not handed in yet.'}</p>
      {h.review ? (
        <div
          className={`usa-alert usa-alert--slim ${h.review.status === 'complete' ? 'usa-alert--success' : 'usa-alert--warning'}`}
        >
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {h.review.status === 'complete'
                ? `ADS marked it complete ${whenCt(h.review.at)}.`
                : `ADS returned it for rework ${whenCt(h.review.at)}: hand it in again by the deadline.`}
            </p>
            {h.review.feedback ? (
              <p className="usa-alert__text review-feedback">Feedback from ADS: {h.review.feedback}</p>
            ) : null}
          </div>
        </div>
      ) : latest ? (
        <p className="margin-y-05">Waiting for ADS to review it.</p>
      ) : null}
    </>
  );
}

/** The course's title for a learner's application (the pages' headings name it). */
const useCourse = (applicationId: string) =>
  useApi(() => api.GET('/me/applications/{applicationId}', { params: { path: { applicationId } } }), [applicationId]);

/** Homework: each assignment with its deadline (Connecticut time), your hand-in and ADS's review. */
export function HomeworkList() {
  const { applicationId = '' } = useParams();
  const course = useCourse(applicationId);
  const homework = useApi(
    () => api.GET('/me/applications/{applicationId}/homework', { params: { path: { applicationId } } }),
    [applicationId],
  );
  return (
    <Page title={course.data ? `Homework: ${course.data.iteration.title}` : 'Homework'}>
      <Loading loading={homework.loading} problem={homework.problem ?? course.problem} />
      {homework.data && homework.data.items.length === 0 ? <p>This course has no homework.</p> : null}
      {homework.data?.items.map((h) => (
        <section key={h.assignmentId} aria-labelledby={`hw-${h.assignmentId}`} className="margin-bottom-4 assignment">
          <h2 id={`hw-${h.assignmentId}`}>{h.title}</h2>
          <AssignmentState homework={h} />
          <p>
            <Link className="usa-link" to={`/learning/${applicationId}/homework/${h.assignmentId}`}>
              {h.submissions.length > 0 ? `See or hand in again: ${h.title}` : `Hand in: ${h.title}`}
            </Link>
          </p>
        </section>
      ))}
      <p>
        <Link className="usa-link" to="/classes">
          Back to my classes
        </Link>
      </p>
    </Page>
  );
}

/** Hand in one assignment: text and/or a link; the server stamps the time and says whether it was on time. */
export function HandIn() {
  const { applicationId = '', assignmentId = '' } = useParams();
  const announce = useAnnounce();
  const homework = useApi(
    () => api.GET('/me/applications/{applicationId}/homework', { params: { path: { applicationId } } }),
    [applicationId],
  );
  // The hand-in's answer is the assignment as it now stands.
  const [answered, setAnswered] = useState<Homework>();
  const [form, setForm] = useState({ text: '', link: '' });
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const assignment = answered ?? homework.data?.items.find((h) => h.assignmentId === assignmentId);
  const notFound: Problem | undefined =
    homework.data && !assignment
      ? { status: 404, title: 'Not found', detail: 'There is no such assignment in this course.' }
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = form.text.trim();
    const link = form.link.trim();
    if (!text && !link)
      return setProblem(
        localProblem([{ field: 'text', message: 'Write your work here, or give a link to it (or both).' }]),
      );
    setProblem(undefined);
    const { data, error } = await api.POST('/me/applications/{applicationId}/homework/{assignmentId}', {
      params: { path: { applicationId, assignmentId } },
      body: { ...(text ? { text } : {}), ...(link ? { link } : {}) },
    });
    if (error) return setProblem(asProblem(error));
    setForm({ text: '', link: '' });
    setAnswered(data);
    const latest = data.submissions.at(-1);
    announce(latest ? stampWords(latest) : 'Handed in.');
  };

  return (
    <Page title={assignment ? `Hand in: ${assignment.title}` : 'Hand in homework'}>
      <Loading loading={homework.loading} problem={homework.problem ?? notFound} />
      {assignment ? (
        <>
          <AssignmentState homework={assignment} />
          {assignment.submissions.length > 1 ? (
            <>
              <h2>Everything you handed in</h2>
              <p>The latest one is the one that counts.</p>
              <ol className="usa-list">
                {assignment.submissions.map((s) => (
                  <li key={s.at}>
                    {stampWords(s)}
                    {filesWords(s)}
                    {s.link ? (
                      <>
                        {' '}
                        Link: <a href={s.link}>{s.link}</a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          <h2>{assignment.submissions.length > 0 ? 'Hand in again' : 'Hand in your work'}</h2>
          <ErrorSummary problem={problem} />
          <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
            <TextAreaField
              name="text"
              label="Your work"
              hint="Type or paste your work. You may give a link instead, or as well."
              value={form.text}
              error={errors.text}
              onChange={(text) => setForm((f) => ({ ...f, text }))}
            />
            <Field
              name="link"
              label="Link to your work (optional)"
              hint="A web address starting with https://, for example a shared document."
              type="url"
              value={form.link}
              error={errors.link}
              onChange={(e) => setForm((f) => ({ ...f, link: e.target.value }))}
            />
            <p>The time you hand in is recorded by the server; on time means at or before the deadline.</p>
            <button className="usa-button" type="submit">
              Hand in
            </button>
          </form>
        </>
      ) : null}
      <p className="margin-top-4">
        <Link className="usa-link" to={`/learning/${applicationId}/homework`}>
          Back to all homework
        </Link>
      </p>
    </Page>
  );
}
