import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { STATE_WORDS } from '../../../../shared/domain/certification';
import { CE_STAGE_NAMES } from '../../../../shared/domain/vocabulary';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import {
  ErrorSummary,
  Field,
  fieldErrors,
  fieldName,
  localProblem,
  SelectField,
  TextAreaField,
} from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { dayWords, whenCt } from '../../time';

type StaffMember = components['schemas']['AgencyStaffMember'];
type StaffDetail = components['schemas']['AgencyStaffDetail'];
type StaffApplication = StaffDetail['applications'][number];
type Supervisor = components['schemas']['AgencySupervisor'];

/**
 * The provider administrator's pages (`/agency…`): their agency's staff with applications, certifications and expiry
 * dates; one person, with Endorse / Decline / Co-sign and the departure form; the agency's supervisors. Every fact is
 * the API's, which decides what this agency may see (another agency's person is "not found").
 */

/** Each status the API shows, in an employer's words. */
const STATUS_WORDS: Record<StaffApplication['status'], string> = {
  submitted: 'Waiting for an endorsement',
  'not-endorsed': 'Not endorsed',
  endorsed: 'Endorsed: waiting for the seat allocation',
  'not-considered': 'Not considered (not endorsed in time)',
  waitlisted: 'On the waitlist',
  offered: 'Seat offered: the learner answers by the deadline',
  accepted: 'Accepted: waiting for the co-signature of the training agreement',
  enrolled: 'Enrolled',
  declined: 'Declined by the learner',
  lapsed: 'Offer lapsed',
  withdrawn: 'Withdrawn',
  'waitlist-ended': 'Waitlist ended',
};
const MEMBERSHIP_WORDS = { claimed: 'Names your agency, not yet confirmed', confirmed: 'Confirmed' } as const;
const SUPERVISOR_WORDS: Record<Supervisor['status'], string> = {
  pending: 'Waiting for ADS',
  authorised: 'Authorised',
  refused: 'Refused by ADS',
  removed: 'Removed',
};

function Success({ text }: { text: string | undefined }) {
  return text ? (
    <div className="usa-alert usa-alert--success usa-alert--slim">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{text}</p>
      </div>
    </div>
  ) : null;
}

const certificationText = (c: StaffMember['certifications'][number]) =>
  `${CE_STAGE_NAMES[c.stage]}: ${STATE_WORDS[c.state]}, expires ${dayWords(c.expiresOn)}`;

