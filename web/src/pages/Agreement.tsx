import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, asProblem, type Problem } from '../api/client';
import { useApi } from '../api/useApi';
import { CheckboxField, ErrorSummary, fieldErrors, localProblem } from '../components/forms';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';
import { classLine, whenCt } from '../time';
import type { ApplicationView } from './applicationWords';

const PARTS = [
  ['courseDates', 'I will attend every live class listed above.'],
  ['responsibilities', 'I accept the responsibilities above.'],
  ['attendancePolicy', 'I accept the attendance policy above.'],
] as const;
type Part = (typeof PARTS)[number][0];

/**
 * An offered seat: the CE Provider Training Agreement to read (`GET …/agreement`), then accept — signing each part
 * (`POST …/accept`; the supervisor is emailed the co-sign link) — or decline after a confirmation step
 * (`POST …/decline`). The deadline is the API's, in Connecticut time.
 */
export function Agreement() {
  const { applicationId = '' } = useParams();
  const announce = useAnnounce();
  const path = { params: { path: { applicationId } } };
  const loaded = useApi(async () => {
    const [application, agreement] = await Promise.all([
      api.GET('/me/applications/{applicationId}', path),
      api.GET('/me/applications/{applicationId}/agreement', path),
    ]);
    if (application.error) return { error: application.error };
    if (agreement.error) return { error: agreement.error };
    return { data: { application: application.data, agreement: agreement.data } };
  }, [applicationId]);
  const [answered, setAnswered] = useState<ApplicationView>();
  const [signed, setSigned] = useState<Record<Part, boolean>>({
    courseDates: false,
    responsibilities: false,
    attendancePolicy: false,
  });
  const [problem, setProblem] = useState<Problem>();
  const [confirmDecline, setConfirmDecline] = useState(false);
  const declineHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const errors = fieldErrors(problem);
  const a = answered ?? loaded.data?.application;
  const agreement = loaded.data?.agreement;

  useEffect(() => {
    if (confirmDecline) declineHeading.current?.focus();
  }, [confirmDecline]);
  useEffect(() => {
    if (answered) resultHeading.current?.focus();
  }, [answered]);

  const accept = async (event: FormEvent) => {
    event.preventDefault();
    const missing = PARTS.filter(([part]) => !signed[part]).map(([part]) => ({
      field: `agreement.${part}`,
      message: `Tick “${PARTS.find(([p]) => p === part)?.[1]}” to sign the agreement`,
    }));
    if (missing.length > 0) return setProblem(localProblem(missing));
    const { data, error } = await api.POST('/me/applications/{applicationId}/accept', {
      ...path,
      body: { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    setAnswered(data);
    announce(`You accepted the seat. ${data.supervisor.name} was emailed a link to co-sign the agreement.`);
  };
  const decline = async () => {
    const { data, error } = await api.POST('/me/applications/{applicationId}/decline', path);
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    setConfirmDecline(false);
    setAnswered(data);
    announce('You declined the seat.');
  };

  return (
    <Page title={agreement ? agreement.title : 'Training agreement'}>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {loaded.problem ? (
        <p>
          <Link to={`/applications/${encodeURIComponent(applicationId)}`}>Back to the application</Link>
        </p>
      ) : null}
      {a && agreement ? (
        <>
          {answered?.status === 'accepted' && a.offer ? (
            <section className="usa-alert usa-alert--success" aria-labelledby="result-heading">
              <div className="usa-alert__body">
                <h2 className="usa-alert__heading" id="result-heading" ref={resultHeading} tabIndex={-1}>
                  You accepted the seat and signed the agreement
                </h2>
                <p className="usa-alert__text">
                  We emailed {a.supervisor.name} ({a.supervisor.email}) a link to co-sign it. It must be co-signed by{' '}
                  {whenCt(a.offer.deadline)}; you are enrolled once it is.
                </p>
              </div>
            </section>
          ) : null}
          {answered?.status === 'declined' ? (
            <section className="usa-alert usa-alert--info" aria-labelledby="result-heading">
              <div className="usa-alert__body">
                <h2 className="usa-alert__heading" id="result-heading" ref={resultHeading} tabIndex={-1}>
                  You declined the seat
                </h2>
                <p className="usa-alert__text">It goes to the next person waiting.</p>
              </div>
            </section>
          ) : null}
          {a.actions.acceptOffer ? (
            <p className="usa-intro">
              Accept or decline by <strong>{whenCt(agreement.deadline)}</strong>. Your supervisor must also co-sign by
              then, or the offer lapses.
            </p>
          ) : null}
          <ErrorSummary problem={problem} />
          <h2>Live classes: attend every one</h2>
          <ol className="usa-list">
            {agreement.courseDates.map((c) => (
              <li key={c.date}>{classLine(c.date)} (Connecticut time)</li>
            ))}
          </ol>
          <h2>Homework deadlines</h2>
          <ul className="usa-list">
            {agreement.homeworkDeadlines.map((h) => (
              <li key={`${h.title}-${h.dueAt}`}>
                {h.title}: due {whenCt(h.dueAt)}
              </li>
            ))}
          </ul>
          <h2>Responsibilities</h2>
          <ul className="usa-list">
            {agreement.responsibilities.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <h2>Attendance policy</h2>
          <p>{agreement.attendancePolicy}</p>

          {a.actions.acceptOffer ? (
            <form className="usa-form usa-form--large" onSubmit={accept} noValidate>
              <fieldset className="usa-fieldset margin-top-4">
                <legend className="usa-legend text-bold">Sign the agreement</legend>
                {PARTS.map(([part, label]) => (
                  <CheckboxField
                    key={part}
                    name={`agreement.${part}`}
                    label={label}
                    checked={signed[part]}
                    error={errors[`agreement.${part}`]}
                    onChange={(checked) => setSigned((s) => ({ ...s, [part]: checked }))}
                  />
                ))}
              </fieldset>
              <button className="usa-button" type="submit">
                Accept the seat and sign
              </button>
            </form>
          ) : null}
          {a.actions.declineOffer && !confirmDecline ? (
            <p>
              <button
                type="button"
                className="usa-button usa-button--secondary"
                onClick={() => setConfirmDecline(true)}
              >
                Decline the seat
              </button>
            </p>
          ) : null}
          {a.actions.declineOffer && confirmDecline ? (
            <section className="usa-alert usa-alert--warning" aria-labelledby="decline-heading">
              <div className="usa-alert__body">
                <h2 className="usa-alert__heading" id="decline-heading" ref={declineHeading} tabIndex={-1}>
                  Decline the seat in {a.iteration.title}?
                </h2>
                <p className="usa-alert__text">The seat goes to the next person waiting; this cannot be undone.</p>
                <ul className="usa-button-group">
                  <li className="usa-button-group__item">
                    <button type="button" className="usa-button usa-button--secondary" onClick={decline}>
                      Yes, decline the seat
                    </button>
                  </li>
                  <li className="usa-button-group__item">
                    <button
                      type="button"
                      className="usa-button usa-button--outline"
                      onClick={() => setConfirmDecline(false)}
                    >
                      No, go back
                    </button>
                  </li>
                </ul>
              </div>
            </section>
          ) : null}
          <p>
            <Link to={`/applications/${encodeURIComponent(a.id)}`}>Back to the application</Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
