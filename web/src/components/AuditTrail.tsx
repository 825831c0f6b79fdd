import { useState } from 'react';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { useApi } from '../api/useApi';
import { whenCt } from '../time';
import { Loading } from './Loading';

type AuditEntry = components['schemas']['AuditEntry'];
export type AuditSubjectType = AuditEntry['subjectType'];

const ROLE_WORDS: Record<string, string> = {
  'ads-staff': 'ADS',
  dds: 'DDS',
  applicant: 'applicant',
  'provider-admin': 'provider administrator',
};

/**
 * Who acted, in words: a person by the name the API looked up, with their roles then ("Dana Reyes (ADS)"); a
 * scheduled job or a supervisor's emailed link as such; an account with no name on record as an account of its role.
 */
export function actorWords(actor: AuditEntry['actor']): string {
  if (actor.id.startsWith('system:')) return `Scheduled job (${actor.id.slice('system:'.length)})`;
  if (actor.id.startsWith('supervisor-link:'))
    return `Supervisor by emailed link (${actor.id.slice('supervisor-link:'.length)})`;
  const roles = actor.roles.map((r) => ROLE_WORDS[r] ?? r).join(', ');
  if (actor.name) return roles ? `${actor.name} (${roles})` : actor.name;
  return roles ? `An account with no name on record (${roles})` : 'An account with no name on record';
}

/** What was done, in words: the recorded action's code with its hyphens read as spaces ("legal name changed"). */
export const actionWords = (action: string) => action.replaceAll('-', ' ').replace(/:(?=\S)/g, ': ');

/** A staff member named by the API, or the account when it has no name on record. */
export const staffWords = (name: string | undefined) =>
  name ? `${name} (ADS)` : 'an ADS account with no name on record';

/** The fields a change touched: the keys whose stored values differ between before and after. */
function changedFields(entry: AuditEntry): string[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  if (typeof before !== 'object' || typeof after !== 'object') return [];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}

/**
 * The audit trail of one record, oldest first, as who / when / what / why. Any page may mount it for the record it
 * shows; the API refuses people other than ADS staff.
 */
export function AuditTrail({
  subjectType,
  subjectId,
  title = 'Audit trail',
}: {
  subjectType: AuditSubjectType;
  subjectId: string;
  title?: string;
}) {
  const [cursor, setCursor] = useState<string>();
  const [earlier, setEarlier] = useState<AuditEntry[]>([]);
  const { data, problem, loading } = useApi(
    () =>
      api.GET('/ads/audit/{subjectType}/{subjectId}', {
        params: { path: { subjectType, subjectId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
      }),
    [subjectType, subjectId, cursor],
  );
  const entries = [...earlier, ...(data?.items ?? [])];
  const headingId = `audit-${subjectType}-${subjectId}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return (
    <section aria-labelledby={headingId} className="margin-top-4">
      <h2 id={headingId}>{title}</h2>
      <Loading loading={loading && entries.length === 0} problem={problem} />
      {data && entries.length === 0 ? <p>Nothing recorded about this {subjectType} yet.</p> : null}
      {entries.length > 0 ? (
        <table className="usa-table usa-table--stacked audit-trail">
          <caption>Changes to this {subjectType}, oldest first (times in Connecticut time)</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const fields = changedFields(e);
              return (
                <tr key={`${e.at}-${e.action}-${e.actor.id}`}>
                  <td data-label="When">{whenCt(e.at)}</td>
                  <td data-label="Who">{actorWords(e.actor)}</td>
                  <td data-label="What">
                    {actionWords(e.action)}
                    {fields.length > 0 ? ` (changed: ${fields.join(', ')})` : ''}
                  </td>
                  <td data-label="Why">{e.reason ?? 'No reason recorded'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {data?.cursor ? (
        <button
          type="button"
          className="usa-button usa-button--outline"
          onClick={() => {
            setEarlier(entries);
            setCursor(data.cursor);
          }}
        >
          Show later changes
        </button>
      ) : null}
    </section>
  );
}
