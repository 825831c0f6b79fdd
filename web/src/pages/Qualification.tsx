import { Link, useParams } from 'react-router';
import { missingReasonWords } from '../../../shared/domain/qualification';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { useApi } from '../api/useApi';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { classLine } from '../time';

type Missing = components['schemas']['Qualification']['missing'][number];

/** One missing class or assignment, in words (the words have one home, shared with ADS's issuing answer). */
const missingLine = (m: Missing) =>
  m.kind === 'class'
    ? `Live class of ${m.date ? classLine(m.date) : 'an unknown date'} (Connecticut time): ${missingReasonWords(m)}.`
    : `Assignment "${m.title ?? m.assignmentId}": ${missingReasonWords(m)}.`;

/** Can I still qualify? The API's answer: qualifies, can still qualify, and exactly what is missing. */
export function Qualification() {
  const { applicationId = '' } = useParams();
  const path = { applicationId };
  const loaded = useApi(async () => {
    const [course, q] = await Promise.all([
      api.GET('/me/applications/{applicationId}', { params: { path } }),
      api.GET('/me/applications/{applicationId}/qualification', { params: { path } }),
    ]);
    if (course.error || q.error) return { error: course.error ?? q.error };
    return { data: { title: course.data.iteration.title, ...q.data } };
  }, [applicationId]);
  const q = loaded.data;
  const classes = q?.missing.filter((m) => m.kind === 'class') ?? [];
  const assignments = q?.missing.filter((m) => m.kind === 'assignment') ?? [];

  return (
    <Page title={q ? `Can I still qualify? ${q.title}` : 'Can I still qualify?'}>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {q ? (
        <>
          <section className="usa-summary-box" aria-labelledby="qualification-heading">
            <div className="usa-summary-box__body">
              <h2 className="usa-summary-box__heading" id="qualification-heading">
                {q.qualifies
                  ? 'Yes: you qualify for certification'
                  : q.canStillQualify
                    ? 'Yes, you can still qualify'
                    : 'No: you can no longer qualify in this course'}
              </h2>
              <div className="usa-summary-box__text">
                <p>
                  {q.qualifies
                    ? 'You attended every live class in full and every assignment is complete and was on time. ADS issues your certifications after the course.'
                    : q.canStillQualify
                      ? 'To qualify you must attend every live class in full and hand in every assignment by its deadline, and ADS must mark it complete. This is what is still to do:'
                      : 'Something below can no longer be made good (a class missed, or a deadline passed). Talk to ADS about what happens next, and apply to a later course to finish your certification. What is missing:'}
                </p>
              </div>
            </div>
          </section>
          {classes.length > 0 ? (
            <>
              <h2>Live classes</h2>
              <ul className="usa-list">
                {classes.map((m) => (
                  <li key={`c-${m.date}`}>{missingLine(m)}</li>
                ))}
              </ul>
            </>
          ) : null}
          {assignments.length > 0 ? (
            <>
              <h2>Homework</h2>
              <ul className="usa-list">
                {assignments.map((m) => (
                  <li key={`a-${m.assignmentId}`}>{missingLine(m)}</li>
                ))}
              </ul>
              <p>
                <Link className="usa-link" to={`/learning/${applicationId}/homework`}>
                  Go to your homework
                </Link>
              </p>
            </>
          ) : null}
        </>
      ) : null}
      <p className="margin-top-4">
        <Link className="usa-link" to="/classes">
          Back to my classes
        </Link>
      </p>
    </Page>
  );
}
