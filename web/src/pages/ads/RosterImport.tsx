import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorSummary, Field, fieldErrors, inputId, localProblem } from '../../components/forms';
import { useAnnounce } from '../../components/status';
import { classLine } from '../../time';
import { attendanceWords, learners } from './words';

export type Proposal = components['schemas']['AttendanceProposal'];

const MATCH_WORDS: Record<Proposal['learners'][number]['match'], string> = {
  email: 'by email',
  'exact-name': 'by name (exact)',
  'close-name': 'by a close name: check it',
  none: 'not in the report',
};

/** The file as base64: the route reads its encoding from its bytes (a Teams report is UTF-16). */
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/**
 * Read the meeting's participant report (Zoom or Teams, as downloaded) into a proposal; nothing is recorded. The
 * proposal fills the roster's marks, which ADS adjusts and then sends through the roster form.
 */
export function RosterImport({
  iterationId,
  date,
  onProposal,
}: {
  iterationId: string;
  date: string;
  onProposal: (p: Proposal) => void;
}) {
  const announce = useAnnounce();
  const [file, setFile] = useState<File>();
  const [tolerance, setTolerance] = useState('5');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(file ? [] : [{ field: 'base64', message: 'Choose the report file.' }]),
      ...(/^\d+$/.test(tolerance.trim())
        ? []
        : [{ field: 'toleranceMinutes', message: 'Give the tolerance in whole minutes.' }]),
    ];
    if (missing.length || !file) return setProblem(localProblem(missing));
    setProblem(undefined);
    setBusy(true);
    const { data, error } = await api.POST('/ads/iterations/{iterationId}/classes/{date}/attendance-proposal', {
      params: { path: { iterationId, date } },
      body: { base64: await base64Of(file), toleranceMinutes: Number(tolerance.trim()) },
    });
    setBusy(false);
    if (error) return setProblem(asProblem(error));
    announce(
      `Report read: ${learners(data.learners.filter((l) => l.match !== 'none').length)} matched, ${data.unmatched.length} participants unmatched. Nothing is recorded until you confirm.`,
    );
    onProposal(data);
  };
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import the meeting's participant report</h2>
      <p>
        The participants report Zoom exports (CSV) or the attendance report Microsoft Teams downloads, as it is. Nothing
        is recorded until you confirm the roster below.
      </p>
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <div className={`usa-form-group${errors.base64 ? ' usa-form-group--error' : ''}`}>
          <label className="usa-label" htmlFor={inputId('base64')}>
            Report file (.csv or .tsv)
          </label>
          {errors.base64 ? (
            <span className="usa-error-message" id={`${inputId('base64')}-error`}>
              {errors.base64}
            </span>
          ) : null}
          <input
            id={inputId('base64')}
            name="base64"
            type="file"
            className="usa-file-input__input"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            aria-invalid={errors.base64 ? true : undefined}
            aria-describedby={errors.base64 ? `${inputId('base64')}-error` : undefined}
            onChange={(e) => setFile(e.target.files?.[0])}
          />
        </div>
        <Field
          name="toleranceMinutes"
          label="Tolerance (minutes)"
          hint="A learner who missed no more than this is proposed present; 0 to 60."
          inputMode="numeric"
          className="usa-input--xs"
          value={tolerance}
          error={errors.toleranceMinutes}
          onChange={(e) => setTolerance(e.target.value)}
        />
        <button className="usa-button usa-button--outline" type="submit" disabled={busy}>
          Read the report
        </button>
      </form>
    </section>
  );
}

/**
 * What the report says of each learner and who in it matched nobody (the API's proposal, shown as it is). Each
 * proposal read takes the focus to its heading, so a keyboard user goes on from the results, not from the button.
 */
export function ProposalView({ proposal: p }: { proposal: Proposal }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (p) heading.current?.focus();
  }, [p]);
  return (
    <section aria-labelledby="proposal-heading">
      <h2 id="proposal-heading" tabIndex={-1} ref={heading}>
        What the report shows
      </h2>
      <p>
        Read as a {p.report.layout === 'zoom' ? 'Zoom' : 'Microsoft Teams'} report ({p.report.encoding}, {p.report.rows}{' '}
        connections), against the class of {classLine(p.date)} (Connecticut time), with a tolerance of{' '}
        {p.toleranceMinutes} minutes.
      </p>
      {p.alreadyRecorded ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              This class's attendance is already recorded: correct single records below, each with a reason.
            </p>
          </div>
        </div>
      ) : null}
      <table className="usa-table usa-table--stacked">
        <caption>Proposal per enrolled learner</caption>
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">In the report as</th>
            <th scope="col">Matched</th>
            <th scope="col">Minutes attended / missed</th>
            <th scope="col">Proposed</th>
          </tr>
        </thead>
        <tbody>
          {p.learners.map((l) => (
            <tr key={l.applicationId}>
              <th scope="row" data-label="Learner">
                {l.name}
              </th>
              <td data-label="In the report as">{[...l.reportNames, ...l.reportEmails].join(', ') || '—'}</td>
              <td data-label="Matched">{MATCH_WORDS[l.match]}</td>
              <td data-label="Minutes attended / missed">
                {l.minutesAttended} / {l.minutesMissed}
              </td>
              <td data-label="Proposed">{attendanceWords({ status: l.status, minutesMissed: l.minutesMissed })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.unmatched.length ? (
        <table className="usa-table usa-table--stacked">
          <caption>Participants matching no enrolled learner</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Minutes connected</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {p.unmatched.map((u) => (
              <tr key={`${u.name}-${u.email ?? ''}`}>
                <th scope="row" data-label="Name">
                  {u.name}
                  {u.role ? ` (${u.role})` : ''}
                </th>
                <td data-label="Email">{u.email ?? '—'}</td>
                <td data-label="Minutes connected">{u.minutesAttended}</td>
                <td data-label="Note">{u.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
