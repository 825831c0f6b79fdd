import { type FormEvent, type RefObject, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, asProblem, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { useApi } from '../api/useApi';
import { ErrorSummary, Field, fieldErrors, inputId, localProblem, TextAreaField } from '../components/forms';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';
import { sizeWords, typeRefusedWords } from '../../../shared/domain/homework-files';
import { whenCt } from '../time';

type Homework = components['schemas']['Homework'];
type HomeworkFile = components['schemas']['HomeworkFile'];
type FileLimits = components['schemas']['HomeworkFileLimits'];

/** A file's scan state in words (the API decides the state). */
const FILE_STATE_WORDS: Record<HomeworkFile['status'], string> = {
  uploading: 'upload not finished',
  'scan-pending': 'scan pending (ADS can open it once the malware scan clears it)',
  clean: 'clean (the malware scan found nothing)',
  quarantined: 'quarantined (the malware scan found a threat; it was set aside)',
  deleted: 'deleted',
};

/** Files a submission can hand in: recorded, and not quarantined or deleted. */
const handable = (f: HomeworkFile) => f.status === 'scan-pending' || f.status === 'clean';

/** Posts the pre-signed form to S3 (fields first, the file last), reporting progress; resolves on S3's answer. */
function postToS3(url: string, fields: Record<string, string>, file: File, onProgress: (percent: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () =>
      xhr.status < 300 ? resolve() : reject(new Error(`the file store refused the upload (${xhr.status})`));
    xhr.onerror = () => reject(new Error('the upload did not reach the file store; check your connection'));
    xhr.send(form);
  });
}
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
  const [chosen, setChosen] = useState<File[]>([]);
  const [progress, setProgress] = useState<{ name: string; percent: number }>();
  const chooser = useRef<HTMLInputElement>(null);
  const errors = fieldErrors(problem);
  const limits = homework.data?.fileLimits;
  const assignment = answered ?? homework.data?.items.find((h) => h.assignmentId === assignmentId);
  const notFound: Problem | undefined =
    homework.data && !assignment
      ? { status: 404, title: 'Not found', detail: 'There is no such assignment in this course.' }
      : undefined;

  const path = { applicationId, assignmentId };
  /** Reads the assignment again (its files' states) after an upload or a deletion. */
  const reload = async () => {
    const { data } = await api.GET('/me/applications/{applicationId}/homework', {
      params: { path: { applicationId } },
    });
    const fresh = data?.items.find((h) => h.assignmentId === assignmentId);
    if (fresh) setAnswered(fresh);
  };

  /** Uploads each chosen file: the API's form, straight to S3, then recorded; refusals go on the file field. */
  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0)
      return setProblem(localProblem([{ field: 'file', message: 'Choose one or more files to upload.' }]));
    setProblem(undefined);
    const refused: { field: string; code: string; message: string }[] = [];
    for (const file of chosen) {
      const refuse = (p: Problem) => {
        const messages = p.errors?.length ? p.errors.map((e) => e.message) : [p.detail ?? p.title];
        for (const message of messages)
          refused.push({ field: 'file', code: `refused-${refused.length}`, message: `${file.name}: ${message}` });
      };
      // The type is known before anything is sent: refused in the API's words, naming the accepted types.
      if (limits && !limits.types.some((t) => t.contentType === file.type)) {
        refuse(localProblem([{ field: 'file', message: typeRefusedWords }]));
        continue;
      }
      announce(`Uploading ${file.name}…`);
      setProgress({ name: file.name, percent: 0 });
      const started = await api.POST('/me/applications/{applicationId}/homework/{assignmentId}/files', {
        params: { path },
        body: { name: file.name, contentType: file.type as never, size: file.size },
      });
      if (started.error) {
        refuse(asProblem(started.error));
        continue;
      }
      try {
        await postToS3(started.data.upload.url, started.data.upload.fields, file, (percent) =>
          setProgress({ name: file.name, percent }),
        );
      } catch (error) {
        refuse(asProblem(error));
        continue;
      }
      const recorded = await api.POST('/me/applications/{applicationId}/homework/{assignmentId}/files/{fileId}', {
        params: { path: { ...path, fileId: started.data.file.fileId } },
      });
      if (recorded.error) refuse(asProblem(recorded.error));
      else announce(`${file.name} uploaded: ${FILE_STATE_WORDS[recorded.data.status]}.`);
    }
    setProgress(undefined);
    setChosen([]);
    if (chooser.current) chooser.current.value = '';
    await reload();
    if (refused.length > 0) setProblem({ status: 422, title: 'A file was not accepted', errors: refused });
  };

  const remove = async (file: HomeworkFile) => {
    setProblem(undefined);
    const { error } = await api.DELETE('/me/applications/{applicationId}/homework/{assignmentId}/files/{fileId}', {
      params: { path: { ...path, fileId: file.fileId } },
    });
    if (error) return setProblem(asProblem(error));
    await reload();
    announce(`${file.name} deleted.`);
  };

  const download = async (file: HomeworkFile) => {
    const { data, error } = await api.POST(
      '/me/applications/{applicationId}/homework/{assignmentId}/files/{fileId}/download-link',
      { params: { path: { ...path, fileId: file.fileId } } },
    );
    if (error) return setProblem(asProblem(error));
    announce(`Downloading ${file.name}.`);
    window.location.assign(data.url);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = form.text.trim();
    const link = form.link.trim();
    const fileIds = (assignment?.files ?? []).filter(handable).map((f) => f.fileId);
    if (!text && !link && fileIds.length === 0)
      return setProblem(
        localProblem([{ field: 'text', message: 'Write your work here, give a link to it, or upload a file.' }]),
      );
    setProblem(undefined);
    const { data, error } = await api.POST('/me/applications/{applicationId}/homework/{assignmentId}', {
      params: { path },
      body: { ...(text ? { text } : {}), ...(link ? { link } : {}), ...(fileIds.length > 0 ? { fileIds } : {}) },
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
          <h3>Your files</h3>
          <FileList files={assignment.files} onDelete={remove} onDownload={download} />
          {limits ? (
            <form className="usa-form usa-form--large" onSubmit={upload} noValidate>
              <FileField
                limits={limits}
                error={errors.file}
                inputRef={chooser}
                onChange={(files) => setChosen(files)}
              />
              {progress ? (
                <p>
                  <label htmlFor="upload-progress">Uploading {progress.name}: </label>
                  <progress id="upload-progress" max={100} value={progress.percent}>
                    {progress.percent}%
                  </progress>
                </p>
              ) : null}
              <button className="usa-button usa-button--outline" type="submit" disabled={!!progress}>
                Upload chosen files
              </button>
            </form>
          ) : null}
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
            <p>
              Handing in sends your text or link and every file listed above that is not quarantined. The time you hand
              in is recorded by the server; on time means at or before the deadline.
            </p>
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

/** The learner's files on the assignment, each with its scan state in words, a download and a delete button. */
function FileList({
  files,
  onDelete,
  onDownload,
}: {
  files: HomeworkFile[];
  onDelete: (f: HomeworkFile) => void;
  onDownload: (f: HomeworkFile) => void;
}) {
  const shown = files.filter((f) => f.status !== 'uploading');
  if (shown.length === 0) return <p>No files uploaded yet.</p>;
  return (
    <ul className="usa-list usa-list--unstyled homework-files">
      {shown.map((f) => (
        <li key={f.fileId} className="margin-bottom-2">
          <strong>{f.name}</strong> ({sizeWords(f.size)}): {FILE_STATE_WORDS[f.status]}.
          <div className="file-actions">
            {handable(f) ? (
              <button type="button" className="usa-button usa-button--unstyled" onClick={() => onDownload(f)}>
                Download <span className="usa-sr-only">{f.name}</span>
              </button>
            ) : null}
            {f.status !== 'quarantined' ? (
              <button type="button" className="usa-button usa-button--unstyled" onClick={() => onDelete(f)}>
                Delete <span className="usa-sr-only">{f.name}</span>
              </button>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** USWDS's file input: label, a hint with the accepted types and ADS's limits (from the API), the error tied to it. */
function FileField({
  limits,
  error,
  inputRef,
  onChange,
}: {
  limits: FileLimits;
  error?: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onChange: (files: File[]) => void;
}) {
  const id = inputId('file');
  const types = limits.types.map((t) => t.label).join(', ');
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        Add files
      </label>
      <div className="usa-hint" id={`${id}-hint`}>
        Accepted: {types}. Up to {sizeWords(limits.maxFileBytes)} each; at most {limits.maxFilesPerAssignment} files on
        this assignment (delete one to replace it, until the deadline).
      </div>
      {error ? (
        <span className="usa-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <input
        ref={inputRef}
        id={id}
        name="file"
        type="file"
        multiple
        className="usa-file-input"
        accept={limits.types.map((t) => t.contentType).join(',')}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(Array.from(e.target.files ?? []))}
      />
    </div>
  );
}
