import { type FormEvent, useState } from 'react';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, Field, fieldErrors, localProblem, SelectField, TextAreaField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { whenCt } from '../../time';

type Supervisor = components['schemas']['Supervisor'];
type Review = components['schemas']['Review'];

const FLAG_WORDS: Record<Review['flags'][number], string> = {
  'first-confirmation': "the agency's first confirmed member",
  'new-supervisor': 'a supervisor authorised in the 7 days before',
};

const agencyOf = (s: Pick<Supervisor, 'providerName'>) => s.providerName ?? 'Self-hired staff';
const addressWords = (s: Supervisor) =>
  s.freeMail
    ? 'Personal (free-mail) address'
    : s.onStaffDomain
      ? "On the agency's staff email domain"
      : "Not on the agency's staff email domains";

/**
 * Who may vouch (`/ads/supervisor-requests`, `/ads/reviews`, `/ads/providers/{id}/supervisors`): the supervisors
 * applicants named and ADS has not decided on, the endorsements flagged for a second look, and a form to authorise
 * a supervisor directly. Every decision takes a reason, kept in the audit trail.
 */
export function Supervisors() {
  const [version, setVersion] = useState(0);
  const loaded = useApi(async () => {
    const [queue, reviews, providers] = await Promise.all([
      api.GET('/ads/supervisor-requests', { params: { query: { limit: 100 } } }),
      api.GET('/ads/reviews', { params: { query: { limit: 100 } } }),
      api.GET('/ads/providers', { params: { query: { limit: 100 } } }),
    ]);
    if (queue.error) return { error: queue.error };
    if (reviews.error) return { error: reviews.error };
    if (providers.error) return { error: providers.error };
    return { data: { queue: queue.data.items, reviews: reviews.data.items, providers: providers.data.items } };
  }, [version]);
  const reload = () => setVersion((v) => v + 1);
  return (
    <Page title="Supervisors and reviews">
      <p>
        Endorsement and co-signing links go only to supervisors ADS has authorised for the applicant's agency, and stop
        working when ADS removes them. An applicant cannot name their own address, nor a new personal (free-mail) one.
      </p>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {loaded.data ? (
        <>
          <Queue queue={loaded.data.queue} onDone={reload} />
          <Reviews reviews={loaded.data.reviews} onDone={reload} />
          <AddSupervisor providers={loaded.data.providers} onDone={reload} />
        </>
      ) : null}
    </Page>
  );
}

/**
 * A form that decides on one entry of a list, with a reason: both are required on the page (said in words on the
 * fields) before the API is called; the API's refusals land on the fields too; success is announced and the lists
 * reload.
 */
function useDecision<T>(spec: {
  items: T[];
  idOf: (item: T) => string;
  fields: { item: string; reason: string; choose: string };
  send: (item: T, reason: string) => Promise<{ error?: unknown }>;
  said: (item: T) => string;
  onDone: () => void;
}) {
  const announce = useAnnounce();
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const decide = async (event: FormEvent) => {
    event.preventDefault();
    const item = spec.items.find((i) => spec.idOf(i) === chosen);
    const missing = [
      ...(item ? [] : [{ field: spec.fields.item, message: spec.fields.choose }]),
      ...(reason.trim() ? [] : [{ field: spec.fields.reason, message: 'Enter why (kept in the audit trail).' }]),
    ];
    if (missing.length || !item) return setProblem(localProblem(missing));
    const { error } = await spec.send(item, reason);
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    setReason('');
    setChosen('');
    announce(spec.said(item));
    spec.onDone();
  };
  return { chosen, setChosen, reason, setReason, problem, errors: fieldErrors(problem), decide };
}

