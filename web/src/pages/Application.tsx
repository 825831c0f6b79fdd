import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, asProblem, type Problem } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorSummary, Field, fieldErrors } from '../components/forms';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';
import { whenCt } from '../time';
import { type ApplicationView, STATUS_WORDS, stateWord, timeline } from './applicationWords';

/** "23 hours and 5 minutes": a Retry-After in words. */
export function durationWords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return [h ? part(h, 'hour') : '', m ? part(m, 'minute') : ''].filter(Boolean).join(' and ');
}

/** A refusal of the resend limit (429) in words, from its Retry-After. */
function limitProblem(error: unknown, response: Response): Problem {
  const problem = asProblem(error);
  const retryAfter = Number(response.headers.get('retry-after'));
  if (response.status !== 429 || !Number.isFinite(retryAfter)) return problem;
  return {
    status: 429,
    title: 'The link was sent too many times today',
    detail: `To protect your supervisor's inbox, the endorsement link can be sent only a few times a day. You can send it again in ${durationWords(retryAfter)}.`,
  };
}

/**
 * One application: where it stands, what happens next and by when (the timeline), and what the applicant may do now
 * — the API's `actions` say which: withdraw (after a confirmation step), name another supervisor, send the
 * endorsement link again, read the training agreement to answer an offer.
 */