/** `/agency`: the agency's staff, confirmed members first, a page at a time. */
export function AgencyStaff() {
  const [params] = useSearchParams();
  const cursor = params.get('cursor') ?? undefined;
  const agency = useApi(() => api.GET('/agency'), []);
  const staff = useApi(() => api.GET('/agency/staff', { params: { query: { cursor } } }), [cursor]);
  return (
    <Page title={agency.data ? `Staff of ${agency.data.name}` : 'Your agency’s staff'}>
      <Loading loading={agency.loading || staff.loading} problem={agency.problem ?? staff.problem} />
      {agency.data?.priority ? (
        <p>
          Your agency has priority for the next seat allocation, since {whenCt(agency.data.priority.since)}:{' '}
          {agency.data.priority.reason}.
        </p>
      ) : null}
      {staff.data ? (
        staff.data.items.length === 0 ? (
          <p>Nobody’s profile names your agency yet.</p>
        ) : (
          <table className="usa-table usa-table--stacked">
            <caption>People whose profile names your agency, with their applications and certifications</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Membership</th>
                <th scope="col">Applications</th>
                <th scope="col">Certifications and expiry dates</th>
              </tr>
            </thead>
            <tbody>
              {staff.data.items.map((p) => (
                <tr key={p.personId}>
                  <th scope="row" data-label="Name">
                    <Link to={`/agency/staff/${encodeURIComponent(p.personId)}`}>{p.name}</Link>
                    <br />
                    {p.jobTitle}
                  </th>
                  <td data-label="Membership">{MEMBERSHIP_WORDS[p.membership]}</td>
                  <td data-label="Applications">
                    {p.applications.length === 0 ? (
                      'None'
                    ) : (
                      <ul className="usa-list usa-list--unstyled">
                        {p.applications.map((a) => (
                          <li key={a.id}>
                            {a.iteration.title}: {STATUS_WORDS[a.status]}
                            {a.actions.endorse || a.actions.cosign ? ' — your answer is awaited' : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-label="Certifications and expiry dates">
                    {p.certifications.length === 0 ? (
                      p.membership === 'confirmed' ? (
                        'None'
                      ) : (
                        'Shown once your agency confirms them'
                      )
                    ) : (
                      <ul className="usa-list usa-list--unstyled">
                        {p.certifications.map((c) => (
                          <li key={c.number}>{certificationText(c)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {staff.data?.cursor ? (
        <p>
          <Link to={`/agency?cursor=${encodeURIComponent(staff.data.cursor)}`}>Next page of staff</Link>
        </p>
      ) : null}
    </Page>
  );
}

/** `/agency/staff/:personId`: one staff member; the answers the agency gives (endorse, decline, co-sign, departure). */
export function AgencyPerson() {
  const { personId = '' } = useParams();
  const [version, setVersion] = useState(0);
  const loaded = useApi(
    () => api.GET('/agency/staff/{personId}', { params: { path: { personId } } }),
    [personId, version],
  );
  // Keep the page on screen while it reloads after an answer, so focus stays where it was.
  const [last, setLast] = useState<StaffDetail>();
  useEffect(() => {
    if (loaded.data) setLast(loaded.data);
  }, [loaded.data]);
  const person = loaded.data ?? (last?.personId === personId ? last : undefined);
  const [left, setLeft] = useState<string>();
  const changed = () => setVersion((v) => v + 1);
  return (
    <Page title={person ? `Staff: ${person.name}` : left ? 'Departure recorded' : 'Staff member'}>
      <p>
        <Link to="/agency">All your staff</Link>
      </p>
      {left ? (
        <Success text={left} />
      ) : (
        <Loading loading={loaded.loading && !person} problem={person ? undefined : loaded.problem} />
      )}
      {person && !left ? (
        <>
          <dl className="record-list">
            <dt>Job title</dt>
            <dd>{person.jobTitle}</dd>
            <dt>Email</dt>
            <dd>{person.email}</dd>
            <dt>Membership</dt>
            <dd>
              {MEMBERSHIP_WORDS[person.membership]}
              {person.membershipConfirmedAt ? `, since ${whenCt(person.membershipConfirmedAt)}` : ''}
            </dd>
            <dt>Supervisor on their profile</dt>
            <dd>
              {person.supervisor.name} ({person.supervisor.email})
            </dd>
          </dl>
          <h2>Applications</h2>
          {person.applications.length === 0 ? <p>No application.</p> : null}
          {person.applications.map((a) => (
            <ApplicationCard key={a.id} application={a} onDone={changed} />
          ))}
          <h2>Certifications</h2>
          {person.certifications.length === 0 ? (
            <p>
              {person.membership === 'confirmed'
                ? 'No certification.'
                : 'Their certifications are shown once your agency confirms them (by endorsing an application).'}
            </p>
          ) : (
            <ul className="usa-list">
              {person.certifications.map((c) => (
                <li key={c.number}>
                  {certificationText(c)} (certificate {c.number})
                </li>
              ))}
            </ul>
          )}
          <DepartureForm person={person} onDone={setLeft} />
        </>
      ) : null}
    </Page>
  );
}

function ApplicationCard({ application: a, onDone }: { application: StaffApplication; onDone: () => void }) {
  const announce = useAnnounce();
  const [problem, setProblem] = useState<Problem>();
  const [reason, setReason] = useState('');
  // Each card's reason field is its own (a person may have several applications open): the API's `body.reason`
  // lands on it.
  const reasonField = `reason-${a.id}`;
  const refused = (error: unknown) => {
    const p = asProblem(error);
    setProblem({
      ...p,
      errors: p.errors?.map((e) => (fieldName(e.field) === 'reason' ? { ...e, field: reasonField } : e)),
    });
  };
  const errors = fieldErrors(problem);
  const path = { params: { path: { applicationId: a.id } } };
  const answered = (words: string) => {
    setProblem(undefined);
    announce(words);
    onDone();
  };
  const endorse = async () => {
    const { error } = await api.POST('/agency/applications/{applicationId}/endorsement', {
      ...path,
      body: { decision: 'endorse' },
    });
    if (error) return refused(error);
    answered(`You endorsed the application to ${a.iteration.title}.`);
  };
  const decline = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim())
      return setProblem(localProblem([{ field: reasonField, message: 'Say why you decline: the applicant is told.' }]));
    const { error } = await api.POST('/agency/applications/{applicationId}/endorsement', {
      ...path,
      body: { decision: 'decline', reason: reason.trim() },
    });
    if (error) return refused(error);
    answered(`You declined to endorse the application to ${a.iteration.title}.`);
  };
  const cosign = async () => {
    const { error } = await api.POST('/agency/applications/{applicationId}/agreement', path);
    if (error) return refused(error);
    answered(`You co-signed the training agreement: the learner is enrolled in ${a.iteration.title}.`);
  };
  const headingId = `application-${a.id}`;
  return (
    <section aria-labelledby={headingId} className="usa-summary-box margin-bottom-2">
      <h3 id={headingId} className="usa-summary-box__heading">
        {a.iteration.title}
      </h3>
      <p>
        {STATUS_WORDS[a.status]}. Applied {whenCt(a.submittedAt)}.
        {a.offerDeadline && ['offered', 'accepted'].includes(a.status)
          ? ` Offer deadline: ${whenCt(a.offerDeadline)}.`
          : ''}
        {a.firstClass && a.lastClass ? ` Live classes from ${dayWords(a.firstClass)} to ${dayWords(a.lastClass)}.` : ''}
      </p>
      <ErrorSummary problem={problem} />
      {a.actions.endorse ? (
        <>
          <p>Endorsing confirms that they work for your agency; their supervisor’s emailed link then stops working.</p>
          <button type="button" className="usa-button" onClick={endorse}>
            Endorse
          </button>
          <form className="usa-form" onSubmit={decline} noValidate>
            <TextAreaField
              name={reasonField}
              label="Why you decline (the applicant is told)"
              rows={3}
              error={errors[reasonField]}
              value={reason}
              onChange={setReason}
            />
            <button type="submit" className="usa-button usa-button--outline">
              Decline
            </button>
          </form>
        </>
      ) : null}
      {a.actions.cosign ? (
        <>
          <p>
            Co-signing the training agreement enrols the learner; their supervisor’s emailed link then stops working.
          </p>
          <button type="button" className="usa-button" onClick={cosign}>
            Co-sign the training agreement
          </button>
        </>
      ) : null}
    </section>
  );
}

function DepartureForm({ person, onDone }: { person: StaffDetail; onDone: (words: string) => void }) {
  const announce = useAnnounce();
  const [leftOn, setLeftOn] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const report = async (event: FormEvent) => {
    event.preventDefault();
    if (!leftOn) return setProblem(localProblem([{ field: 'leftOn', message: 'Enter the day they left.' }]));
    const { data, error } = await api.POST('/agency/staff/{personId}/departure', {
      params: { path: { personId: person.personId } },
      body: { leftOn },
    });
    if (error) return setProblem(asProblem(error));
    const words = `${person.name}’s departure on ${dayWords(data.leftOn)} is recorded. ${
      data.priorityGranted
        ? 'No one left at your agency holds an active certification: it has priority for the next allocation.'
        : `${data.remainingCertifiedStaff} of your staff still hold an active certification.`
    }`;
    announce(words);
    onDone(words);
  };
  return (
    <section aria-labelledby="departure-heading" className="margin-top-4">
      <h2 id="departure-heading">Report a departure</h2>
      <p>
        Their certifications stay theirs. If no one left at your agency holds an active certification, it gets priority
        for the next allocation.
      </p>
      <ErrorSummary problem={problem} />
      <form className="usa-form" onSubmit={report} noValidate>
        <Field
          name="leftOn"
          label="The day they left"
          type="date"
          error={errors.leftOn}
          value={leftOn}
          onChange={(e) => setLeftOn(e.target.value)}
        />
        <button type="submit" className="usa-button">
          Report the departure
        </button>
      </form>
    </section>
  );
}

/** `/agency/supervisors`: who may vouch for the agency's staff; propose one for ADS, remove one at once. */
export function AgencySupervisors() {
  const [version, setVersion] = useState(0);
  const list = useApi(() => api.GET('/agency/supervisors'), [version]);
  const [last, setLast] = useState<Supervisor[]>();
  useEffect(() => {
    if (list.data) setLast(list.data.items);
  }, [list.data]);
  const items = list.data?.items ?? last;
  const changed = () => setVersion((v) => v + 1);
  return (
    <Page title="Your agency’s supervisors">
      <Loading loading={list.loading && !items} problem={items ? undefined : list.problem} />
      {items ? (
        items.length === 0 ? (
          <p>No supervisor on record yet.</p>
        ) : (
          <table className="usa-table usa-table--stacked">
            <caption>Supervisors who may vouch for your staff, and those waiting for ADS</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row" data-label="Name">
                    {s.name}
                  </th>
                  <td data-label="Email">{s.email}</td>
                  <td data-label="Status">
                    {SUPERVISOR_WORDS[s.status]}
                    {s.reason && s.status !== 'authorised' ? ` (${s.reason})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      <ProposeForm onDone={changed} />
      {items?.some((s) => s.status === 'authorised') ? (
        <RemoveForm supervisors={items.filter((s) => s.status === 'authorised')} onDone={changed} />
      ) : null}
    </Page>
  );
}

function ProposeForm({ onDone }: { onDone: () => void }) {
  const announce = useAnnounce();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState<string>();
  const errors = fieldErrors(problem);
  const propose = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(name.trim() ? [] : [{ field: 'name', message: 'Enter the supervisor’s name.' }]),
      ...(email.trim() ? [] : [{ field: 'email', message: 'Enter the supervisor’s work email.' }]),
    ];
    if (missing.length) return setProblem(localProblem(missing));
    const { data, error } = await api.POST('/agency/supervisors', { body: { name: name.trim(), email: email.trim() } });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    const words =
      data.status === 'pending'
        ? `${data.name} is proposed: ADS decides whether they may vouch for your staff.`
        : `${data.name} is already on record: ${SUPERVISOR_WORDS[data.status]}.`;
    setDone(words);
    announce(words);
    setName('');
    setEmail('');
    onDone();
  };
  return (
    <section aria-labelledby="propose-heading" className="margin-top-4">
      <h2 id="propose-heading">Propose a supervisor</h2>
      <Success text={done} />
      <ErrorSummary problem={problem} />
      <form className="usa-form" onSubmit={propose} noValidate>
        <Field name="name" label="Name" error={errors.name} value={name} onChange={(e) => setName(e.target.value)} />
        <Field
          name="email"
          label="Work email"
          hint="Endorsement and co-signing links go to this exact address once ADS authorises it."
          type="email"
          error={errors.email}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <button type="submit" className="usa-button">
          Propose to ADS
        </button>
      </form>
    </section>
  );
}

function RemoveForm({ supervisors, onDone }: { supervisors: Supervisor[]; onDone: () => void }) {
  const announce = useAnnounce();
  const [id, setId] = useState(supervisors[0]!.id);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState<string>();
  const errors = fieldErrors(problem);
  const chosen = supervisors.find((s) => s.id === id) ?? supervisors[0]!;
  const remove = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem(localProblem([{ field: 'reason', message: 'Say why they are removed.' }]));
    const { data, error } = await api.POST('/agency/supervisors/{supervisorId}/removal', {
      params: { path: { supervisorId: chosen.id } },
      body: { reason: reason.trim(), version: chosen.version },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    const words = `${data.name} is removed: links of theirs still out no longer work.`;
    setDone(words);
    announce(words);
    setReason('');
    onDone();
  };
  return (
    <section aria-labelledby="remove-heading" className="margin-top-4">
      <h2 id="remove-heading">Remove a supervisor</h2>
      <p>Removal takes effect at once: it only narrows who may vouch for your staff.</p>
      <Success text={done} />
      <ErrorSummary problem={problem} />
      <form className="usa-form" onSubmit={remove} noValidate>
        <SelectField
          name="supervisorId"
          label="Supervisor"
          options={supervisors.map((s) => ({ value: s.id, label: `${s.name} (${s.email})` }))}
          value={chosen.id}
          onChange={setId}
          error={errors.supervisorId}
        />
        <TextAreaField
          name="reason"
          label="Why (kept in the audit trail)"
          rows={3}
          error={errors.reason}
          value={reason}
          onChange={setReason}
        />
        <button type="submit" className="usa-button usa-button--secondary">
          Remove
        </button>
      </form>
    </section>
  );
}
