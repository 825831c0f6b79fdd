import { staffWords } from '../../components/AuditTrail';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { REGIONS } from '../../../../shared/domain/vocabulary';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { ErrorSummary, fieldErrors, localProblem, SelectField, TextAreaField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { whenCt } from '../../time';
import { allApplications, personLink } from './Applications';

type Proposal = components['schemas']['AllocationProposal'];
type Line = Proposal['lines'][number];
type Summary = components['schemas']['AllocationSummary'];

/**
 * The allocation of an iteration. Before confirmation: the latest proposal as a seat board per region (who is
 * seated, who waits, and the API's reasons in words on every line), overrides with a reason, recompute, confirm.
 * After: the live seat board. Every decision is the API's; this page only shows it and sends ADS's choices.
 */
export function AdsAllocation() {
  const { iterationId = '' } = useParams();
  const announce = useAnnounce();
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const path = { params: { path: { iterationId } } };
  const iteration = useApi(() => api.GET('/ads/iterations/{iterationId}', path), [iterationId]);
  const summary = useApi(() => api.GET('/ads/iterations/{iterationId}/allocation', path), [iterationId, version]);
  const confirmed = summary.data?.confirmedVersion !== undefined;
  const proposal = useApi(
    () =>
      summary.data && !confirmed && summary.data.latestVersion > 0
        ? api.GET('/ads/iterations/{iterationId}/allocation/proposals/latest', path)
        : Promise.resolve({ data: undefined }),
    [iterationId, summary.data],
  );
  const [problem, setProblem] = useState<Problem>();

  const compute = async (message: string) => {
    const { data, error } = await api.POST('/ads/iterations/{iterationId}/allocation/proposals', path);
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    announce(
      `${message} Proposal version ${data.version}: ${data.lines.length - data.waitlisted} seated, ${data.waitlisted} on the waitlist.`,
    );
    reload();
  };
  const confirm = async (p: Proposal) => {
    const { error } = await api.POST('/ads/iterations/{iterationId}/allocation/confirm', {
      ...path,
      body: { version: p.version },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    announce(
      `Proposal version ${p.version} is confirmed: the offers are emailed, and the others told their waitlist place.`,
    );
    reload();
  };

  const title = iteration.data ? `Allocation: ${iteration.data.title}` : 'Allocation';
  return (
    <Page title={title}>
      <Loading loading={summary.loading && !summary.data} problem={summary.problem ?? iteration.problem} />
      <ErrorSummary problem={problem} />
      <p>
        <Link to={`/ads/iterations/${encodeURIComponent(iterationId)}/applications`}>The applications</Link>
      </p>
      {summary.data && confirmed ? (
        <LiveBoard iterationId={iterationId} summary={summary.data} onChanged={reload} />
      ) : summary.data ? (
        <>
          <p>
            The proposal ranks every endorsed application; nothing is sent until you confirm it. An override comes
            before every factor and is kept in the audit trail with its reason; saving one computes a new proposal.
          </p>
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => compute(summary.data?.latestVersion ? 'Recomputed.' : 'Computed.')}
          >
            {summary.data.latestVersion ? 'Recompute the proposal' : 'Compute a proposal'}
          </button>
          <Loading loading={proposal.loading} problem={proposal.problem} />
          {proposal.data ? (
            <ProposalBoard
              proposal={proposal.data}
              iterationId={iterationId}
              onOverride={(name) => compute(`The override for ${name} is saved.`)}
              onConfirm={() => proposal.data && confirm(proposal.data)}
            />
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

const decisionWords = (l: Line) =>
  l.decision === 'seat'
    ? `Seated${l.seatRegion && l.seatRegion !== l.region ? ` (a ${l.seatRegion} seat)` : ''}`
    : `Waitlisted #${l.waitlistPosition ?? '?'}`;

function ProposalBoard({
  proposal,
  iterationId,
  onOverride,
  onConfirm,
}: {
  proposal: Proposal;
  iterationId: string;
  onOverride: (name: string) => void;
  onConfirm: () => void;
}) {
  const [editing, setEditing] = useState<Line>();
  return (
    <>
      <h2>Proposal version {proposal.version}</h2>
      <p>
        Computed {whenCt(proposal.computedAt)}: {proposal.lines.length - proposal.waitlisted} seated,{' '}
        {proposal.waitlisted} on the waitlist.
      </p>
      {REGIONS.map((region) => {
        const lines = proposal.lines.filter((l) => l.region === region);
        return (
          <section key={region} aria-labelledby={`board-${region}`}>
            <h3 id={`board-${region}`}>
              {region}: {proposal.seated[region]} of {proposal.seats[region]} seats filled
            </h3>
            {lines.length ? (
              <table className="usa-table usa-table--borderless usa-table--stacked ads-table seat-board">
                <caption>{region} region: seated first, then the waitlist in order</caption>
                <thead>
                  <tr>
                    <th scope="col">Applicant</th>
                    <th scope="col">Decision</th>
                    <th scope="col">Why</th>
                    <th scope="col">Override</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l) => (
                    <tr key={l.applicationId}>
                      <th scope="row" data-label="Applicant">
                        <Link to={personLink(l.personId)}>{l.applicantName}</Link>
                        <br />
                        {l.providerName ?? 'Self-hired'}
                      </th>
                      <td data-label="Decision">
                        <strong>{decisionWords(l)}</strong>
                        {l.override ? (
                          <>
                            {' '}
                            (override by {staffWords(l.override.byName)}, {whenCt(l.override.at)}: {l.override.reason})
                          </>
                        ) : null}
                      </td>
                      <td data-label="Why">
                        <ul className="usa-list usa-list--unstyled">
                          {l.reasons.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      </td>
                      <td data-label="Override">
                        <button
                          type="button"
                          className="usa-button usa-button--unstyled"
                          aria-expanded={editing?.applicationId === l.applicationId}
                          onClick={() => setEditing(l)}
                        >
                          Override for {l.applicantName}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>No endorsed applications for {region}.</p>
            )}
            {editing && editing.region === region ? (
              <OverrideForm
                line={editing}
                iterationId={iterationId}
                onDone={() => {
                  setEditing(undefined);
                  onOverride(editing.applicantName);
                }}
                onCancel={() => setEditing(undefined)}
              />
            ) : null}
          </section>
        );
      })}
      <h2>Confirm</h2>
      <p>
        Confirming version {proposal.version} emails an offer, with its response deadline, to everyone seated, and tells
        everyone else their waitlist place.
      </p>
      <button type="button" className="usa-button" onClick={onConfirm}>
        Confirm version {proposal.version} and send the offers
      </button>
    </>
  );
}

function OverrideForm({
  line,
  iterationId,
  onDone,
  onCancel,
}: {
  line: Line;
  iterationId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [decision, setDecision] = useState<'seat' | 'waitlist' | 'none'>(
    line.decision === 'seat' ? 'waitlist' : 'seat',
  );
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  useEffect(() => heading.current?.focus(), []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim())
      return setProblem(localProblem([{ field: 'reason', message: 'Say why you override the ranking' }]));
    const { error } = await api.PUT('/ads/iterations/{iterationId}/allocation/overrides/{applicationId}', {
      params: { path: { iterationId, applicationId: line.applicationId } },
      body: { decision, reason },
    });
    if (error) return setProblem(asProblem(error));
    onDone();
  };

  return (
    <div className="override-box">
      <h4 ref={heading} tabIndex={-1} className="margin-top-0">
        Override for {line.applicantName}
      </h4>
      <ErrorSummary problem={problem} />
      <form className="usa-form" onSubmit={save} noValidate>
        <SelectField
          name="decision"
          label="Decision"
          value={decision}
          error={errors.decision}
          options={[
            { value: 'seat', label: 'Seat regardless of the ranking' },
            { value: 'waitlist', label: 'Waitlist regardless of the ranking' },
            ...(line.override ? [{ value: 'none', label: 'Remove the override' }] : []),
          ]}
          onChange={(d) => setDecision(d as typeof decision)}
        />
        <TextAreaField
          name="reason"
          label="Why"
          hint="Required: kept in the audit trail."
          rows={3}
          value={reason}
          error={errors.reason}
          onChange={setReason}
        />
        <button className="usa-button" type="submit">
          Save the override and recompute
        </button>
        <button className="usa-button usa-button--unstyled" type="button" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </div>
  );
}

/** After confirmation: seats per region as they are now, the offers out with their deadlines, the waitlist heads. */
function LiveBoard({
  iterationId,
  summary,
  onChanged,
}: {
  iterationId: string;
  summary: Summary;
  onChanged: () => void;
}) {
  const announce = useAnnounce();
  const rows = useApi(() => allApplications(iterationId), [iterationId, summary]);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const applications = rows.data ?? [];
  const seatRegion = (a: (typeof applications)[number]) => a.offer?.seatRegion ?? a.region;

  const close = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim())
      return setProblem(localProblem([{ field: 'reason', message: 'Say why allocation closes early' }]));
    const { error } = await api.POST('/ads/iterations/{iterationId}/allocation/close', {
      params: { path: { iterationId } },
      body: { reason },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    announce('Allocation is closed: everyone waiting is told to apply again.');
    onChanged();
  };

  return (
    <>
      <h2>Seat board</h2>
      <p>
        Proposal version {summary.confirmedVersion} confirmed {summary.confirmedAt ? whenCt(summary.confirmedAt) : ''}.{' '}
        {summary.promotionOpen
          ? 'Seats released by a decline or a lapsed offer go to the waitlist, in order.'
          : summary.allocationClosedAt
            ? `Allocation closed ${whenCt(summary.allocationClosedAt)}: released seats are no longer offered.`
            : 'Released seats are no longer offered (the first class has started).'}
      </p>
      <table className="usa-table usa-table--borderless usa-table--stacked ads-table seat-board">
        <caption>Seats per region now</caption>
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Seats</th>
            <th scope="col">Offered</th>
            <th scope="col">Accepted</th>
            <th scope="col">Enrolled (with accepted)</th>
            <th scope="col">Free</th>
          </tr>
        </thead>
        <tbody>
          {REGIONS.map((r) => (
            <tr key={r}>
              <th scope="row" data-label="Region">
                {r}
              </th>
              <td data-label="Seats">{summary.seats[r].capacity}</td>
              <td data-label="Offered">{summary.seats[r].offered}</td>
              <td data-label="Accepted">
                {applications.filter((a) => a.status === 'accepted' && seatRegion(a) === r).length}
              </td>
              <td data-label="Enrolled (with accepted)">{summary.seats[r].enrolled}</td>
              <td data-label="Free">{summary.seats[r].free}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Loading loading={rows.loading} problem={rows.problem} />
      {REGIONS.map((r) => {
        const out = applications.filter(
          (a) => (a.status === 'offered' || a.status === 'accepted') && seatRegion(a) === r,
        );
        const waiting = applications
          .filter((a) => a.status === 'waitlisted' && a.region === r)
          .sort((x, y) => (x.waitlistPosition ?? 0) - (y.waitlistPosition ?? 0))
          .slice(0, 3);
        return (
          <section key={r} aria-labelledby={`live-${r}`}>
            <h3 id={`live-${r}`}>{r}</h3>
            <h4>Offers awaiting an answer or a co-signature</h4>
            {out.length ? (
              <ul className="usa-list">
                {out.map((a) => (
                  <li key={a.id}>
                    <Link to={personLink(a.personId)}>{a.applicantName}</Link>:{' '}
                    {a.status === 'offered' ? 'offered' : 'accepted, awaiting the co-signature'}, by{' '}
                    {a.offer ? whenCt(a.offer.deadline) : 'the deadline'}
                  </li>
                ))}
              </ul>
            ) : (
              <p>None.</p>
            )}
            <h4>Head of the waitlist</h4>
            {waiting.length ? (
              <ol className="usa-list">
                {waiting.map((a) => (
                  <li key={a.id}>
                    <Link to={personLink(a.personId)}>{a.applicantName}</Link> (statewide #{a.waitlistPosition})
                  </li>
                ))}
              </ol>
            ) : (
              <p>No one waiting.</p>
            )}
          </section>
        );
      })}
      {summary.promotionOpen ? (
        <>
          <h2>Close allocation early</h2>
          <p>Promotion stops and the waitlist ends: everyone waiting is told to apply again.</p>
          <ErrorSummary problem={problem} />
          <form className="usa-form" onSubmit={close} noValidate>
            <TextAreaField
              name="reason"
              label="Why allocation closes early"
              hint="Required: kept in the audit trail."
              rows={3}
              value={reason}
              error={errors.reason}
              onChange={setReason}
            />
            <button className="usa-button usa-button--secondary" type="submit">
              Close allocation
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}
