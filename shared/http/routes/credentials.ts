import * as z from 'zod/mini';
import { route } from '../route';
import { described, meta } from '../schemas';
import { certificateNumber, typedCertificateNumber } from './certifications';

const tag = 'Certificates and credentials';
const number = described(certificateNumber, 'The certificate number, `CT-CE-XXXX-XXXX-XXXX-XXXX`.');
const pdf = {
  status: 200,
  description: 'The certificate as a tagged PDF (PDF/UA), its state as of now',
  contentType: 'application/pdf',
} as const;

/** A signed credential and what it says, for a wallet or a verifier. */
const SignedCredential = meta(
  z.object({
    number: described(z.string(), 'The certificate number, `CT-CE-XXXX-XXXX-XXXX-XXXX`.'),
    format: described(z.literal('vc+jwt'), 'How the credential is secured: a VC-JOSE JWT (ES256).'),
    jwt: described(
      z.string(),
      'The signed Open Badges 3.0 `OpenBadgeCredential`: a compact JWS whose payload is the credential itself. Verify it with the issuer keys at `/.well-known/jwks.json` (the header `kid`).',
    ),
    credential: described(
      z.record(z.string(), z.unknown()),
      'The credential the JWT carries (its payload), for reading; only the JWT proves it.',
    ),
  }),
  { id: 'SignedCredential' },
);

export const certificatePdfRoutes = {
  myCertificatePdf: route({
    operationId: 'myCertificatePdf',
    method: 'GET',
    path: '/me/certifications/{number}/certificate.pdf',
    area: 'certificate-pdf',
    access: ['applicant'],
    tag,
    summary: 'Your certificate as an accessible PDF, with its verification address and QR code',
    description:
      'One document per certificate (stage). It shows the certificate as it stands now: one suspended, revoked, expired or superseded says so under the heading.',
    params: z.strictObject({ number }),
    success: pdf,
    problems: [404],
  }),
  certificatePdf: route({
    operationId: 'certificatePdf',
    method: 'GET',
    path: '/ads/certificates/{number}/certificate.pdf',
    area: 'certificate-pdf',
    access: ['ads-staff'],
    tag,
    summary: "Anyone's certificate as an accessible PDF (ADS)",
    params: z.strictObject({ number }),
    success: pdf,
    problems: [404],
  }),
} as const;

export const credentialRoutes = {
  myCredential: route({
    operationId: 'myCredential',
    method: 'GET',
    path: '/me/certifications/{number}/credential',
    area: 'credentials',
    access: ['applicant'],
    tag,
    summary: 'Your Open Badges 3.0 credential for a certificate, signed now, to put in a wallet',
    description:
      'Carries your name as your profile has it now (a legal name change is carried by the next download) and a salted hash of your email, never the email itself. Course certifications only (422 `no_credential` otherwise).',
    params: z.strictObject({ number }),
    success: { status: 200, description: 'The signed credential', schema: SignedCredential },
    problems: [404, 422],
  }),
  publicCredential: route({
    operationId: 'publicCredential',
    method: 'GET',
    path: '/verify/{number}/credential',
    area: 'credentials',
    access: 'public',
    tag,
    summary: "A certificate's Open Badges 3.0 credential, as its verification page offers it",
    description:
      'The same credential the holder downloads; it says no more than the verification page (the name, the stage, the dates) plus a salted hash of the email. The number as printed.',
    params: z.strictObject({ number: typedCertificateNumber }),
    success: { status: 200, description: 'The signed credential', schema: SignedCredential },
    problems: [404, 422],
  }),
  issuerKeys: route({
    operationId: 'issuerKeys',
    method: 'GET',
    path: '/.well-known/jwks.json',
    area: 'credentials',
    access: 'public',
    tag,
    summary: "The issuer's public keys (JWKS) that credentials and the status list are signed with",
    success: {
      status: 200,
      description: 'A JSON Web Key Set',
      schema: meta(
        z.object({
          keys: described(
            z.array(
              z.object({
                kty: described(z.literal('EC'), 'Key type.'),
                crv: described(z.literal('P-256'), 'Curve.'),
                x: described(z.string(), 'The x coordinate, base64url.'),
                y: described(z.string(), 'The y coordinate, base64url.'),
                kid: described(z.string(), 'Key id: this address, `#`, and the key’s RFC 7638 thumbprint.'),
                alg: described(z.literal('ES256'), 'The algorithm it signs with.'),
                use: described(z.literal('sig'), 'What it is for.'),
              }),
            ),
            'The keys in use.',
          ),
        }),
        { id: 'IssuerKeys' },
      ),
    },
  }),
  credentialStatusList: route({
    operationId: 'credentialStatusList',
    method: 'GET',
    path: '/credentials/status/{list}',
    area: 'credentials',
    access: 'public',
    tag,
    summary: 'A W3C Bitstring Status List credential (131,072 entries of 2 bits: valid, suspended, revoked)',
    description:
      'Signed like the credentials (`application/vc+jwt`). A suspension, reinstatement or revocation is in it as soon as ADS records it (same transaction); verifiers may keep it 5 seconds (`ttl`).',
    params: z.strictObject({
      list: described(z.string().check(z.regex(/^(0|[1-9]\d{0,5})$/, 'a list number')), 'The list number, from 0.'),
    }),
    success: {
      status: 200,
      description: 'The status list credential as a VC-JOSE JWT',
      contentType: 'application/vc+jwt',
    },
  }),
} as const;
