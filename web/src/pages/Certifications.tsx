import { STATE_WORDS } from '../../../shared/domain/certification';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { useApi } from '../api/useApi';
import { CertificateDownloads } from '../components/CertificateDownloads';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { dayWords, whenCt } from '../time';

type Certificate = components['schemas']['Certificate'];

/**
 * My certifications: each with its state in words (the verification page's words), its downloads (the PDF, the
 * signed credential) and its verification link.
 */
export function Certifications() {
  const { data, problem, loading } = useApi(() => api.GET('/me/certifications'));
  return (
    <Page title="My certifications">
      <Loading loading={loading} problem={problem} />
      {data && data.items.length === 0 ? (
        <p>You hold no certification yet. Certifications are issued by ADS after a course you qualified in.</p>
      ) : null}
      {data && data.items.length > 0 ? (
        <p>
          Only an active certification lets you provide Customized Employment services of its stage. Anyone may check a
          certificate at its verification address.
        </p>
      ) : null}
      {data?.items.map((c) => (
        <CertificateCard key={c.number} certificate={c} />
      ))}
    </Page>
  );
}

function CertificateCard({ certificate: c }: { certificate: Certificate }) {
  const headingId = `cert-${c.number}`;
  return (
    <section aria-labelledby={headingId} className="margin-bottom-4 certificate">
      <h2 id={headingId}>{c.stageName}</h2>
      <p>
        <span className={`usa-tag ${c.active ? 'bg-green' : 'bg-base-dark'}`}>{STATE_WORDS[c.status]}</span>{' '}
        {c.active
          ? 'You may provide the services of this stage.'
          : 'Not active: you may not provide the services of this stage under it.'}
      </p>
      <dl className="certificate-details">
        <dt>Certificate number</dt>
        <dd>{c.number}</dd>
        <dt>Earned</dt>
        <dd>
          {c.source === 'course'
            ? 'In this course'
            : `Elsewhere: ${c.external?.course ?? ''} (${c.external?.body ?? ''})`}
        </dd>
        <dt>Issued on</dt>
        <dd>{dayWords(c.issuedOn)}</dd>
        <dt>Expires on</dt>
        <dd>{dayWords(c.expiresOn)} (the first day it is no longer active)</dd>
        <dt>Recertification opens</dt>
        <dd>{dayWords(c.renewalOpensOn)}</dd>
        <dt>Record last changed</dt>
        <dd>{whenCt(c.lastChangedAt)}</dd>
      </dl>
      <CertificateDownloads certificate={c} for="holder" />
      <p>
        <a className="usa-link" href={`/verify/${encodeURIComponent(c.number)}`}>
          Verification page of certificate {c.number}
        </a>
      </p>
    </section>
  );
}
