import { now } from '../clock';
import { getLink, type Link, type LinkPurpose } from '../data/links';
import { Gone, NotFound, StateConflict } from '../domain/errors';
import { confirmEndorsement, declineEndorsement, describeEndorsement } from './endorsement';
import { confirmAgreement, describeAgreement } from './seats/cosign';

/** What a supervisor's link asks them to confirm; `open` until it is done. */
export type LinkView = Awaited<ReturnType<typeof describeEndorsement>> | Awaited<ReturnType<typeof describeAgreement>>;
export type LinkConfirmation =
  | Awaited<ReturnType<typeof confirmEndorsement>>
  | Awaited<ReturnType<typeof confirmAgreement>>
  | Awaited<ReturnType<typeof declineEndorsement>>;

/**
 * Supervisor links: opening one (GET) only shows what would be confirmed, so mail scanners that follow links do
 * no harm; only the explicit confirm (POST) acts. Each purpose says how to describe and confirm itself.
 */
interface Purpose {
  describe(link: Link, token: string): Promise<LinkView>;
  confirm(link: Link, token: string): Promise<LinkConfirmation>;
  /** Saying no, where a purpose allows it (a supervisor may decline to endorse). */
  decline?(link: Link, token: string, reason: string | undefined): Promise<LinkConfirmation>;
}
const PURPOSES: Record<LinkPurpose, Purpose> = {
  endorsement: { describe: describeEndorsement, confirm: confirmEndorsement, decline: declineEndorsement },
  agreement: { describe: (link) => describeAgreement(link), confirm: confirmAgreement },
};

async function usable(token: string): Promise<{ link: Link; purpose: Purpose }> {
  const link = await getLink(token);
  const purpose = link && PURPOSES[link.purpose];
  if (!link || !purpose) throw new NotFound('This link');
  if (link.usedAt) throw new Gone('This link has already been used. Each link works once.');
  if (link.revokedAt) throw new Gone('This link was replaced by a newer one and no longer works.');
  if (Date.parse(link.expiresAt) <= now().getTime()) throw new Gone('This link has expired.');
  return { link, purpose };
}

export async function viewLink(token: string): Promise<LinkView> {
  const { link, purpose } = await usable(token);
  return purpose.describe(link, token);
}

export async function confirmLink(token: string): Promise<LinkConfirmation> {
  const { link, purpose } = await usable(token);
  return purpose.confirm(link, token);
}

/** The supervisor says no (a POST from the link's page), with an optional reason; works once, like confirming. */
export async function declineLink(token: string, reason: string | undefined): Promise<LinkConfirmation> {
  const { link, purpose } = await usable(token);
  if (!purpose.decline) throw new StateConflict('This link can only be confirmed.');
  const said = reason?.trim();
  return purpose.decline(link, token, said ? said : undefined);
}
