import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, asProblem, type Problem } from '../api/client';
import { useApi } from '../api/useApi';
import { CheckboxField, ErrorSummary, Field, fieldErrors, localProblem, SelectField } from '../components/forms';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';
import { classLine, whenCt } from '../time';

/** "1 seat", "4 seats". */
export const seatWords = (n: number) => `${n} ${n === 1 ? 'seat' : 'seats'}`;

/**
 * Apply to an open iteration (`POST /me/applications`): the region (one the API says is open to you), the two
 * acknowledgements of what the course requires, and the future-staff figure. Without a profile there is nothing to
 * apply with: the page says so and links the profile page.
 */
export function Apply() {
  const { iterationId = '' } = useParams();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const loaded = useApi(async () => {
    const [iteration, profile] = await Promise.all([
      api.GET('/iterations/{iterationId}', { params: { path: { iterationId } } }),
      api.GET('/me/profile'),
    ]);
    if (iteration.error) return { error: iteration.error };
    if (profile.error && profile.response.status !== 404) return { error: profile.error };
    // A recertification course says who may apply, and whether you may, before the form (the API's own rule).
    const standing =
      iteration.data.kind === 'recertification' && profile.data
        ? await api.GET('/me/iterations/{iterationId}/recertification-standing', {
            params: { path: { iterationId } },
          })
        : undefined;
    if (standing?.error) return { error: standing.error };
    return { data: { iteration: iteration.data, profile: profile.data, standing: standing?.data } };
  }, [iterationId]);
  const [region, setRegion] = useState('');
  const [attend, setAttend] = useState(false);
  const [homework, setHomework] = useState(false);
  const [futureStaff, setFutureStaff] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [sending, setSending] = useState(false);
  const errors = fieldErrors(problem);

  const iteration = loaded.data?.iteration;
  const profile = loaded.data?.profile;
  const standing = loaded.data?.standing;
  const hasHomework = (iteration?.assignments.length ?? 0) > 0;
  const regions = profile?.regionsOpen ?? [];
  const chosenRegion = region || (regions.length === 1 ? (regions[0] ?? '') : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(chosenRegion ? [] : [{ field: 'region', message: 'Choose the region whose seat you apply for' }]),
      ...(attend
        ? []
        : [{ field: 'acknowledgement.attendAllLiveClasses', message: 'Confirm you will attend every live class' }]),
      ...(homework || !hasHomework
        ? []
        : [
            {
              field: 'acknowledgement.homeworkByDeadlines',
              message: 'Confirm you will hand in homework by its deadlines',
            },
          ]),
      ...(futureStaff.trim() === ''
        ? [{ field: 'futureStaffPlanned', message: 'Enter how many staff your agency plans to send (0 if none)' }]
        : []),
    ];
    if (missing.length > 0) return setProblem(localProblem(missing));
    setProblem(undefined);
    setSending(true);
    const { data, error } = await api.POST('/me/applications', {
      body: {
        iterationId,
        region: chosenRegion as 'North' | 'South' | 'West',
        // Both were checked above (a course with no homework has no deadline to promise): the page sends only what
        // the API accepts.
        acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
        futureStaffPlanned: Number(futureStaff),
      },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    setSending(false);
    if (error) return setProblem(asProblem(error));
    announce(
      data.awaitingSupervisor
        ? 'Your application is sent. ADS confirms your supervisor before they are emailed the endorsement link.'
        : 'Your application is sent. Your supervisor was emailed a link to endorse it.',
    );
    navigate(`/applications/${encodeURIComponent(data.id)}`);
  };

  return (
    <Page title={iteration ? `Apply: ${iteration.title}` : 'Apply'}>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {iteration && !profile ? (
        <section className="usa-alert usa-alert--warning" aria-labelledby="profile-missing">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading" id="profile-missing">
              Complete your profile first
            </h2>
            <p className="usa-alert__text">
              An application carries your name, job title, position, provider agency and supervisor from your profile.
              Your profile is missing; <Link to="/profile">complete your profile</Link>, then come back to apply.
            </p>
          </div>
        </section>
      ) : null}
      {iteration && iteration.applicationWindow.state !== 'open' ? (
        <p>
          This course is not open for applications: applications open {whenCt(iteration.applicationWindow.opensAt)} and
          close {whenCt(iteration.applicationWindow.closesAt)}.
        </p>
      ) : null}
      {standing ? (
        <section
          className={`usa-alert ${standing.mayApply ? 'usa-alert--info' : 'usa-alert--warning'}`}
          aria-labelledby="recertification-standing"
        >
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading" id="recertification-standing">
              {standing.mayApply ? 'You may apply to this recertification course' : 'You cannot apply to this course'}
            </h2>
            <p className="usa-alert__text">{standing.reason}</p>
          </div>
        </section>
      ) : null}
      {iteration && profile && iteration.applicationWindow.state === 'open' && (!standing || standing.mayApply) ? (
        <>
          <p>
            Applications close {whenCt(iteration.applicationWindow.closesAt)}. You apply as {profile.name},{' '}
            {profile.jobTitle}
            {profile.providerName ? ` at ${profile.providerName}` : ' (self-hired)'}. Your supervisor{' '}
            {profile.supervisor.name} ({profile.supervisor.email}) is emailed a link to endorse the application
            {profile.supervisorStatus === 'authorised'
              ? ''
              : ' once ADS has confirmed they may endorse for your agency'}
            ; only endorsed applications are considered for a seat. <Link to="/profile">Change your profile</Link>.
          </p>
          <ErrorSummary problem={problem} />
          <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
            <SelectField
              name="region"
              label="DDS region whose seat you apply for"
              value={chosenRegion}
              error={errors.region}
              options={[
                ...(regions.length === 1 ? [] : [{ value: '', label: '- Choose a region -' }]),
                ...regions.map((r) => ({ value: r, label: `${r} (${seatWords(iteration.seats[r])})` })),
              ]}
              onChange={setRegion}
            />
            <fieldset className="usa-fieldset margin-top-4">
              <legend className="usa-legend text-bold">What the course requires of you</legend>
              <p>
                To qualify for certification you must {hasHomework ? 'do both' : 'attend them all'}. The live classes of
                this course are:
              </p>
              <ol className="usa-list">
                {iteration.liveClasses.map((c) => (
                  <li key={c.id}>{classLine(c.date)} (Connecticut time)</li>
                ))}
              </ol>
              <CheckboxField
                name="acknowledgement.attendAllLiveClasses"
                label="I will attend and take part in every live class, for its full three hours (joining late or leaving early does not count)."
                checked={attend}
                error={errors['acknowledgement.attendAllLiveClasses']}
                onChange={setAttend}
              />
              {hasHomework ? (
                <CheckboxField
                  name="acknowledgement.homeworkByDeadlines"
                  label="I will complete every homework assignment by its deadline."
                  checked={homework}
                  error={errors['acknowledgement.homeworkByDeadlines']}
                  onChange={setHomework}
                />
              ) : (
                <p>This course has no homework.</p>
              )}
            </fieldset>
            <Field
              name="futureStaffPlanned"
              label="How many staff does your agency plan to send to future courses?"
              hint="A whole number, 0 if none. ADS uses it to plan future courses."
              inputMode="numeric"
              value={futureStaff}
              error={errors.futureStaffPlanned}
              onChange={(e) => setFutureStaff(e.target.value)}
            />
            <button className="usa-button" type="submit" disabled={sending}>
              Send my application
            </button>
          </form>
        </>
      ) : null}
    </Page>
  );
}
