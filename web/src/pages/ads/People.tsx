import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { AUDIT_SUBJECTS } from '../../../../shared/domain/audit';
import { api, asProblem, type Problem } from '../../api/client';
import { useApi } from '../../api/useApi';
import { AuditTrail } from '../../components/AuditTrail';
import { ErrorSummary, Field, fieldErrors, localProblem, SelectField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';

export const MEMBERSHIP_WORDS = {
  none: 'Self-hired',
  claimed: 'Claimed, not yet confirmed',
  confirmed: 'Confirmed',
} as const;

/** Find a person by the start of any of their names, or by their email (an `@` makes it an email search). */
export function People() {
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const [query, setQuery] = useState<{ name?: string; email?: string }>();
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const found = useApi(
    async () => (query ? api.GET('/ads/people', { params: { query: { ...query, limit: 50 } } }) : { data: undefined }),
    [query],
    (answer) => {
      if (!query) return;
      if (answer.error) setProblem(asProblem(answer.error));
      else announce(`${answer.data?.items.length ?? 0} people found.`);
    },
  );
  const search = (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const value = text.trim();
    setQuery(value.includes('@') ? { email: value } : { name: value });
  };
  return (
    <Page title="People">
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={search} noValidate>
        <Field
          name={query?.email !== undefined ? 'email' : 'name'}
          label="Name or email"
          hint="The start of any of their names (a surname finds them), or their sign-in email."
          error={errors.name ?? errors.email}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="usa-button">
          Find
        </button>
      </form>
      <Loading loading={found.loading && !!query} />
      {found.data ? (
        found.data.items.length === 0 ? (
          <p>Nobody found.</p>
        ) : (
          <table className="usa-table usa-table--stacked">
            <caption>People found, by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Provider</th>
                <th scope="col">Membership</th>
              </tr>
            </thead>
            <tbody>
              {found.data.items.map((p) => (
                <tr key={`${p.personId}-${p.name}`}>
                  <th scope="row" data-label="Name">
                    <Link to={`/ads/people/${encodeURIComponent(p.personId)}`} state={{ name: p.name, email: p.email }}>
                      {p.name}
                    </Link>
                  </th>
                  <td data-label="Email">{p.email}</td>
                  <td data-label="Provider">{p.providerName ?? 'None (self-hired)'}</td>
                  <td data-label="Membership">{MEMBERSHIP_WORDS[p.membership]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </Page>
  );
}

/** Any record's audit trail, by its kind and id (links from the other screens land here). */
export function AuditLookup() {
  const { subjectType = '', subjectId = '' } = useParams();
  const [form, setForm] = useState({ subjectType: subjectType || 'person', subjectId });
  const [shown, setShown] = useState(subjectId ? { subjectType, subjectId } : undefined);
  const types = AUDIT_SUBJECTS;
  return (
    <Page title="Audit trail">
      <form
        className="usa-form usa-form--large"
        onSubmit={(event) => {
          event.preventDefault();
          setShown({ ...form, subjectId: form.subjectId.trim() });
        }}
        noValidate
      >
        <SelectField
          name="subjectType"
          label="Kind of record"
          options={types.map((t) => ({ value: t, label: t }))}
          value={form.subjectType}
          onChange={(v) => setForm((f) => ({ ...f, subjectType: v }))}
        />
        <Field
          name="subjectId"
          label="The record's id"
          hint="For example a certificate number, an application id or a month (YYYY-MM) for a notice."
          value={form.subjectId}
          onChange={(e) => setForm((f) => ({ ...f, subjectId: e.target.value }))}
        />
        <button type="submit" className="usa-button">
          Show the audit trail
        </button>
      </form>
      {shown?.subjectId ? (
        <AuditTrail
          key={`${shown.subjectType}/${shown.subjectId}`}
          subjectType={shown.subjectType as (typeof types)[number]}
          subjectId={shown.subjectId}
          title={`Audit trail of ${shown.subjectType} ${shown.subjectId}`}
        />
      ) : null}
    </Page>
  );
}

/** Create an account for ADS staff or DDS; Cognito emails the temporary password. */
const ACCOUNT_WORDS = { dds: 'DDS', 'ads-staff': 'ADS staff', 'provider-admin': 'Provider administrator' } as const;

export function Accounts() {
  const announce = useAnnounce();
  const [form, setForm] = useState({ name: '', email: '', role: 'dds', providerId: '' });
  const [problem, setProblem] = useState<Problem>();
  const [created, setCreated] = useState<{ words: string; personId: string }>();
  const providers = useApi(() => api.GET('/ads/providers', { params: { query: { limit: 100 } } }), []);
  const errors = fieldErrors(problem);
  const forAgency = form.role === 'provider-admin';
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    if (forAgency && !form.providerId)
      return setProblem(localProblem([{ field: 'providerId', message: 'Choose the agency they act for.' }]));
    const { data, error } = await api.POST('/ads/accounts', {
      body: {
        name: form.name.trim(),
        email: form.email.trim(),
        role: form.role as keyof typeof ACCOUNT_WORDS,
        ...(forAgency ? { providerId: form.providerId } : {}),
      },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    const words = `${ACCOUNT_WORDS[data.role]} account created for ${data.name} (${data.email}); Cognito emails them a temporary password.`;
    setCreated({ words, personId: data.personId });
    announce(words);
    setForm({ name: '', email: '', role: form.role, providerId: form.providerId });
  };
  return (
    <Page title="Staff accounts">
      <p>
        Applicants make their own accounts. ADS staff, DDS readers and provider administrators (an agency's authorised
        contact, who sees that agency's staff and vouches for them) get theirs here.
      </p>
      <ErrorSummary problem={problem} />
      {created ? (
        <div className="usa-alert usa-alert--success">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {created.words} <Link to={`/ads/people/${encodeURIComponent(created.personId)}`}>Their account</Link> (to
              disable it when they leave).
            </p>
          </div>
        </div>
      ) : null}
      <form className="usa-form usa-form--large" onSubmit={create} noValidate>
        <Field
          name="name"
          label="Their name"
          hint="Histories and audit trails name them by it."
          autoComplete="off"
          error={errors.name}
          value={form.name}
          onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
        />
        <Field
          name="email"
          label="Their work email"
          type="email"
          autoComplete="off"
          error={errors.email}
          value={form.email}
          onChange={(e) => setForm((f) => ({ ...f, email: e.target.value }))}
        />
        <SelectField
          name="role"
          label="Account for"
          error={errors.role}
          options={[
            { value: 'dds', label: 'DDS (reads the registry, reports and notices)' },
            { value: 'ads-staff', label: 'ADS staff (runs the course)' },
            { value: 'provider-admin', label: "A provider administrator (one agency's staff)" },
          ]}
          value={form.role}
          onChange={(v) => setForm((f) => ({ ...f, role: v }))}
        />
        {forAgency ? (
          <SelectField
            name="providerId"
            label="The agency they act for"
            error={errors.providerId}
            options={[
              { value: '', label: '- Choose an agency -' },
              ...(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
            ]}
            value={form.providerId}
            onChange={(v) => setForm((f) => ({ ...f, providerId: v }))}
          />
        ) : null}
        <button type="submit" className="usa-button">
          Create the account
        </button>
      </form>
    </Page>
  );
}
