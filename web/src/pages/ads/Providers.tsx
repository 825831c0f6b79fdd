import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { REGIONS, type Region } from '../../../../shared/domain/vocabulary';
import { api, asProblem, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useApi';
import { AuditTrail } from '../../components/AuditTrail';
import { CheckboxField, ErrorSummary, Field, fieldErrors, localProblem, SelectField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';
import { whenCt } from '../../time';

type Provider = components['schemas']['Provider'];
type Contract = Provider['contractsWithAds'];

const CONTRACT_WORDS: Record<Contract, string> = {
  yes: 'Contracts',
  intends: 'Intends to contract',
  no: 'Does not contract',
};
const contractOptions = (Object.keys(CONTRACT_WORDS) as Contract[]).map((value) => ({
  value,
  label: CONTRACT_WORDS[value],
}));
const providerPath = (id: string) => `/ads/providers/${encodeURIComponent(id)}`;

/** The whole directory, page after page (the API pages by 100 at most). */
async function allProviders() {
  const items: Provider[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await api.GET('/ads/providers', {
      params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
    });
    if (error) return { error };
    items.push(...data.items);
    cursor = data.cursor;
  } while (cursor);
  return { data: items };
}

/** ADS's provider directory: every agency with its regions, contracts and contact; each opens its edit form. */
export function AdsProviders() {
  const loaded = useApi(allProviders);
  const items = loaded.data ?? [];
  return (
    <Page title="Provider agencies">
      <p>
        The agencies applicants choose from when they fill in their profile. Only the regions an agency covers are open
        to its staff when they apply.
      </p>
      <p>
        <Link className="usa-button" to="/ads/providers/new">
          Add a provider agency
        </Link>
      </p>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      {loaded.data && items.length === 0 ? (
        <p>No provider agency yet: until one is added, applicants can only choose self-hired.</p>
      ) : null}
      {items.length > 0 ? (
        <table className="usa-table usa-table--stacked">
          <caption>Provider agencies, by name</caption>
          <thead>
            <tr>
              <th scope="col">Agency</th>
              <th scope="col">Regions</th>
              <th scope="col">With ADS</th>
              <th scope="col">With DDS</th>
              <th scope="col">Course cost-free</th>
              <th scope="col">Contact</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <th scope="row" data-label="Agency">
                  <Link to={providerPath(p.id)}>{p.name}</Link>
                  {p.priority ? ' (priority for the next allocation)' : ''}
                </th>
                <td data-label="Regions">{p.regions.join(', ')}</td>
                <td data-label="With ADS">{CONTRACT_WORDS[p.contractsWithAds]}</td>
                <td data-label="With DDS">{CONTRACT_WORDS[p.contractsWithDds]}</td>
                <td data-label="Course cost-free">{p.costFree ? 'Yes' : 'No'}</td>
                <td data-label="Contact">
                  {p.contact.name}, {p.contact.email}
                  {p.contact.phone ? `, ${p.contact.phone}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}

interface Draft {
  name: string;
  regions: Region[];
  contractsWithAds: Contract;
  contractsWithDds: Contract;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  domains: string;
}
const EMPTY: Draft = {
  name: '',
  regions: [],
  contractsWithAds: 'yes',
  contractsWithDds: 'yes',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  domains: '',
};
const draftOf = (p: Provider): Draft => ({
  name: p.name,
  regions: p.regions,
  contractsWithAds: p.contractsWithAds,
  contractsWithDds: p.contractsWithDds,
  contactName: p.contact.name,
  contactEmail: p.contact.email,
  contactPhone: p.contact.phone ?? '',
  domains: (p.staffEmailDomains ?? []).join(', '),
});
const domainsOf = (d: Draft) =>
  d.domains
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
/** The request body; no domains sent when there are none and were none (so an edit changes only what it changes). */
const bodyOf = (d: Draft, existing?: Provider) => ({
  name: d.name.trim(),
  regions: REGIONS.filter((r) => d.regions.includes(r)),
  contractsWithAds: d.contractsWithAds,
  contractsWithDds: d.contractsWithDds,
  contact: {
    name: d.contactName.trim(),
    email: d.contactEmail.trim(),
    ...(d.contactPhone.trim() ? { phone: d.contactPhone.trim() } : {}),
  },
  ...(domainsOf(d).length || existing?.staffEmailDomains?.length ? { staffEmailDomains: domainsOf(d) } : {}),
});

/** Add (`/ads/providers/new`) or edit (`/ads/providers/:providerId`) an agency; the edit shows its audit trail. */
export function ProviderForm() {
  const { providerId } = useParams();
  const loaded = useApi(
    async () =>
      providerId ? api.GET('/ads/providers/{providerId}', { params: { path: { providerId } } }) : { data: undefined },
    [providerId],
  );
  // The answer to a save, shown in place: the form stays mounted, so the keyboard user's focus stays on it.
  const [saved, setSaved] = useState<Provider>();
  const existing = saved?.id === providerId ? saved : loaded.data;
  if (providerId && !existing)
    return (
      <Page title="Provider agency">
        <Loading loading={loaded.loading} problem={loaded.problem} />
      </Page>
    );
  return <ProviderEditor key={providerId ?? 'new'} existing={existing} onSaved={setSaved} />;
}

function ProviderEditor({ existing, onSaved }: { existing?: Provider; onSaved: (p: Provider) => void }) {
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [d, setD] = useState<Draft>(existing ? draftOf(existing) : EMPTY);
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  // The API names nested and listed fields by path (`contact.email`, `regions.0`, `staffEmailDomains.1`).
  const errorOf = (prefix: string) =>
    errors[prefix] ?? Object.entries(errors).find(([k]) => k.startsWith(`${prefix}.`))?.[1];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(d.name.trim() ? [] : [{ field: 'name', message: "Enter the agency's name." }]),
      ...(d.regions.length ? [] : [{ field: 'regions', message: 'Choose at least one region it covers.' }]),
      ...(d.contactName.trim() ? [] : [{ field: 'contact.name', message: "Enter the contact person's name." }]),
      ...(d.contactEmail.trim() ? [] : [{ field: 'contact.email', message: "Enter the contact person's email." }]),
    ];
    if (missing.length) return setProblem(localProblem(missing));
    const result = existing
      ? await api.PUT('/ads/providers/{providerId}', {
          params: { path: { providerId: existing.id } },
          body: { ...bodyOf(d, existing), version: existing.version },
        })
      : await api.POST('/ads/providers', { body: bodyOf(d) });
    if (result.error || !result.data) return setProblem(asProblem(result.error));
    setProblem(undefined);
    announce(existing ? `${result.data.name} is saved.` : `${result.data.name} is added to the directory.`);
    if (existing) onSaved(result.data);
    else navigate(providerPath(result.data.id));
  };

  return (
    <Page title={existing ? `Provider agency: ${existing.name}` : 'Add a provider agency'}>
      {existing ? (
        <p>
          Last saved {whenCt(existing.updatedAt)}. Changing its name or regions moves its staff's certifications in the
          registry with it.
        </p>
      ) : null}
      <ErrorSummary problem={problem} />
      <form className="usa-form usa-form--large" onSubmit={save} noValidate>
        <Field
          name="name"
          label="Agency name"
          error={errors.name}
          value={d.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <fieldset className="usa-fieldset" id="field-regions">
          <legend className="usa-legend">DDS regions it covers</legend>
          {errorOf('regions') ? <span className="usa-error-message">{errorOf('regions')}</span> : null}
          {REGIONS.map((r) => (
            <CheckboxField
              key={r}
              name={`region-${r}`}
              label={r}
              checked={d.regions.includes(r)}
              onChange={(on) => set({ regions: on ? [...d.regions, r] : d.regions.filter((x) => x !== r) })}
            />
          ))}
        </fieldset>
        <SelectField
          name="contractsWithAds"
          label="Contract with ADS"
          error={errors.contractsWithAds}
          options={contractOptions}
          value={d.contractsWithAds}
          onChange={(v) => set({ contractsWithAds: v as Contract })}
        />
        <SelectField
          name="contractsWithDds"
          label="Contract with DDS"
          error={errors.contractsWithDds}
          options={contractOptions}
          value={d.contractsWithDds}
          onChange={(v) => set({ contractsWithDds: v as Contract })}
        />
        <p className="usa-hint">
          The course is cost-free to agencies that contract, or intend to contract, with both ADS and DDS.
        </p>
        <Field
          name="contact.name"
          label="Contact person's name"
          error={errors['contact.name']}
          value={d.contactName}
          onChange={(e) => set({ contactName: e.target.value })}
        />
        <Field
          name="contact.email"
          label="Contact person's email"
          type="email"
          error={errors['contact.email']}
          value={d.contactEmail}
          onChange={(e) => set({ contactEmail: e.target.value })}
        />
        <Field
          name="contact.phone"
          label="Contact person's phone (optional)"
          type="tel"
          error={errors['contact.phone']}
          value={d.contactPhone}
          onChange={(e) => set({ contactPhone: e.target.value })}
        />
        <Field
          name="staffEmailDomains"
          label="Staff email domains (optional)"
          hint="Separated by commas, e.g. harbor.org. A supervisor on one of them is pointed out when ADS decides."
          error={errorOf('staffEmailDomains')}
          value={d.domains}
          onChange={(e) => set({ domains: e.target.value })}
        />
        <button type="submit" className="usa-button">
          {existing ? 'Save the agency' : 'Add the agency'}
        </button>
      </form>
      {existing ? (
        <>
          {/* Keyed by the version: a save mounts it afresh, so the new entry shows at once. */}
          <AuditTrail
            key={existing.version}
            subjectType="provider"
            subjectId={existing.id}
            title="Audit trail of this agency"
          />
          <p className="margin-top-4">
            <Link className="usa-link" to="/ads/providers">
              All provider agencies
            </Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
