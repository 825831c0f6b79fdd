import { useState } from 'react';
import { Link } from 'react-router';
import { api, asProblem, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { useApi } from '../api/useApi';
import { ErrorSummary } from '../components/forms';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';
import { classLine, whenCt } from '../time';

type Application = components['schemas']['Application'];
type Agreement = components['schemas']['TrainingAgreement'];
type AttendanceStatus = 'present' | 'absent' | 'partial' | null;

/** Attendance as recorded by ADS, in words (the API says only `present` counts). */
const attendanceWords = (status: AttendanceStatus, minutesMissed?: number) =>
  status === 'present'
    ? 'Present'
    : status === 'absent'
      ? 'Absent'
      : status === 'partial'
        ? `Joined late or left early${minutesMissed ? ` (${minutesMissed} minutes missed)` : ''}: only full attendance counts`
        : 'Not recorded yet';

/**
 * My classes: for each course where you are enrolled, the live classes (9:00 AM–12:00 PM Connecticut time) with
 * their join links as the training agreement gives them to enrolled learners, and your attendance so far; then the
 * private calendar subscription (one per person, for every course where you are enrolled).
 */
export function Classes() {
  const courses = useApi(async () => {
    const mine = await api.GET('/me/applications');
    if (mine.error) return { error: mine.error };
    const enrolled = mine.data.items.filter((a) => a.status === 'enrolled');
    const loaded = await Promise.all(
      enrolled.map(async (application) => {
        const path = { applicationId: application.id };
        const [agreement, attendance] = await Promise.all([
          api.GET('/me/applications/{applicationId}/agreement', { params: { path } }),
          api.GET('/me/applications/{applicationId}/attendance', { params: { path } }),
        ]);
        return { application, agreement, attendance };
      }),
    );
    const failed = loaded.find((c) => c.agreement.error || c.attendance.error);
    if (failed) return { error: failed.agreement.error ?? failed.attendance.error };
    return {
      data: loaded.map((c) => ({
        application: c.application,
        joinLinks: c.agreement.data?.joinLinks ?? [],
        classes: c.attendance.data?.classes ?? [],
      })),
    };
  });

  return (
    <Page title="My classes">
      <Loading loading={courses.loading} problem={courses.problem} />
      {courses.data && courses.data.length === 0 ? (
        <p>
          You are not enrolled in a course yet. Your classes appear here once your supervisor has co-signed your
          training agreement. See <Link to="/applications">your applications</Link>.
        </p>
      ) : null}
      {courses.data?.map((c) => (
        <Course key={c.application.id} {...c} />
      ))}
      {courses.data && courses.data.length > 0 ? <CalendarFeed /> : null}
    </Page>
  );
}

function Course({
  application,
  joinLinks,
  classes,
}: {
  application: Application;
  joinLinks: NonNullable<Agreement['joinLinks']>;
  classes: { date: string; status: AttendanceStatus; minutesMissed?: number }[];
}) {
  const headingId = `course-${application.id}`;
  const linkOf = new Map(joinLinks.map((l) => [l.date, l.joinUrl]));
  return (
    <section aria-labelledby={headingId} className="margin-bottom-5">
      <h2 id={headingId}>{application.iteration.title}</h2>
      <ul className="usa-list course-links">
        <li>
          <Link className="usa-link" to={`/learning/${application.id}/homework`}>
            Homework for {application.iteration.title}
          </Link>
        </li>
        <li>
          <Link className="usa-link" to={`/learning/${application.id}/qualification`}>
            Can I still qualify in {application.iteration.title}?
          </Link>
        </li>
      </ul>
      <h3>Live classes (Connecticut time): attend every one in full</h3>
      <ol className="usa-list usa-list--unstyled live-classes">
        {classes.map((c) => {
          const joinUrl = linkOf.get(c.date);
          return (
            <li key={c.date} className="live-class margin-bottom-2">
              <p className="text-bold margin-y-05">{classLine(c.date)}</p>
              <p className="margin-y-05">
                {joinUrl ? (
                  <a className="usa-link join-link" href={joinUrl}>
                    Join the class of {classLine(c.date)}
                  </a>
                ) : (
                  'No join link yet: ADS will add it before the class.'
                )}
              </p>
              <p className="margin-y-05">Attendance: {attendanceWords(c.status, c.minutesMissed)}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The private calendar feed: make it (the URL is shown once), make a new one, or stop it. */
function CalendarFeed() {
  const announce = useAnnounce();
  const [reload, setReload] = useState(0);
  const feed = useApi(() => api.GET('/me/calendar-feed'), [reload]);
  const [made, setMade] = useState<{ url: string; createdAt: string }>();
  const [problem, setProblem] = useState<Problem>();

  const make = async () => {
    setProblem(undefined);
    const { data, error } = await api.POST('/me/calendar-feed');
    if (error) return setProblem(asProblem(error));
    setMade(data);
    setReload((n) => n + 1);
    announce('Your calendar subscription address is ready. Copy it into your calendar program.');
  };
  const stop = async () => {
    setProblem(undefined);
    const { error } = await api.DELETE('/me/calendar-feed');
    if (error) return setProblem(asProblem(error));
    setMade(undefined);
    setReload((n) => n + 1);
    announce('Your calendar subscription is stopped. Its address no longer works.');
  };
  const copy = async () => {
    if (!made) return;
    await navigator.clipboard?.writeText(made.url).catch(() => undefined);
    announce('Address copied.');
  };

  return (
    <section aria-labelledby="calendar-heading" className="margin-top-5">
      <h2 id="calendar-heading">Subscribe in your calendar</h2>
      <p>
        A private calendar address lists the live classes (with their join links) and homework deadlines of every course
        where you are enrolled, and follows every change ADS makes. Keep it private: anyone with the address sees your
        classes and their join links.
      </p>
      <ErrorSummary problem={problem} />
      <Loading loading={feed.loading} problem={feed.problem} />
      {made ? (
        <div className="usa-alert usa-alert--success usa-alert--slim">
          <div className="usa-alert__body">
            <label className="usa-label" htmlFor="calendar-url">
              Your calendar subscription address (made {whenCt(made.createdAt)})
            </label>
            <input id="calendar-url" className="usa-input maxw-full calendar-url" readOnly value={made.url} />
            <button type="button" className="usa-button usa-button--outline width-auto margin-top-1" onClick={copy}>
              Copy the address
            </button>
            <p className="usa-alert__text">
              This address is shown only now. In your calendar program choose "Add calendar", then "From URL" or
              "Subscribe", and paste it (Outlook: Add calendar → Subscribe from web; Google Calendar: Other calendars →
              From URL; Apple Calendar: File → New Calendar Subscription).
            </p>
          </div>
        </div>
      ) : null}
      {feed.data && !made ? (
        <p>
          {feed.data.active && feed.data.createdAt
            ? `You have a calendar subscription, made ${whenCt(feed.data.createdAt)}. Its address was shown only when it was made: make a new one if you need it again (the old address then stops working).`
            : 'You have no calendar subscription.'}
        </p>
      ) : null}
      {feed.data ? (
        <ul className="usa-button-group">
          <li className="usa-button-group__item">
            <button type="button" className="usa-button" onClick={make}>
              {feed.data.active ? 'Make a new calendar address' : 'Make my calendar address'}
            </button>
          </li>
          {feed.data.active ? (
            <li className="usa-button-group__item">
              <button type="button" className="usa-button usa-button--secondary" onClick={stop}>
                Stop my calendar subscription
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}
