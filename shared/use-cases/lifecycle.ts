import { config } from '../config/runtime';
import { now } from '../clock';
import { auditPut } from '../data/audit';
import { actorOf } from '../domain/audit';
import { isAdmitted } from '../data/admissions';
import { certificatesExpiringBetween, certificatesOfPerson } from '../data/certifications';
import { getPeople } from '../data/people';
import { lifecycleSettings, saveSettingsItem, type LifecycleSettings } from '../data/settings';
import { ctDate, toCtIso } from '../domain/calendar/time';
import { addDays, recertificationStanding, reminderPoint, remindedOfExpiry } from '../domain/certification';
import { CE_STAGE_NAMES } from '../domain/vocabulary';
import type { Outgoing } from '../email/outbox';
import { agencyExpiryWatch, expiryReminder } from '../email/templates';
import { adminsOf, alreadyWatched, watchedItem } from '../data/provider-admins';
import { getProviders } from '../data/providers';
import type { Certification } from '../domain/certification';
import type { Actor } from '../domain/actor';
import { StaleWrite } from '../domain/errors';
import { commit, commitOrStale } from './unit-of-work';

export const settingsView = ({ version, ...settings }: LifecycleSettings) => ({ ...settings, version });

export const getSettings = async () => settingsView(await lifecycleSettings());

/** ADS changes the lifecycle settings (renewal window, grace period, renewal dating, reminders, notice window). */
export async function putSettings(input: Omit<LifecycleSettings, 'version'> & { version: number }, actor: Actor) {
  const previous = await lifecycleSettings();
  if (input.version !== previous.version)
    throw new StaleWrite('The settings were changed after you read them; reload.', previous.version);
  const next: LifecycleSettings = {
    ...input,
    reminderDays: [...new Set(input.reminderDays)].sort((a, b) => b - a),
    version: previous.version + 1,
  };
  const stamp = toCtIso(now());
  await commitOrStale(
    {
      writes: [
        saveSettingsItem(next, previous.version),
        auditPut({
          subjectType: 'settings',
          subjectId: 'lifecycle',
          action: 'updated',
          actor: actorOf(actor),
          at: stamp,
          before: settingsView(previous),
          after: settingsView(next),
        }),
      ],
    },
    'The settings were changed at the same moment; reload.',
  );
  return settingsView(next);
}

/** Whether this person may apply to this recertification iteration, and why in words (`recertificationStanding`). */
export async function recertificationEligibility(sub: string, iterationId: string) {
  const [policy, certs, admitted] = await Promise.all([
    lifecycleSettings(),
    certificatesOfPerson(sub),
    isAdmitted(iterationId, sub),
  ]);
  return recertificationStanding(certs, ctDate(now()), policy, admitted);
}

/**
 * The `expiry-reminders` job (daily). For each reminder point (e.g. 180, 90, 30 days before expiry), holders of
 * certifications expiring within it are reminded — their supervisor in copy — once per point: the three stage
 * certifications of one expiry date make one email. A point missed (the job was down) is covered by the next one,
 * never sent late on top of it. Renewed (superseded), revoked and suspended certifications are not reminded.
 */
export async function sendExpiryReminders(at: Date) {
  const today = ctDate(at);
  const { reminderDays } = await lifecycleSettings();
  if (reminderDays.length === 0) return { reminded: 0 };
  const certs = (await certificatesExpiringBetween(today, addDays(today, Math.max(...reminderDays)))).filter(
    remindedOfExpiry,
  );
  const groups = new Map<string, typeof certs>();
  for (const c of certs)
    groups.set(`${c.holderSub}#${c.expiresOn}`, [...(groups.get(`${c.holderSub}#${c.expiresOn}`) ?? []), c]);
  const due = [...groups.values()].filter(
    (group) => reminderPoint(group[0]!.expiresOn, today, reminderDays) !== undefined,
  );
  const people = await getPeople(due.map((group) => group[0]!.holderSub));
  let reminded = 0;
  for (const group of due) {
    const { holderSub, expiresOn, holderName } = group[0]!;
    const point = reminderPoint(expiresOn, today, reminderDays)!;
    const person = people.get(holderSub);
    if (!person) continue;
    const emails: Outgoing[] = [
      {
        key: `expiry-reminder#${holderSub}#${expiresOn}#${point}`,
        message: expiryReminder(
          { name: holderName, email: person.email },
          person.supervisor?.email,
          group.map((c) => ({ number: c.number, stage: CE_STAGE_NAMES[c.stage] })),
          expiresOn,
          point,
          config.publicBaseUrl,
        ),
      },
    ];
    if ((await commit({ writes: [], emails })).ok) reminded++;
  }
  const watchlists = await sendWatchlists(
    due.filter((group) => {
      const person = people.get(group[0]!.holderSub);
      return person?.membership === 'confirmed' && person.providerId !== undefined;
    }),
    (holderSub) => people.get(holderSub)!.providerId!,
    (expiresOn) => reminderPoint(expiresOn, today, reminderDays)!,
    toCtIso(at),
    today,
  );
  return { reminded, watchlists };
}

/** Entries per watchlist email: its markers and the email fit one transaction (100 items). */
const WATCH_ENTRIES_PER_EMAIL = 90;

/**
 * The employers' watchlist (as Nursys e-Notify gives employers): each active provider administrator of an agency is
 * sent one email listing its confirmed staff's certifications that reached a reminder point, each entry once — a
 * marker per administrator, holder, expiry and point is written with the email, refused if there, so a second run
 * (or the next day, still within the same point) sends nothing again.
 */
async function sendWatchlists(
  due: Certification[][],
  providerOf: (holderSub: string) => string,
  pointOf: (expiresOn: string) => number,
  stamp: string,
  today: string,
) {
  const byProvider = new Map<string, Certification[][]>();
  for (const group of due) {
    const providerId = providerOf(group[0]!.holderSub);
    byProvider.set(providerId, [...(byProvider.get(providerId) ?? []), group]);
  }
  const providers = await getProviders([...byProvider.keys()]);
  let sent = 0;
  for (const [providerId, groups] of byProvider) {
    const provider = providers.get(providerId);
    if (!provider) continue;
    const entries = groups.map((group) => ({
      key: `${group[0]!.holderSub}#${group[0]!.expiresOn}#${pointOf(group[0]!.expiresOn)}`,
      rows: group.map((c) => ({
        holderName: c.holderName,
        stage: CE_STAGE_NAMES[c.stage],
        number: c.number,
        expiresOn: c.expiresOn,
        daysBefore: pointOf(c.expiresOn),
      })),
    }));
    for (const admin of (await adminsOf(providerId)).filter((a) => a.status === 'active')) {
      const told = await alreadyWatched(
        admin.sub,
        entries.map((e) => e.key),
      );
      const fresh = entries.filter((e) => !told.has(e.key));
      for (let i = 0; i < fresh.length; i += WATCH_ENTRIES_PER_EMAIL) {
        const part = fresh.slice(i, i + WATCH_ENTRIES_PER_EMAIL);
        const outcome = await commit({
          writes: part.map((e) => watchedItem(admin.sub, e.key, stamp)),
          emails: [
            {
              key: `agency-expiry-watch#${admin.sub}#${today}#${i / WATCH_ENTRIES_PER_EMAIL}`,
              message: agencyExpiryWatch(
                admin,
                provider.name,
                part.flatMap((e) => e.rows),
                `${config.publicBaseUrl}/agency`,
              ),
            },
          ],
        });
        if (outcome.ok) sent++;
      }
    }
  }
  return sent;
}