function Queue({ queue, onDone }: { queue: Supervisor[]; onDone: () => void }) {
  const [decision, setDecision] = useState<'authorise' | 'refuse'>('authorise');
  const form = useDecision({
    items: queue,
    idOf: (q) => q.id,
    fields: { item: 'supervisor', reason: 'reason', choose: 'Choose the supervisor to decide on.' },
    send: (s, reason) =>
      api.PUT('/ads/providers/{providerId}/supervisors/{supervisorId}', {
        params: { path: { providerId: s.providerId, supervisorId: s.id } },
        body: { decision, reason, version: s.version },
      }),
    said: (s) =>
      decision === 'authorise'
        ? `${s.name} is authorised for ${agencyOf(s)}; the applications waiting for them were sent their endorsement links.`
        : `${s.name} was refused; the applicants who named them are asked to name another supervisor.`,
    onDone,
  });
  const { chosen, setChosen, reason, setReason, problem, errors, decide } = form;
  return (
    <section aria-labelledby="queue-heading">
      <h2 id="queue-heading">Supervisors waiting for a decision</h2>
      {queue.length === 0 ? (
        <p>No supervisor is waiting for a decision.</p>
      ) : (
        <>
          <table className="usa-table usa-table--borderless usa-table--stacked ads-table">
            <caption>Named by applicants, oldest first. Nothing is sent to them until ADS authorises them.</caption>
            <thead>
              <tr>
                <th scope="col">Supervisor</th>
                <th scope="col">Agency</th>
                <th scope="col">Address</th>
                <th scope="col">Named</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((s) => (
                <tr key={`${s.providerId}/${s.id}`}>
                  <th scope="row" data-label="Supervisor">
                    {s.name} (<span className="break-anywhere">{s.email}</span>)
                  </th>
                  <td data-label="Agency">{agencyOf(s)}</td>
                  <td data-label="Address">{addressWords(s)}</td>
                  <td data-label="Named">{whenCt(s.requestedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ErrorSummary problem={problem} />
          <form className="usa-form usa-form--large" onSubmit={decide} noValidate>
            <SelectField
              name="supervisor"
              label="Supervisor"
              value={chosen}
              error={errors.supervisor}
              options={[
                { value: '', label: '- Choose -' },
                ...queue.map((s) => ({ value: s.id, label: `${s.name} (${s.email}), ${agencyOf(s)}` })),
              ]}
              onChange={setChosen}
            />
            <SelectField
              name="decision"
              label="Decision"
              value={decision}
              options={[
                { value: 'authorise', label: 'Authorise: they may vouch for this agency' },
                { value: 'refuse', label: 'Refuse: the applicants are asked to name another supervisor' },
              ]}
              onChange={(v) => setDecision(v as 'authorise' | 'refuse')}
            />
            <TextAreaField
              name="reason"
              label="Reason for the decision"
              hint="How ADS checked, e.g. a call to the agency's contact."
              rows={3}
              error={errors.reason}
              value={reason}
              onChange={setReason}
            />
            <button type="submit" className="usa-button">
              Record the decision
            </button>
          </form>
        </>
      )}
    </section>
  );
}

function Reviews({ reviews, onDone }: { reviews: Review[]; onDone: () => void }) {
  const [outcome, setOutcome] = useState<'upheld' | 'overturned'>('upheld');
  const form = useDecision({
    items: reviews,
    idOf: (r) => r.applicationId,
    fields: { item: 'review', reason: 'reviewReason', choose: 'Choose the endorsement to decide on.' },
    send: (r, reason) =>
      api.PUT('/ads/reviews/{applicationId}', {
        params: { path: { applicationId: r.applicationId } },
        body: { outcome, reason },
      }),
    said: (r) =>
      outcome === 'upheld'
        ? `The endorsement of ${r.applicantName} is upheld.`
        : `The endorsement of ${r.applicantName} is overturned: their membership of ${r.providerName ?? 'the agency'} is a claim again.`,
    onDone,
  });
  const { chosen, setChosen, reason, setReason, problem, errors, decide } = form;
  return (
    <section aria-labelledby="reviews-heading" className="margin-top-4">
      <h2 id="reviews-heading">Endorsements flagged for review</h2>
      {reviews.length === 0 ? (
        <p>No endorsement is waiting for review.</p>
      ) : (
        <>
          <table className="usa-table usa-table--borderless usa-table--stacked ads-table">
            <caption>Endorsements that confirmed a membership when a false vouch would be least noticed.</caption>
            <thead>
              <tr>
                <th scope="col">Applicant</th>
                <th scope="col">Agency</th>
                <th scope="col">Endorsed by</th>
                <th scope="col">Why flagged</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {reviews.map((r) => (
                <tr key={r.applicationId}>
                  <th scope="row" data-label="Applicant">
                    {r.applicantName}
                  </th>
                  <td data-label="Agency">{r.providerName ?? 'Self-hired'}</td>
                  <td data-label="Endorsed by">
                    {r.supervisor.name} (<span className="break-anywhere">{r.supervisor.email}</span>)
                  </td>
                  <td data-label="Why flagged">{r.flags.map((f) => FLAG_WORDS[f]).join('; ')}</td>
                  <td data-label="When">{whenCt(r.flaggedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ErrorSummary problem={problem} />
          <form className="usa-form usa-form--large" onSubmit={decide} noValidate>
            <SelectField
              name="review"
              label="Endorsement"
              value={chosen}
              error={errors.review}
              options={[
                { value: '', label: '- Choose -' },
                ...reviews.map((r) => ({
                  value: r.applicationId,
                  label: `${r.applicantName}, ${r.providerName ?? 'self-hired'}`,
                })),
              ]}
              onChange={setChosen}
            />
            <SelectField
              name="outcome"
              label="Outcome"
              value={outcome}
              options={[
                { value: 'upheld', label: 'Upheld: the endorsement stands' },
                { value: 'overturned', label: 'Overturned: their membership of the agency is a claim again' },
              ]}
              onChange={(v) => setOutcome(v as 'upheld' | 'overturned')}
            />
            <TextAreaField
              name="reviewReason"
              label="Reason for the outcome"
              rows={3}
              error={errors.reviewReason ?? errors.reason}
              value={reason}
              onChange={setReason}
            />
            <button type="submit" className="usa-button">
              Record the outcome
            </button>
          </form>
        </>
      )}
    </section>
  );
}

function AddSupervisor({ providers, onDone }: { providers: components['schemas']['Provider'][]; onDone: () => void }) {
  const announce = useAnnounce();
  const [providerId, setProviderId] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(providerId ? [] : [{ field: 'providerId', message: 'Choose the agency.' }]),
      ...(reason.trim() ? [] : [{ field: 'addReason', message: 'Enter why (kept in the audit trail).' }]),
    ];
    if (missing.length) return setProblem(localProblem(missing));
    const { data, error } = await api.POST('/ads/providers/{providerId}/supervisors', {
      params: { path: { providerId } },
      body: { name, email, reason },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    setName('');
    setEmail('');
    setReason('');
    announce(`${data.name} is authorised for ${agencyOf(data)}.`);
    onDone();
  };
  return (
    <section aria-labelledby="add-heading" className="margin-top-4">
      <h2 id="add-heading">Authorise a supervisor</h2>
      <p>
        For an agency's supervisors ADS knows of, or a personal address ADS has checked (applicants cannot name one).
      </p>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={add} noValidate>
        <SelectField
          name="providerId"
          label="Agency"
          value={providerId}
          error={errors.providerId}
          options={[
            { value: '', label: '- Choose -' },
            ...providers.map((p) => ({ value: p.id, label: p.name })),
            { value: 'self-hired', label: 'Self-hired staff (employers of record)' },
          ]}
          onChange={setProviderId}
        />
        <Field
          name="name"
          label="Supervisor's name"
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          name="email"
          label="Supervisor's email"
          type="email"
          value={email}
          error={errors.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextAreaField
          name="addReason"
          label="Reason for authorising"
          rows={3}
          error={errors.addReason ?? errors.reason}
          value={reason}
          onChange={setReason}
        />
        <button type="submit" className="usa-button">
          Authorise
        </button>
      </form>
    </section>
  );
}
