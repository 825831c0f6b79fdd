import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Override, Proposal } from '../domain/allocation';
import { dynamo, TABLE_NAME } from './client';
import { queryAll } from './query';
import type { TransactItem } from './transactions';

/**
 * An iteration's allocation at `ALLOCATION#<iteration>`: a state item (latest and confirmed proposal versions),
 * versioned proposals (a header, and the lines gzipped in parts small enough for DynamoDB items), and ADS's
 * overrides, which every recomputation reads.
 */
const pk = (iterationId: string) => `ALLOCATION#${iterationId}`;
const pad = (version: number) => String(version).padStart(5, '0');
const PART_BYTES = 300 * 1024;

export interface AllocationState {
  latestVersion: number;
  confirmingVersion?: number;
  confirmedVersion?: number;
  confirmedAt?: string;
}

export interface ProposalHeader {
  version: number;
  computedAt: string;
  computedBy: string;
  seats: Proposal['seats'];
  seated: Proposal['seated'];
  waitlisted: number;
  lineCount: number;
  parts: number;
}

export async function getAllocationState(iterationId: string): Promise<AllocationState> {
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: { pk: pk(iterationId), sk: '#STATE' }, ConsistentRead: true }),
  );
  return (result.Item as AllocationState | undefined) ?? { latestVersion: 0 };
}

/** A new proposal version, refused if another was saved since `previous` was read. */
export function saveProposalItems(
  iterationId: string,
  previous: AllocationState,
  header: Omit<ProposalHeader, 'parts' | 'version'>,
  proposal: Proposal,
): { items: TransactItem[]; version: number } {
  const version = previous.latestVersion + 1;
  const zipped = gzipSync(JSON.stringify(proposal.lines));
  const parts: Uint8Array[] = [];
  for (let i = 0; i < zipped.length; i += PART_BYTES) parts.push(zipped.subarray(i, i + PART_BYTES));
  return {
    version,
    items: [
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { pk: pk(iterationId), sk: '#STATE', type: 'allocation-state', ...previous, latestVersion: version },
          ConditionExpression: previous.latestVersion === 0 ? 'attribute_not_exists(pk)' : 'latestVersion = :v',
          ExpressionAttributeValues: previous.latestVersion === 0 ? undefined : { ':v': previous.latestVersion },
        },
      },
      {
        Put: {
          TableName: TABLE_NAME,
          Item: {
            pk: pk(iterationId),
            sk: `PROPOSAL#${pad(version)}`,
            type: 'proposal',
            ...header,
            version,
            parts: parts.length,
          },
        },
      },
      ...parts.map((data, i) => ({
        Put: {
          TableName: TABLE_NAME,
          Item: {
            pk: pk(iterationId),
            sk: `PROPOSALPART#${pad(version)}#${String(i).padStart(4, '0')}`,
            type: 'proposal-part',
            data,
          },
        },
      })),
    ],
  };
}

export async function getProposal(
  iterationId: string,
  version: number,
): Promise<{ header: ProposalHeader; lines: Proposal['lines'] } | undefined> {
  const header = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: { pk: pk(iterationId), sk: `PROPOSAL#${pad(version)}` },
      ConsistentRead: true,
    }),
  );
  if (!header.Item) return undefined;
  const chunks = await queryAll(
    {
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk(iterationId), ':prefix': `PROPOSALPART#${pad(version)}#` },
      ConsistentRead: true,
    },
    (item) => item.data as Uint8Array,
  );
  const { pk: _p, sk: _s, type: _t, ...rest } = header.Item;
  return {
    header: rest as ProposalHeader,
    lines: JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')) as Proposal['lines'],
  };
}

/** Marks a confirmation as started (so a retried confirm resumes it) or finished. */
export function confirmStateItem(iterationId: string, version: number, finished: string | undefined): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: { pk: pk(iterationId), sk: '#STATE' },
      UpdateExpression: finished
        ? 'SET confirmedVersion = :v, confirmedAt = :at REMOVE confirmingVersion'
        : 'SET confirmingVersion = :v',
      ConditionExpression: finished
        ? 'latestVersion = :v AND confirmingVersion = :v'
        : 'latestVersion = :v AND attribute_not_exists(confirmedVersion) AND (attribute_not_exists(confirmingVersion) OR confirmingVersion = :v)',
      ExpressionAttributeValues: { ':v': version, ...(finished ? { ':at': finished } : {}) },
    },
  };
}

export function putOverrideItem(iterationId: string, applicationId: string, override: Override): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: { pk: pk(iterationId), sk: `OVERRIDE#${applicationId}`, type: 'override', applicationId, ...override },
    },
  };
}

export function deleteOverrideItem(iterationId: string, applicationId: string): TransactItem {
  return { Delete: { TableName: TABLE_NAME, Key: { pk: pk(iterationId), sk: `OVERRIDE#${applicationId}` } } };
}

export async function getOverrides(iterationId: string): Promise<Map<string, Override>> {
  const items = await queryAll({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk(iterationId), ':prefix': 'OVERRIDE#' },
    ConsistentRead: true,
  });
  return new Map(
    items.map((item) => [
      String(item.applicationId),
      { decision: item.decision, reason: item.reason, by: item.by, at: item.at } as Override,
    ]),
  );
}
