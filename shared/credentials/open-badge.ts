import { createHash } from 'node:crypto';
import { atCtTime, toCtIso } from '../domain/calendar/time';
import type { CeStage } from '../domain/vocabulary';
import { CE_STAGE_NAMES } from '../domain/vocabulary';
import { listPosition, STATUS_MESSAGES, STATUS_SIZE } from './status-list';

/** The issuing agencies, as every certificate, credential and page names them. */
export const ISSUER_NAME = 'Connecticut Department of Aging and Disability Services (ADS)';
export const WITH_AGENCY = 'with the Connecticut Department of Developmental Services (DDS)';

const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** Where a certificate's credential is, on the public web domain (the verification page links it). */
export const credentialPath = (number: string) => `/verify/${number}/credential`;

/** The addresses of the issuer's published documents, all on the public web domain. */
export const credentialAddresses = (publicBaseUrl: string) => {
  const base = publicBaseUrl.replace(/\/$/, '');
  return {
    base,
    issuer: `${base}/`,
    jwks: `${base}/.well-known/jwks.json`,
    statusList: (list: number) => `${base}/credentials/status/${list}`,
    credential: (number: string) => `${base}${credentialPath(number)}`,
    page: (number: string) => `${base}/verify/${number}`,
  };
};

const issuer = (base: string) => ({
  id: `${base}/`,
  type: ['Profile'],
  name: ISSUER_NAME,
  url: `${base}/`,
  description: `Runs Connecticut's Customized Employment certification course ${WITH_AGENCY}.`,
});

/**
 * The email as the credential carries it: `sha256$` and the hex SHA-256 of the address (lower case) followed by the
 * salt (Open Badges 3.0 IdentityObject), never the address itself. The salt is the certificate number: different
 * for every credential, so the same address hashes differently on each.
 */
export const hashedEmail = (email: string, salt: string) =>
  `sha256$${createHash('sha256')
    .update(email.trim().toLowerCase() + salt)
    .digest('hex')}`;

/**
 * What a stage's certificate says the holder achieved, in words: one home for the credential's achievement and the
 * verification page's summary, so the two never differ.
 */
export const stageAchievement = (stage: CeStage) => {
  const stageName = CE_STAGE_NAMES[stage];
  return {
    name: `Customized Employment: ${stageName}`,
    description: `Certified to provide the ${stageName} stage of Customized Employment services in Connecticut, for three years from the issue date.`,
    criteria:
      'Attended and took part in every live class of the course and completed every homework assignment by its deadline (Connecticut time).',
  };
};

export interface CredentialInput {
  number: string;
  stage: CeStage;
  /** The certificate's holder name (the PDF and the verification page show the same); ADS's legal name change reissues. */
  holderName: string;
  holderEmail: string;
  issuedOn: string;
  expiresOn: string;
  statusIndex: number;
}

/**
 * A certification as an Open Badges 3.0 `OpenBadgeCredential` (W3C VC Data Model 2.0), to be signed as a VC-JOSE
 * JWT. Valid from the start of the issue day to the start of the expiry day, Connecticut time; its status is the
 * certificate's entry in the status list.
 */
export function openBadgeCredential(input: CredentialInput, publicBaseUrl: string) {
  const at = credentialAddresses(publicBaseUrl);
  const stageName = CE_STAGE_NAMES[input.stage];
  const achievement = stageAchievement(input.stage);
  const { list, position } = listPosition(input.statusIndex);
  const listUrl = at.statusList(list);
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: at.credential(input.number),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Connecticut Customized Employment certification: ${stageName}`,
    description: `Certificate ${input.number}. Verify it at ${at.page(input.number)}.`,
    issuer: issuer(at.base),
    validFrom: toCtIso(atCtTime(input.issuedOn, 0)),
    validUntil: toCtIso(atCtTime(input.expiresOn, 0)),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: input.holderName },
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: hashedEmail(input.holderEmail, input.number),
          salt: input.number,
        },
      ],
      licenseNumber: input.number,
      achievement: {
        id: `${at.base}/achievements/${input.stage}`,
        type: ['Achievement'],
        achievementType: 'Certification',
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: achievement.criteria },
        creator: issuer(at.base),
      },
    },
    credentialStatus: {
      id: `${listUrl}#${position}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusListIndex: String(position),
      statusListCredential: listUrl,
      statusSize: STATUS_SIZE,
      statusMessage: STATUS_MESSAGES,
    },
  };
}

/** The status list itself as a credential (signed too, so a verifier knows the issuer published it). */
export function statusListCredential(list: number, encodedList: string, now: Date, publicBaseUrl: string) {
  const at = credentialAddresses(publicBaseUrl);
  return {
    '@context': [VC_CONTEXT],
    id: at.statusList(list),
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuer(at.base),
    validFrom: toCtIso(now),
    credentialSubject: {
      id: `${at.statusList(list)}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'message',
      encodedList,
      /** How long a verifier may keep it, in milliseconds: changes reach the list at once, so 5 seconds. */
      ttl: 5000,
    },
  };
}
