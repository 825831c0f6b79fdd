import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { STATE_WORDS } from '../../../../shared/domain/certification';
import { CE_STAGE_NAMES, CE_STAGES, type CeStage } from '../../../../shared/domain/vocabulary';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { actionWords, AuditTrail } from '../../components/AuditTrail';
import { CertificateDownloads } from '../../components/CertificateDownloads';
import { CheckboxField, ErrorSummary, Field, fieldErrors, localProblem, SelectField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { dayWords, whenCt } from '../../time';
import { AccountStanding } from './AccountStanding';
import { AnonymiseForm } from './Anonymise';
import { LegalNameForm } from './LegalName';
import { MEMBERSHIP_WORDS } from './People';

type PersonRecord = components['schemas']['PersonRecord'];
type Enrolment = PersonRecord['enrolments'][number];

const ATTENDANCE_WORDS = { present: 'Present', absent: 'Absent', partial: 'Partial' } as const;

/**
 * A person's record (`GET /ads/people/{personId}`): profile, applications, attendance and homework per enrolment,
 * certifications, the person's audit trail, and ADS's decisions about a person: an outside certification, a
 * departure from their provider, a change of legal name (`LegalName.tsx`), disabling or enabling their sign-in
 * account (`AccountStanding.tsx`), and anonymising on request (`Anonymise.tsx`). Opened from the search or directly
 * by its address.
 */
export function Person() {
  const { personId = '' } = useParams();
  const known = useLocation().state as { name?: string } | null;
  const [version, setVersion] = useState(0);
  const record = useApi(
    () => api.GET('/ads/people/{personId}', { params: { path: { personId } } }),
    [personId, version],
  );
  // Keep showing the record while it reloads after a change, so the forms (and focus) stay where they were.
  const [last, setLast] = useState<PersonRecord>();
  useEffect(() => {
    if (record.data) setLast(record.data);
  }, [record.data]);
  const data = record.data ?? (last?.personId === personId ? last : undefined);
  const name = data?.profile?.name ?? known?.name;
  const changed = () => setVersion((v) => v + 1);
  return (
    <Page title={name ? `Person: ${name}` : 'Person'}>
      <p>
        <Link to="/ads/people">Find someone else</Link>
      </p>
      {record.problem?.status === 404 ? (
        <p>No course record: no profile, application or certification (a staff account has none).</p>
      ) : (
        <Loading loading={record.loading && !data} problem={record.problem} />
      )}
      {data ? (
        <>
          <Profile record={data} />
          <Applications items={data.applications} />
          {data.enrolments.map((e) => (
            <EnrolmentRecord key={e.applicationId} enrolment={e} />
          ))}
          <Certifications items={data.certifications} />
          {data.certifications.length ? (
            <p>
              <Link to={`/ads/people/${encodeURIComponent(personId)}/certifications`}>
                Suspend, reinstate or revoke a certification
              </Link>
            </p>
          ) : null}
          <ExternalCertificationForm personId={personId} onDone={changed} />
          <DepartureForm record={data} onDone={changed} />
          <LegalNameForm record={data} onDone={changed} />
          <AnonymiseForm record={data} onDone={changed} />
        </>
      ) : null}
      {/* A staff account has no record to show, but has a sign-in account. */}
      <AccountStanding personId={personId} name={name ?? 'This person'} onDone={changed} />
      <AuditTrail key={version} subjectType="person" subjectId={personId} title="Audit trail of the person" />
    </Page>
  );
}

function Profile({ record }: { record: PersonRecord }) {
  const p = record.profile;
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      {p ? (
        <dl className="record-list">
          <dt>Email</dt>
          <dd>{p.email}</dd>
          <dt>Provider</dt>
          <dd>
            {p.providerName ?? 'None (self-hired)'} ({MEMBERSHIP_WORDS[p.membership]})
          </dd>
          <dt>Job title and position</dt>
          <dd>
            {p.jobTitle}, {p.position === 'direct-service' ? 'direct-service staff' : 'management / director'}
          </dd>
          <dt>Supervisor</dt>
          <dd>
            {p.supervisor.name} ({p.supervisor.email})
          </dd>
          <dt>Person id</dt>
          <dd>{record.personId}</dd>
        </dl>
      ) : (
        <p>No profile saved (person id {record.personId}).</p>
      )}
    </section>
  );
}

