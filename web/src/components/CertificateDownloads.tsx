import { useState } from 'react';
import { api, asProblem, type Problem } from '../api/client';
import { saveBlob } from '../pages/ads/staffData';
import { ErrorSummary } from './forms';
import { useAnnounce } from './status';

type Certificate = { number: string; stageName: string; source: 'course' | 'external' };

/**
 * A certificate's downloads, each button naming the stage: the PDF, and for the holder the signed credential (course
 * certificates only; an outside one is its awarding body's to issue). Fetched with the token and handed over as a
 * blob — a plain link would carry no Authorization header. `for: 'ads'` reads ADS's PDF route (no credential: it is
 * the holder's to keep).
 */
export function CertificateDownloads({
  certificate: c,
  for: who,
}: {
  certificate: Certificate;
  for: 'holder' | 'ads';
}) {
  const announce = useAnnounce();
  const [problem, setProblem] = useState<Problem>();
  const params = { path: { number: c.number } };
  const pdf = async () => {
    setProblem(undefined);
    const { data, error } =
      who === 'holder'
        ? await api.GET('/me/certifications/{number}/certificate.pdf', { params, parseAs: 'blob' })
        : await api.GET('/ads/certificates/{number}/certificate.pdf', { params, parseAs: 'blob' });
    if (error || !data) return setProblem(asProblem(error));
    saveBlob(data, `${c.number}.pdf`);
    announce(`The ${c.stageName} certificate PDF is downloaded.`);
  };
  const credential = async () => {
    setProblem(undefined);
    const { data, error } = await api.GET('/me/certifications/{number}/credential', { params });
    if (error) return setProblem(asProblem(error));
    saveBlob(new Blob([data.jwt], { type: 'application/vc+jwt' }), `${c.number}.jwt`);
    announce(`The ${c.stageName} signed credential is downloaded.`);
  };
  return (
    <div className="certificate-downloads">
      <ErrorSummary problem={problem} />
      <ul className="usa-button-group">
        <li className="usa-button-group__item">
          <button type="button" className="usa-button usa-button--outline" onClick={pdf}>
            Download the {c.stageName} certificate (PDF)
          </button>
        </li>
        {who === 'holder' && c.source === 'course' ? (
          <li className="usa-button-group__item">
            <button type="button" className="usa-button usa-button--outline" onClick={credential}>
              Download the {c.stageName} signed credential (JWT, for a digital wallet)
            </button>
          </li>
        ) : null}
      </ul>
      {who === 'holder' && c.source === 'external' ? (
        <p>A certification earned elsewhere has no digital credential from ADS: its awarding body issues that.</p>
      ) : null}
    </div>
  );
}
