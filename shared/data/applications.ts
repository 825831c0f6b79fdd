import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { type Application, type ApplicationStatus, recertificationUnderWay } from '../domain/application';
import { sortableUtc } from '../domain/calendar/time';
import type { Region } from '../domain/vocabulary';
import { dynamo, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { getMany, queryAll } from './query';
import type { TransactItem } from './transactions';

/**
 * Application aggregate at `APPLICATION#<id>`. Listed by iteration, status and region in gsi1 (sort key
 * `<status>#<region>#<rank>#<id>`, the rank being the waitlist position while waitlisted, else the submission
 * instant), by person in gsi2, and by offer deadline in gsi3 while an offer is open (in UTC, so keys sort by instant
 * whatever the deadline's offset). One application per person per iteration is guarded by
 * `PERSON#<sub>`/`APPLIED#<iteration>`. While it is an application to a recertification iteration still in play, it
 * is also listed in gsi4 `RECERT_UNDER_WAY` (sparse): one Query gives every holder whose recertification is under way.
 */
export const applicationKey = (id: string) => ({ pk: `APPLICATION#${id}`, sk: '#APPLICATION' });
const guardKey = (sub: string, iterationId: string) => ({ pk: `PERSON#${sub}`, sk: `APPLIED#${iterationId}` });
export const applicationsPartition = (iterationId: string) => `ITERATION#${iterationId}#APPLICATIONS`;
export const OFFERS_DUE = 'DUE#OFFER';
export const RECERT_UNDER_WAY = 'RECERT_UNDER_WAY';

const rankOf = (a: Pick<Application, 'status' | 'waitlistPosition' | 'submittedAt'>) =>
  a.status === 'waitlisted' && a.waitlistPosition !== undefined
    ? String(a.waitlistPosition).padStart(6, '0')
    : new Date(a.submittedAt).toISOString();

/** The index attributes that follow from an application's state: the one place they are derived. */
export function indexAttributes(a: Application) {
  return {
    gsi1pk: applicationsPartition(a.iterationId),
    gsi1sk: `${a.status}#${a.region}#${rankOf(a)}#${a.id}`,
    gsi2pk: `PERSON#${a.applicantSub}`,
    gsi2sk: `APPLICATION#${new Date(a.submittedAt).toISOString()}#${a.id}`,
    ...(a.status === 'offered' || a.status === 'accepted'
      ? { gsi3pk: OFFERS_DUE, gsi3sk: `${a.offer ? sortableUtc(a.offer.deadline) : ''}#${a.id}` }
      : {}),
    ...(recertificationUnderWay([a]) ? { gsi4pk: RECERT_UNDER_WAY, gsi4sk: `${a.applicantSub}#${a.id}` } : {}),
  };
}

export function fromItem(item: Record<string, unknown>): Application {
  const {
    pk: _pk,
    sk: _sk,
    type: _t,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    gsi3pk: _e,
    gsi3sk: _f,
    gsi4pk: _g,
    gsi4sk: _h,
    ...application
  } = item;
  return application as unknown as Application;
}

/** A new application and its guard; the guard refuses a second application by the same person. */
export function createApplicationItems(a: Application): TransactItem[] {
  return [
    {
      Put: {
        TableName: TABLE_NAME,
        Item: { ...guardKey(a.applicantSub, a.iterationId), type: 'application-guard', applicationId: a.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: TABLE_NAME,
        Item: { ...applicationKey(a.id), type: 'application', ...a, ...indexAttributes(a) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/**
 * Replaces an application with its next state, only if it is still in the state it was read in (version): the
 * one way an application changes, so its index keys always follow its status.
 */
export function saveApplicationItem(
  next: Application,
  expected: Pick<Application, 'version' | 'status'>,
  linkSendLimit?: { windowFloor: string; limit: number },
): TransactItem {
  // Sending one more endorsement link: the stored counter must be under the limit, or its window over.
  const limit: { condition: string; names: Record<string, string>; values: Record<string, unknown> } = linkSendLimit
    ? {
        condition:
          ' AND (attribute_not_exists(linkSends) OR linkSends.windowStartedAt <= :floor OR linkSends.#count < :limit)',
        names: { '#count': 'count' },
        values: { ':floor': linkSendLimit.windowFloor, ':limit': linkSendLimit.limit },
      }
    : { condition: '', names: {}, values: {} };
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: { ...applicationKey(next.id), type: 'application', ...next, ...indexAttributes(next) },
      ConditionExpression: `#version = :v AND #status = :s${limit.condition}`,
      ExpressionAttributeNames: { '#version': 'version', '#status': 'status', ...limit.names },
      ExpressionAttributeValues: { ':v': expected.version, ':s': expected.status, ...limit.values },
    },
  };
}

export async function getApplication(id: string): Promise<Application | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: applicationKey(id), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

/** Several applications by id, read consistently (one BatchGetItem per 100); unknown ids are left out. */
export const getApplications = (ids: readonly string[]): Promise<Map<string, Application>> =>
  getMany(ids, applicationKey, fromItem, (a) => a.id, true);

export async function applicationIdOf(sub: string, iterationId: string): Promise<string | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: guardKey(sub, iterationId), ConsistentRead: true }),
  );
  return result.Item?.applicationId as string | undefined;
}

export async function applicationsOfPerson(sub: string): Promise<Application[]> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p AND begins_with(gsi2sk, :a)',
      ExpressionAttributeValues: { ':p': `PERSON#${sub}`, ':a': 'APPLICATION#' },
      ScanIndexForward: false,
    }),
  );
  return (result.Items ?? []).map(fromItem);
}

