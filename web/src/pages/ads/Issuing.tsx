import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { missingReasonWords } from '../../../../shared/domain/qualification';
import { api, asProblem, type Problem } from '../../api/client';
import type { components, operations } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { CheckboxField, ErrorSummary, Field, fieldErrors, localProblem } from '../../components/forms';
import { Confirm } from '../../components/Confirm';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { classLine } from '../../time';
import { learners } from './words';

type Missing = components['schemas']['Qualification']['missing'][number];
type Issued = operations['issueCertifications']['responses'][200]['content']['application/json'];

/** One missing class or assignment, in words (the words' one home is the domain's qualification rules). */
const missingLine = (m: Missing) =>
  m.kind === 'class'
    ? `Live class of ${m.date ? classLine(m.date) : 'an unknown date'}: ${missingReasonWords(m)}`
    : `Assignment "${m.title ?? m.assignmentId}": ${missingReasonWords(m)}`;

/** What issuing did: who was certified (with their numbers), who was skipped and why, who had been before. */
function IssuedResult({ result }: { result: Issued }) {
  return (
    <section aria-labelledby="issued-heading" className="margin-top-4">
      <h2 id="issued-heading">Issued</h2>
      {result.issued.length === 0 ? <p>No one was certified now.</p> : null}
      <ul className="usa-list">
        {result.issued.map((i) => (
          <li key={i.applicationId}>
            <Link className="usa-link" to={`/ads/people/${encodeURIComponent(i.personId)}/certifications`}>
              {i.name}
            </Link>
            {i.byException ? ' (by exception)' : ''}: {i.certificates.map((c) => c.number).join(', ')}
          </li>
        ))}
      </ul>
      {result.skipped.length ? (
        <>
          <h3>Not certified</h3>
          <ul className="usa-list">
            {result.skipped.map((s) => (
              <li key={s.applicationId}>
                {s.name}: {s.missing.join('; ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.alreadyIssued.length ? (
        <p>{learners(result.alreadyIssued.length)} certified before: nothing issued twice.</p>
      ) : null}
    </section>
  );
}

/** The board: who qualifies and exactly what is missing; issue, with exceptions each carrying a reason. */
export function Issuing() {
  const { iterationId = '' } = useParams();
  const announce = useAnnounce();
  const loaded = useApi(async () => {
    const [iteration, board] = await Promise.all([
      api.GET('/ads/iterations/{iterationId}', { params: { path: { iterationId } } }),
      api.GET('/ads/iterations/{iterationId}/qualification', { params: { path: { iterationId } } }),
    ]);
    if (iteration.error || board.error) return { error: iteration.error ?? board.error };
    return { data: { title: iteration.data.title, items: board.data.items } };
  }, [iterationId]);
  const [exceptions, setExceptions] = useState<Record<string, { on: boolean; reason: string }>>({});
  const [problem, setProblem] = useState<Problem>();
  const [result, setResult] = useState<Issued>();
  const errors = fieldErrors(problem);
  const items = loaded.data?.items ?? [];
  const chosen = items.map((l, index) => ({ l, index, e: exceptions[l.applicationId] })).filter((x) => x.e?.on);

  const [confirming, setConfirming] = useState(false);
  /** The page's checks, then the confirmation naming who will be certified (issuing cannot be undone). */
  const ask = (event: FormEvent) => {
    event.preventDefault();
    const missing = chosen
      .filter((x) => !x.e?.reason.trim())
      .map((x) => ({
        field: `exceptions.${x.l.applicationId}.reason`,
        message: `Give the reason for certifying ${x.l.name} by exception.`,
      }));
    if (missing.length) return setProblem(localProblem(missing));
    setProblem(undefined);
    setConfirming(true);
  };
  const qualifying = items.filter((l) => l.qualifies).length;
  // Sent only from the confirmation, after `ask` checked every exception's reason.
  const issue = async () => {
    setConfirming(false);
    const { data, error } = await api.POST('/ads/iterations/{iterationId}/certifications', {
      params: { path: { iterationId } },
      body: { exceptions: chosen.map((x) => ({ applicationId: x.l.applicationId, reason: x.e!.reason.trim() })) },
    });
    if (error) {
      // The API names an exception by its position in the list sent; the page names it by learner.
      const p = asProblem(error);
      const byLearner = (field: string) =>
        field.replace(/^body\.exceptions\.(\d+)\./, (_, n) => `exceptions.${chosen[Number(n)]?.l.applicationId}.`);
      return setProblem({ ...p, errors: p.errors?.map((e) => ({ ...e, field: byLearner(e.field) })) });
    }
    setResult(data);
    announce(`${learners(data.issued.length)} certified, ${data.skipped.length} not certified.`);
  };

  return (
    <Page title={loaded.data ? `Qualification and issuing: ${loaded.data.title}` : 'Qualification and issuing'}>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {loaded.data ? (
        <>
          <p>
            {items.filter((l) => l.qualifies).length} of {items.length} enrolled learners qualify. Times are Connecticut
            time.
          </p>
          <form className="usa-form usa-form--large maxw-full" onSubmit={ask} noValidate>
            <ErrorSummary problem={problem} />
            {items.map((l) => (
              <section key={l.applicationId} aria-labelledby={`q-${l.applicationId}`} className="qualification-row">
                <h2 id={`q-${l.applicationId}`}>
                  {l.name}: {l.qualifies ? 'qualifies' : l.canStillQualify ? 'does not qualify yet' : 'cannot qualify'}
                </h2>
                {l.missing.length ? (
                  <ul className="usa-list">
                    {l.missing.map((m) => (
                      <li key={`${m.kind}-${m.date ?? m.assignmentId}`}>{missingLine(m)}</li>
                    ))}
                  </ul>
                ) : null}
                {!l.qualifies ? (
                  <>
                    <CheckboxField
                      name={`exceptions.${l.applicationId}.on`}
                      label={`Certify ${l.name} by exception`}
                      checked={exceptions[l.applicationId]?.on ?? false}
                      onChange={(on) =>
                        setExceptions((all) => ({
                          ...all,
                          [l.applicationId]: { reason: '', ...all[l.applicationId], on },
                        }))
                      }
                    />
                    {exceptions[l.applicationId]?.on ? (
                      <Field
                        name={`exceptions.${l.applicationId}.reason`}
                        label={`Reason for certifying ${l.name} by exception (required)`}
                        value={exceptions[l.applicationId]?.reason ?? ''}
                        error={errors[`exceptions.${l.applicationId}.reason`]}
                        onChange={(e) =>
                          setExceptions((all) => ({
                            ...all,
                            [l.applicationId]: { on: true, reason: e.target.value },
                          }))
                        }
                      />
                    ) : null}
                  </>
                ) : null}
              </section>
            ))}
            {confirming ? (
              <Confirm
                what={`${learners(qualifying)} who ${qualifying === 1 ? 'qualifies' : 'qualify'}${chosen.length ? ` and ${learners(chosen.length)} by exception` : ''} will each be issued one certification per CE stage, numbered and dated today (anyone certified before is skipped). A certification once issued can only be suspended or revoked, never taken back.`}
                yes="Yes, issue the certifications"
                onYes={issue}
                onNo={() => setConfirming(false)}
              />
            ) : (
              <button className="usa-button margin-top-3" type="submit">
                Issue certifications…
              </button>
            )}
            <p className="usa-hint">
              Learners who qualify, and those certified by exception, get one certification per CE stage. Nobody is
              certified twice.
            </p>
          </form>
          {result ? <IssuedResult result={result} /> : null}
        </>
      ) : null}
      <p className="margin-top-4">
        <Link className="usa-link" to={`/ads/iterations/${iterationId}/course-work`}>
          Back to the course work
        </Link>
      </p>
    </Page>
  );
}
