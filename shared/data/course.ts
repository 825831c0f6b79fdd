import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AttendanceRecord, HomeworkRecord, QualificationNotices } from '../domain/qualification';
import { dynamo, TABLE_NAME } from './client';
import { getMany, queryAll, versionCondition } from './query';
import type { TransactItem } from './transactions';

/**
 * Attendance at `ATTENDANCE#<iteration>`/`CLASS#<date>#LEARNER#<sub>` and homework at
 * `HOMEWORK#<iteration>`/`ASSIGNMENT#<id>#LEARNER#<sub>`, both also listed under the learner in gsi2.
 */
export interface StoredAttendance extends AttendanceRecord {
  iterationId: string;
  learnerSub: string;
  applicationId: string;
  recordedBy: string;
  recordedAt: string;
  version: number;
}

export interface StoredHomework extends HomeworkRecord {
  iterationId: string;
  learnerSub: string;
  applicationId: string;
  version: number;
}

const attendanceKey = (iterationId: string, date: string, sub: string) => ({
  pk: `ATTENDANCE#${iterationId}`,
  sk: `CLASS#${date}#LEARNER#${sub}`,
});
const homeworkKey = (iterationId: string, assignmentId: string, sub: string) => ({
  pk: `HOMEWORK#${iterationId}`,
  sk: `ASSIGNMENT#${assignmentId}#LEARNER#${sub}`,
});

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _p, sk: _s, type: _t, gsi2pk: _a, gsi2sk: _b, ...rest } = item;
  return rest as T;
};
export const attendanceFromItem = (item: Record<string, unknown>) => strip<StoredAttendance>(item);
export const homeworkFromItem = (item: Record<string, unknown>) => strip<StoredHomework>(item);

/** A new attendance record, or a correction of the one read (`expectedVersion`). */
export function putAttendanceItem(a: StoredAttendance, expectedVersion: number | undefined): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...attendanceKey(a.iterationId, a.classDate, a.learnerSub),
        type: 'attendance',
        gsi2pk: `PERSON#${a.learnerSub}`,
        gsi2sk: `ATTENDANCE#${a.iterationId}#${a.classDate}`,
        ...a,
      },
      ...versionCondition(expectedVersion),
    },
  };
}

export const attendanceOfIteration = (iterationId: string, classDate?: string): Promise<StoredAttendance[]> =>
  queryAll(
    {
      TableName: TABLE_NAME,
      KeyConditionExpression: classDate ? 'pk = :pk AND begins_with(sk, :c)' : 'pk = :pk',
      ExpressionAttributeValues: {
        ':pk': `ATTENDANCE#${iterationId}`,
        ...(classDate ? { ':c': `CLASS#${classDate}#` } : {}),
      },
      ConsistentRead: true,
    },
    (i) => strip<StoredAttendance>(i),
  );

export async function getAttendance(
  iterationId: string,
  date: string,
  sub: string,
): Promise<StoredAttendance | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: attendanceKey(iterationId, date, sub), ConsistentRead: true }),
  );
  return result.Item ? strip<StoredAttendance>(result.Item) : undefined;
}

/** A learner's attendance or homework in one iteration (gsi2). */
const ofLearner = <T>(sub: string, prefix: string): Promise<T[]> =>
  queryAll(
    {
      TableName: TABLE_NAME,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p AND begins_with(gsi2sk, :prefix)',
      ExpressionAttributeValues: { ':p': `PERSON#${sub}`, ':prefix': prefix },
    },
    (i) => strip<T>(i),
  );

export const attendanceOfLearner = (sub: string, iterationId: string) =>
  ofLearner<StoredAttendance>(sub, `ATTENDANCE#${iterationId}#`);
export const homeworkOfLearner = (sub: string, iterationId: string) =>
  ofLearner<StoredHomework>(sub, `HOMEWORK#${iterationId}#`);

export function putHomeworkItem(h: StoredHomework, expectedVersion: number | undefined): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...homeworkKey(h.iterationId, h.assignmentId, h.learnerSub),
        type: 'homework',
        gsi2pk: `PERSON#${h.learnerSub}`,
        gsi2sk: `HOMEWORK#${h.iterationId}#${h.assignmentId}`,
        ...h,
      },
      ...versionCondition(expectedVersion),
    },
  };
}

export async function getHomework(
  iterationId: string,
  assignmentId: string,
  sub: string,
): Promise<StoredHomework | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: homeworkKey(iterationId, assignmentId, sub), ConsistentRead: true }),
  );
  return result.Item ? strip<StoredHomework>(result.Item) : undefined;
}

/** Every learner's record of one assignment (or of every assignment) of an iteration. */
export const homeworkOfIteration = (iterationId: string, assignmentId?: string): Promise<StoredHomework[]> =>
  queryAll(
    {
      TableName: TABLE_NAME,
      // The partition also holds the homework files' records (`FILE#…`): only the homework items are read here.
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
      ExpressionAttributeValues: {
        ':pk': `HOMEWORK#${iterationId}`,
        ':a': assignmentId ? `ASSIGNMENT#${assignmentId}#` : 'ASSIGNMENT#',
      },
      ConsistentRead: true,
    },
    (i) => strip<StoredHomework>(i),
  );

/** What an enrolment's learner was last told about qualifying, at `APPLICATION#<id>`/`QUALIFICATION_NOTICES`. */
export interface StoredQualificationNotices extends QualificationNotices {
  applicationId: string;
  version: number;
}

const noticesKey = (applicationId: string) => ({ pk: `APPLICATION#${applicationId}`, sk: 'QUALIFICATION_NOTICES' });

/** The notices of several enrolments, one BatchGet (consistent: they decide whether an email goes). */
export const getQualificationNotices = (applicationIds: readonly string[]) =>
  getMany(
    applicationIds,
    noticesKey,
    (item) => strip<StoredQualificationNotices>(item),
    (n) => n.applicationId,
    true,
  );

/** The notices after one more was sent, conditioned on the version read (two notices at once: one wins). */
export function putQualificationNotices(n: StoredQualificationNotices, expectedVersion: number): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: { ...noticesKey(n.applicationId), type: 'qualification-notices', ...n },
      ...versionCondition(expectedVersion),
    },
  };
}