function Applications({ items }: { items: PersonRecord['applications'] }) {
  return (
    <section aria-labelledby="applications-heading" className="margin-top-4">
      <h2 id="applications-heading">Applications</h2>
      {items.length === 0 ? (
        <p>No application.</p>
      ) : (
        <table className="usa-table usa-table--stacked">
          <caption>Their applications, latest first</caption>
          <thead>
            <tr>
              <th scope="col">Iteration</th>
              <th scope="col">Region</th>
              <th scope="col">Status</th>
              <th scope="col">Submitted</th>
              <th scope="col">History</th>
              <th scope="col">Certificate PDF</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <th scope="row" data-label="Iteration">
                  <Link to={`/ads/iterations/${encodeURIComponent(a.iteration.id)}/applications`}>
                    {a.iteration.title}
                  </Link>
                </th>
                <td data-label="Region">{a.region}</td>
                <td data-label="Status">{a.status}</td>
                <td data-label="Submitted">{whenCt(a.submittedAt)}</td>
                <td data-label="History">
                  <Link to={`/ads/audit/application/${encodeURIComponent(a.id)}`}>
                    Audit trail<span className="usa-sr-only"> of the application to {a.iteration.title}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EnrolmentRecord({ enrolment: e }: { enrolment: Enrolment }) {
  const headingId = `enrolment-${e.applicationId}`;
  return (
    <section aria-labelledby={headingId} className="margin-top-4">
      <h2 id={headingId}>Enrolled in {e.title}</h2>
      <table className="usa-table usa-table--stacked">
        <caption>Attendance at each live class of {e.title}</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Attendance</th>
          </tr>
        </thead>
        <tbody>
          {e.attendance.map((c) => (
            <tr key={c.date}>
              <th scope="row" data-label="Class">
                {dayWords(c.date)}
              </th>
              <td data-label="Attendance">
                {c.status ? ATTENDANCE_WORDS[c.status] : 'Not recorded'}
                {c.status === 'partial' && c.minutesMissed !== undefined ? ` (${c.minutesMissed} minutes missed)` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {e.homework.length === 0 ? (
        <p>No assignment in this iteration.</p>
      ) : (
        <table className="usa-table usa-table--stacked">
          <caption>Homework in {e.title}</caption>
          <thead>
            <tr>
              <th scope="col">Assignment</th>
              <th scope="col">Deadline</th>
              <th scope="col">Handed in</th>
              <th scope="col">Review</th>
            </tr>
          </thead>
          <tbody>
            {e.homework.map((h) => {
              const latest = h.submissions.at(-1);
              return (
                <tr key={h.assignmentId}>
                  <th scope="row" data-label="Assignment">
                    {h.title}
                  </th>
                  <td data-label="Deadline">
                    {whenCt(h.deadline)}
                    {h.extension ? ` (extended: ${h.extension.reason})` : ''}
                  </td>
                  <td data-label="Handed in">
                    {latest ? `${whenCt(latest.at)}, ${latest.onTime ? 'on time' : 'late'}` : 'Not yet'}
                  </td>
                  <td data-label="Review">
                    {h.review
                      ? `${h.review.status === 'complete' ? 'Complete' : 'Returned for rework'}${h.review.feedback ? `: ${h.review.feedback}` : ''}`
                      : 'Not reviewed'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Certifications({ items }: { items: PersonRecord['certifications'] }) {
  return (
    <section aria-labelledby="certs-heading" className="margin-top-4">
      <h2 id="certs-heading">Certifications</h2>
      {items.length === 0 ? (
        <p>No certification, in any state.</p>
      ) : (
        <table className="usa-table usa-table--stacked">
          <caption>Their certifications, every state</caption>
          <thead>
            <tr>
              <th scope="col">Certificate</th>
              <th scope="col">Stage</th>
              <th scope="col">State</th>
              <th scope="col">Earned</th>
              <th scope="col">Expires on</th>
              <th scope="col">History</th>
              <th scope="col">Certificate PDF</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.number}>
                <th scope="row" data-label="Certificate">
                  <Link to={`/ads/audit/certificate/${encodeURIComponent(c.number)}`}>{c.number}</Link>
                </th>
                <td data-label="Stage">{c.stageName}</td>
                <td data-label="State">{STATE_WORDS[c.status]}</td>
                <td data-label="Earned">
                  {c.source === 'course' ? 'In this course' : `Elsewhere: ${c.external?.course ?? ''}`}
                </td>
                <td data-label="Expires on">{dayWords(c.expiresOn)}</td>
                <td data-label="History">
                  {c.history.map((h) => `${actionWords(h.action)}${h.reason ? ` (${h.reason})` : ''}`).join('; ')}
                </td>
                <td data-label="Certificate PDF">
                  <CertificateDownloads certificate={c} for="ads" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const EMPTY_EXTERNAL = {
  credential: 'customized-employment',
  accreditedBy: '',
  body: '',
  course: '',
  issuedOn: '',
  expiresOn: '',
  evidenceReference: '',
};

/** An outside certification: the API decides whether it counts (ACRE-accredited CE only; CESP refused, in words). */
function ExternalCertificationForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const announce = useAnnounce();
  const [form, setForm] = useState(EMPTY_EXTERNAL);
  const [stages, setStages] = useState<CeStage[]>([...CE_STAGES]);
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const text = (name: keyof typeof form, label: string, hint?: string, type = 'text') => (
    <Field
      name={name}
      label={label}
      hint={hint}
      type={type}
      error={errors[name]}
      value={form[name]}
      onChange={(e) => set(name)(e.target.value)}
    />
  );
  const record = async (event: FormEvent) => {
    event.preventDefault();
    if (stages.length === 0)
      return setProblem(localProblem([{ field: 'stages', message: 'Choose at least one stage it covers.' }]));
    const { data, error } = await api.POST('/ads/people/{personId}/external-certifications', {
      params: { path: { personId } },
      body: {
        ...form,
        credential: form.credential as 'customized-employment' | 'cesp' | 'other',
        stages: CE_STAGES.filter((s) => stages.includes(s)),
      },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    setForm(EMPTY_EXTERNAL);
    announce(`Outside certification recorded: ${data.items.map((c) => c.number).join(', ')}.`);
    onDone();
  };
  const stageError = errors.stages ?? Object.entries(errors).find(([k]) => k.startsWith('stages.'))?.[1];
  return (
    <section aria-labelledby="external-heading" className="margin-top-4">
      <h2 id="external-heading">Record a certification earned elsewhere</h2>
      <p>Only an ACRE-accredited Customized Employment certification counts; a CESP credential does not.</p>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={record} noValidate>
        <SelectField
          name="credential"
          label="Credential"
          error={errors.credential}
          options={[
            { value: 'customized-employment', label: 'Customized Employment certification' },
            { value: 'cesp', label: 'CESP (Certified Employment Support Professional)' },
            { value: 'other', label: 'Another credential' },
          ]}
          value={form.credential}
          onChange={set('credential')}
        />
        {text('accreditedBy', 'Accredited by', 'The body that accredits the course, e.g. ACRE.')}
        {text('body', 'Awarded by')}
        {text('course', 'Course')}
        {text('issuedOn', 'Issued on', undefined, 'date')}
        {text('expiresOn', 'Expires on', 'The first day it is no longer active.', 'date')}
        {text('evidenceReference', 'Where the evidence is kept', "For example ADS's file reference.")}
        <fieldset className="usa-fieldset" id="field-stages">
          <legend className="usa-legend">Stages it covers</legend>
          {stageError ? <span className="usa-error-message">{stageError}</span> : null}
          {CE_STAGES.map((s) => (
            <CheckboxField
              key={s}
              name={`stages-${s}`}
              label={CE_STAGE_NAMES[s]}
              checked={stages.includes(s)}
              onChange={(on) => setStages((now) => (on ? [...now, s] : now.filter((x) => x !== s)))}
            />
          ))}
        </fieldset>
        <button type="submit" className="usa-button">
          Record the certification
        </button>
      </form>
    </section>
  );
}

/** A departure from the provider their profile names; the API grants the provider priority if none certified remain. */
function DepartureForm({ record, onDone }: { record: PersonRecord; onDone: () => void }) {
  const announce = useAnnounce();
  const [leftOn, setLeftOn] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [result, setResult] = useState<string>();
  const errors = fieldErrors(problem);
  const provider = record.profile?.providerId ? record.profile : undefined;
  const leave = async (event: FormEvent) => {
    event.preventDefault();
    if (!provider?.providerId) return;
    if (!leftOn) return setProblem(localProblem([{ field: 'leftOn', message: 'Enter the day they left.' }]));
    const { data, error } = await api.POST('/ads/people/{personId}/departure', {
      params: { path: { personId: record.personId } },
      body: { providerId: provider.providerId, leftOn },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    const words = `Departure from ${provider.providerName} recorded. ${
      data.priorityGranted
        ? 'No one there holds an active certification now: the provider has priority for the next allocation.'
        : `${data.remainingCertifiedStaff} of their staff still hold an active certification.`
    }`;
    setResult(words);
    announce(words);
    onDone();
  };
  return (
    <section aria-labelledby="departure-heading" className="margin-top-4">
      <h2 id="departure-heading">Record a departure from their provider</h2>
      {result ? (
        <div className="usa-alert usa-alert--success">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{result}</p>
          </div>
        </div>
      ) : null}
      {provider ? (
        <>
          <p>
            Their certifications stay theirs. If no one left at {provider.providerName} holds an active certification,
            the provider gets priority for the next allocation.
          </p>
          <ErrorSummary problem={problem} />
          <form className="usa-form usa-form--large" onSubmit={leave} noValidate>
            <Field
              name="leftOn"
              label={`The day they left ${provider.providerName}`}
              type="date"
              error={errors.leftOn ?? errors.providerId}
              value={leftOn}
              onChange={(e) => setLeftOn(e.target.value)}
            />
            <button type="submit" className="usa-button">
              Record the departure
            </button>
          </form>
        </>
      ) : (
        <p>Their profile names no provider, so there is no departure to record.</p>
      )}
    </section>
  );
}