/** The holders whose recertification is under way (gsi4 `RECERT_UNDER_WAY`, sparse): one paged Query, whoever they are. */
export async function holdersWithRecertificationUnderWay(): Promise<Set<string>> {
  const subs = await queryAll(
    {
      TableName: TABLE_NAME,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :p',
      ExpressionAttributeValues: { ':p': RECERT_UNDER_WAY },
      ProjectionExpression: 'applicantSub',
    },
    (item) => item.applicantSub as string,
  );
  return new Set(subs);
}

/** A page of an iteration's applications, by status and region (index prefix), provider as a filter. */
/** The listing's Query (gsi1, rank order): a status (and region) narrows the key; other filters filter. */
function listingQuery(
  iterationId: string,
  filter: { status?: ApplicationStatus; region?: Region; providerId?: string },
): QueryCommandInput {
  const partition = applicationsPartition(iterationId);
  const prefix = filter.status ? `${filter.status}#${filter.region ? `${filter.region}#` : ''}` : '';
  const regionFilter = !filter.status && filter.region;
  const filters = [filter.providerId && 'providerId = :provider', regionFilter && '#region = :region'].filter(Boolean);
  return {
    TableName: TABLE_NAME,
    IndexName: 'gsi1',
    KeyConditionExpression: prefix ? 'gsi1pk = :p AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :p',
    FilterExpression: filters.length > 0 ? filters.join(' AND ') : undefined,
    ExpressionAttributeNames: regionFilter ? { '#region': 'region' } : undefined,
    ExpressionAttributeValues: {
      ':p': partition,
      ...(prefix ? { ':prefix': prefix } : {}),
      ...(filter.providerId ? { ':provider': filter.providerId } : {}),
      ...(regionFilter ? { ':region': filter.region } : {}),
    },
  };
}

export async function listApplications(
  iterationId: string,
  filter: { status?: ApplicationStatus; region?: Region; providerId?: string },
  cursor: string | undefined,
  limit: number,
) {
  const partition = applicationsPartition(iterationId);
  const result = await dynamo.send(
    new QueryCommand({
      ...listingQuery(iterationId, filter),
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, {
        attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: ['gsi1pk', partition],
      }),
    }),
  );
  return { applications: (result.Items ?? []).map(fromItem), cursor: encodeCursor(result.LastEvaluatedKey) };
}

/**
 * Every application of the listing, for the export: one Query stream whose pages are as large as DynamoDB makes
 * them (1 MB, about 700 applications), not the listing's page size.
 */
export const allApplicationsListed = (
  iterationId: string,
  filter: { status?: ApplicationStatus; region?: Region; providerId?: string },
): Promise<Application[]> => queryAll(listingQuery(iterationId, filter), fromItem);

/** Applications of an iteration in one status (optionally one region), in rank order: all, or the first `limit`. */
export async function applicationsInStatus(
  iterationId: string,
  status: ApplicationStatus,
  region?: Region,
  limit?: number,
): Promise<Application[]> {
  const input = {
    TableName: TABLE_NAME,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: {
      ':p': applicationsPartition(iterationId),
      ':prefix': `${status}#${region ? `${region}#` : ''}`,
    },
  };
  if (limit === undefined) return queryAll(input, fromItem);
  return ((await dynamo.send(new QueryCommand({ ...input, Limit: limit }))).Items ?? []).map(fromItem);
}

/** Applications whose offer deadline is at or before `instant` (gsi3, only while an offer is open), soonest first. */
export const offersDueBy = (instant: Date): Promise<Application[]> =>
  queryAll(
    {
      TableName: TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :p AND gsi3sk <= :due',
      ExpressionAttributeValues: { ':p': OFFERS_DUE, ':due': `${instant.toISOString()}~` },
    },
    fromItem,
  );
