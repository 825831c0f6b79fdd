import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_FILE_LIMITS, type FileLimits, type HomeworkFile } from '../domain/homework-files';
import { dynamo, TABLE_NAME } from './client';
import { queryAll, versionCondition } from './query';
import type { TransactItem } from './transactions';

/**
 * A homework file's record at `HOMEWORK#<iteration>`/`FILE#<assignment>#LEARNER#<sub>#<fileId>` (beside the
 * learner's homework item, so an assignment's files are one Query), also under the learner in gsi2
 * (`HOMEWORK_FILE#<iteration>#<assignment>#<fileId>`). The object itself is in the files bucket at `objectKey(file)`.
 */
const fileKey = (f: Pick<HomeworkFile, 'iterationId' | 'assignmentId' | 'learnerSub' | 'fileId'>) => ({
  pk: `HOMEWORK#${f.iterationId}`,
  sk: `FILE#${f.assignmentId}#LEARNER#${f.learnerSub}#${f.fileId}`,
});

const strip = (item: Record<string, unknown>): HomeworkFile => {
  const { pk: _p, sk: _s, type: _t, gsi2pk: _a, gsi2sk: _b, ...rest } = item;
  return rest as unknown as HomeworkFile;
};
export const fileFromItem = strip;

export function putFileItem(f: HomeworkFile, expectedVersion: number | undefined): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...fileKey(f),
        type: 'homework-file',
        gsi2pk: `PERSON#${f.learnerSub}`,
        gsi2sk: `HOMEWORK_FILE#${f.iterationId}#${f.assignmentId}#${f.fileId}`,
        ...f,
      },
      ...versionCondition(expectedVersion),
    },
  };
}

export async function getFile(
  key: Pick<HomeworkFile, 'iterationId' | 'assignmentId' | 'learnerSub' | 'fileId'>,
): Promise<HomeworkFile | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: fileKey(key), ConsistentRead: true }));
  return result.Item ? strip(result.Item) : undefined;
}

/** One learner's files of one assignment, or every learner's (ADS's list of submissions). */
export const filesOfAssignment = (iterationId: string, assignmentId: string, learnerSub?: string) =>
  queryAll(
    {
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': `HOMEWORK#${iterationId}`,
        ':prefix': `FILE#${assignmentId}#LEARNER#${learnerSub ? `${learnerSub}#` : ''}`,
      },
      ConsistentRead: true,
    },
    strip,
  );

/** A learner's files of every assignment of an iteration (gsi2). */
export const filesOfLearner = (sub: string, iterationId: string) =>
  queryAll(
    {
      TableName: TABLE_NAME,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p AND begins_with(gsi2sk, :prefix)',
      ExpressionAttributeValues: { ':p': `PERSON#${sub}`, ':prefix': `HOMEWORK_FILE#${iterationId}#` },
    },
    strip,
  );

/** ADS's limits on homework files, one item at `SETTINGS`/`HOMEWORK_FILES` (defaults until ADS saves some). */
export interface FileSettings extends FileLimits {
  version: number;
}
const settingsKey = { pk: 'SETTINGS', sk: 'HOMEWORK_FILES' };

export async function fileSettings(): Promise<FileSettings> {
  const result = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: settingsKey, ConsistentRead: true }));
  const { pk: _p, sk: _s, type: _t, ...stored } = result.Item ?? {};
  return { ...DEFAULT_FILE_LIMITS, version: 0, ...(stored as Partial<FileSettings>) };
}

export const saveFileSettingsItem = (next: FileSettings, expectedVersion: number): TransactItem => ({
  Put: {
    TableName: TABLE_NAME,
    Item: { ...settingsKey, type: 'settings', ...next },
    ...versionCondition(expectedVersion),
  },
});
