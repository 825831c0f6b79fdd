import { type FormEvent, useEffect, useState } from 'react';
import { Navigate } from 'react-router';
import { useSession } from '../auth/session';
import { staffRoleOf } from '../staff';
import { api, asProblem, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { useApi } from '../api/useApi';
import { ErrorSummary, Field, fieldErrors, SelectField } from '../components/forms';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';
import { REGIONS } from '../../../shared/domain/vocabulary';
import { whenCt } from '../time';

type ProfileInput = components['schemas']['ProfileInput'];
const SELF_HIRED = 'self-hired';

const empty: ProfileInput = {
  name: '',
  jobTitle: '',
  position: 'direct-service',
  providerId: null,
  supervisor: { name: '', email: '' },
};

type Saved = components['schemas']['Profile'];
const inputOf = (p: Saved | undefined): ProfileInput =>
  p
    ? {
        name: p.name,
        jobTitle: p.jobTitle,
        position: p.position,
        providerId: p.providerId,
        supervisor: p.supervisor ?? { name: '', email: '' },
      }
    : empty;

/**
 * Your profile: name, job, provider agency and supervisor (`GET/PUT /me/profile`). The form appears only once the
 * saved profile (or its absence) is known, filled from the start: nobody types into a form about to be overwritten.
 */
const NOT_LISTED = '';

const SUPERVISOR_WORDS: Record<Saved['supervisorStatus'], (name: string) => string> = {
  authorised: (name) => `${name} is authorised by ADS to endorse for your agency.`,
  pending: (name) =>
    `ADS has not yet confirmed ${name} as a supervisor for your agency: nothing is sent to them until it does.`,
  refused: (name) => `ADS did not authorise ${name}: name another supervisor.`,
  removed: (name) => `${name} is no longer authorised for your agency: name another supervisor.`,
};

/** Where signing in lands (the profile): a provider administrator who is not also an applicant goes to their agency. */
export function Profile() {
  const session = useSession();
  if (
    session.status === 'signed-in' &&
    staffRoleOf(session.groups) === 'provider-admin' &&
    !session.groups.includes('applicant')
  )
    return <Navigate to="/agency" replace />;
  return <ApplicantProfile />;
}

function ApplicantProfile() {
  const loaded = useApi(async () => {
    const [profile, ...regions] = await Promise.all([
      api.GET('/me/profile'),
      ...REGIONS.map((region) => api.GET('/providers', { params: { query: { region } } })),
    ]);
    const providers = new Map<string, string>();
    for (const r of regions) for (const p of r.data?.items ?? []) providers.set(p.id, p.name);
    if (profile.error && profile.response.status !== 404) return { error: profile.error };
    return { data: { profile: profile.data, providers: [...providers].sort((a, b) => a[1].localeCompare(b[1])) } };
  });
  return (
    <Page title="Your profile">
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {loaded.data ? <ProfileForm initial={loaded.data.profile} providers={loaded.data.providers} /> : null}
    </Page>
  );
}

function ProfileForm({ initial, providers }: { initial: Saved | undefined; providers: [string, string][] }) {
  const announce = useAnnounce();
  const [form, setForm] = useState<ProfileInput>(() => inputOf(initial));
  const [saved, setSaved] = useState<Saved | undefined>(initial);
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);

  const set = <K extends keyof ProfileInput>(key: K, value: ProfileInput[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const setSupervisor = (key: 'name' | 'email', value: string) =>
    setForm((f) => ({ ...f, supervisor: { ...f.supervisor, [key]: value } }));
  // The agency's authorised supervisors, to pick from (a self-hired person names theirs).
  const [authorised, setAuthorised] = useState<{ name: string; email: string }[]>([]);
  useEffect(() => {
    setAuthorised([]);
    if (!form.providerId) return;
    let current = true;
    api
      .GET('/providers/{providerId}/supervisors', { params: { path: { providerId: form.providerId } } })
      .then(({ data }) => current && setAuthorised(data?.items ?? []));
    return () => {
      current = false;
    };
  }, [form.providerId]);
  const picked = authorised.find((s) => s.email === form.supervisor.email)?.email ?? NOT_LISTED;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const { data, error } = await api.PUT('/me/profile', { body: form });
    if (error) return setProblem(asProblem(error));
    setSaved(data);
    announce('Your profile is saved.');
  };

  return (
    <>
      {saved ? (
        <p>
          Last saved {whenCt(saved.updatedAt)}.{' '}
          {saved.membership === 'claimed'
            ? 'Your provider agency is confirmed when your supervisor endorses an application.'
            : ''}{' '}
          {SUPERVISOR_WORDS[saved.supervisorStatus](saved.supervisor.name)}
        </p>
      ) : null}
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <Field
          name="name"
          label="Your name"
          hint="As it will appear on your certificates."
          autoComplete="name"
          value={form.name}
          error={errors.name}
          onChange={(e) => set('name', e.target.value)}
        />
        <Field
          name="jobTitle"
          label="Job title"
          autoComplete="organization-title"
          value={form.jobTitle}
          error={errors.jobTitle}
          onChange={(e) => set('jobTitle', e.target.value)}
        />
        <SelectField
          name="position"
          label="Position"
          value={form.position}
          error={errors.position}
          options={[
            { value: 'direct-service', label: 'Direct-service staff' },
            { value: 'management', label: 'Management or director' },
          ]}
          onChange={(v) => set('position', v as ProfileInput['position'])}
        />
        <SelectField
          name="providerId"
          label="Provider agency"
          value={form.providerId ?? SELF_HIRED}
          error={errors.providerId}
          options={[
            { value: SELF_HIRED, label: 'None: I am self-hired (Self-Determination program)' },
            ...providers.map(([value, label]) => ({ value, label })),
          ]}
          onChange={(v) => set('providerId', v === SELF_HIRED ? null : v)}
        />
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">Your supervisor</legend>
          {authorised.length > 0 ? (
            <p className="usa-hint">
              The supervisors ADS has authorised to vouch for your agency are listed. Pick “Someone not listed” to name
              another: ADS confirms them before anything is sent to them.
            </p>
          ) : null}
          {authorised.length > 0 ? (
            <SelectField
              name="supervisorPick"
              label="Pick your supervisor"
              value={picked}
              options={[
                ...authorised.map((s) => ({ value: s.email, label: `${s.name} (${s.email})` })),
                { value: NOT_LISTED, label: 'Someone not listed' },
              ]}
              onChange={(v) => {
                const chosen = authorised.find((s) => s.email === v);
                setForm((f) => ({ ...f, supervisor: chosen ?? { name: '', email: '' } }));
              }}
            />
          ) : null}
          <Field
            name="supervisor.name"
            label="Supervisor's name"
            value={form.supervisor.name}
            error={errors['supervisor.name']}
            onChange={(e) => setSupervisor('name', e.target.value)}
          />
          <Field
            name="supervisor.email"
            label="Supervisor's email"
            hint="Their work address: endorsement and co-signing links are emailed there once ADS has authorised it. Not your own address."
            type="email"
            value={form.supervisor.email}
            error={errors['supervisor.email']}
            onChange={(e) => setSupervisor('email', e.target.value)}
          />
        </fieldset>
        <button className="usa-button" type="submit">
          Save profile
        </button>
      </form>
    </>
  );
}