export function Application() {
  const { applicationId = '' } = useParams();
  const announce = useAnnounce();
  const loaded = useApi(
    () => api.GET('/me/applications/{applicationId}', { params: { path: { applicationId } } }),
    [applicationId],
  );
  const [changed, setChanged] = useState<ApplicationView>();
  const [problem, setProblem] = useState<Problem>();
  const [panel, setPanel] = useState<'none' | 'withdraw' | 'supervisor'>('none');
  const [supervisor, setSupervisor] = useState({ name: '', email: '', reason: '' });
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const a = changed ?? loaded.data;
  const path = { params: { path: { applicationId } } };
  const errors = fieldErrors(problem);

  useEffect(() => {
    if (panel !== 'none') panelHeading.current?.focus();
  }, [panel]);

  const done = (next: ApplicationView, message: string) => {
    setChanged(next);
    setProblem(undefined);
    setPanel('none');
    announce(message);
  };

  const withdraw = async () => {
    const { data, error } = await api.POST('/me/applications/{applicationId}/withdraw', path);
    if (error) return setProblem(asProblem(error));
    done(data, 'Your application is withdrawn.');
  };
  const resend = async () => {
    const { data, error, response } = await api.POST('/me/applications/{applicationId}/endorsement-link', path);
    if (error) return setProblem(limitProblem(error, response));
    done(data, `A new endorsement link was emailed to ${data.supervisor.email}. The earlier link no longer works.`);
  };
  const changeSupervisor = async (event: FormEvent) => {
    event.preventDefault();
    const { data, error, response } = await api.PUT('/me/applications/{applicationId}/supervisor', {
      ...path,
      body: {
        supervisor: { name: supervisor.name, email: supervisor.email },
        ...(supervisor.reason.trim() ? { reason: supervisor.reason } : {}),
      },
    });
    if (error) return setProblem(limitProblem(error, response));
    done(
      data,
      data.awaitingSupervisor
        ? `${data.supervisor.name} is named. ADS confirms that they may endorse for your agency before the link is emailed to them.`
        : `${data.supervisor.name} was emailed a link to endorse your application.`,
    );
  };

  return (
    <Page title={a ? `Application: ${a.iteration.title}` : 'Your application'}>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {a ? (
        <>
          <p className="usa-intro">
            Status: <strong>{STATUS_WORDS[a.status]}</strong>
          </p>
          <p>
            {a.region} region{a.providerName ? `, for ${a.providerName}` : ', self-hired'}. Supervisor:{' '}
            {a.supervisor.name} ({a.supervisor.email}). Future staff your agency plans to send: {a.futureStaffPlanned}.
          </p>
          <ErrorSummary problem={problem} />
          <h2>What has happened and what comes next</h2>
          <ol className="usa-process-list">
            {timeline(a).map((step) => (
              <li key={step.title} className={`usa-process-list__item timeline-step timeline-step--${step.state}`}>
                <h3 className="usa-process-list__heading">
                  <span className="usa-sr-only">{stateWord(step.state)}: </span>
                  {step.title}
                  <span className="timeline-state" aria-hidden="true">
                    {' '}
                    ({stateWord(step.state)})
                  </span>
                </h3>
                <p>{step.text}</p>
              </li>
            ))}
          </ol>

          {a.actions.acceptOffer || a.actions.declineOffer ? (
            <p>
              <Link className="usa-button" to={`/applications/${encodeURIComponent(a.id)}/agreement`}>
                Read the training agreement and answer the offer
              </Link>
            </p>
          ) : null}
          {a.actions.resendEndorsementLink || a.actions.changeSupervisor || a.actions.withdraw ? (
            <>
              <h2>What you can do</h2>
              <ul className="usa-button-group">
                {a.actions.resendEndorsementLink ? (
                  <li className="usa-button-group__item">
                    <button type="button" className="usa-button usa-button--outline" onClick={resend}>
                      Email the endorsement link again
                    </button>
                  </li>
                ) : null}
                {a.actions.changeSupervisor ? (
                  <li className="usa-button-group__item">
                    <button
                      type="button"
                      className="usa-button usa-button--outline"
                      aria-expanded={panel === 'supervisor'}
                      onClick={() => setPanel('supervisor')}
                    >
                      Name another supervisor
                    </button>
                  </li>
                ) : null}
                {a.actions.withdraw ? (
                  <li className="usa-button-group__item">
                    <button
                      type="button"
                      className="usa-button usa-button--secondary"
                      aria-expanded={panel === 'withdraw'}
                      onClick={() => setPanel('withdraw')}
                    >
                      Withdraw this application
                    </button>
                  </li>
                ) : null}
              </ul>
            </>
          ) : null}

          {panel === 'supervisor' && a.actions.changeSupervisor ? (
            <section aria-labelledby="supervisor-heading">
              <h2 id="supervisor-heading" ref={panelHeading} tabIndex={-1}>
                Name another supervisor
              </h2>
              <p>
                The link sent to {a.supervisor.name} stops working; the new supervisor is emailed a new one. They must
                endorse it before applications close {whenCt(a.applicationClosesAt)}.
              </p>
              <form className="usa-form usa-form--large" onSubmit={changeSupervisor} noValidate>
                <Field
                  name="supervisor.name"
                  label="Supervisor's name"
                  value={supervisor.name}
                  error={errors['supervisor.name']}
                  onChange={(e) => setSupervisor((s) => ({ ...s, name: e.target.value }))}
                />
                <Field
                  name="supervisor.email"
                  label="Supervisor's email"
                  type="email"
                  value={supervisor.email}
                  error={errors['supervisor.email']}
                  onChange={(e) => setSupervisor((s) => ({ ...s, email: e.target.value }))}
                />
                <Field
                  name="reason"
                  label="Why the supervisor changes (optional)"
                  value={supervisor.reason}
                  error={errors.reason}
                  onChange={(e) => setSupervisor((s) => ({ ...s, reason: e.target.value }))}
                />
                <button className="usa-button" type="submit">
                  Send the link to this supervisor
                </button>
                <button className="usa-button usa-button--unstyled" type="button" onClick={() => setPanel('none')}>
                  Cancel
                </button>
              </form>
            </section>
          ) : null}

          {panel === 'withdraw' && a.actions.withdraw ? (
            <section className="usa-alert usa-alert--warning" aria-labelledby="withdraw-heading">
              <div className="usa-alert__body">
                <h2 className="usa-alert__heading" id="withdraw-heading" ref={panelHeading} tabIndex={-1}>
                  Withdraw your application to {a.iteration.title}?
                </h2>
                <p className="usa-alert__text">
                  A seat you hold or were offered goes to the next person waiting. While applications are open you may
                  apply again (your place in line then counts from the new application).
                </p>
                <ul className="usa-button-group">
                  <li className="usa-button-group__item">
                    <button type="button" className="usa-button usa-button--secondary" onClick={withdraw}>
                      Yes, withdraw it
                    </button>
                  </li>
                  <li className="usa-button-group__item">
                    <button type="button" className="usa-button usa-button--outline" onClick={() => setPanel('none')}>
                      No, keep it
                    </button>
                  </li>
                </ul>
              </div>
            </section>
          ) : null}
          <p>
            <Link to="/applications">All your applications</Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
