import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/components';
import { createProvider } from '../support/fixtures';
import { useTestTable } from '../support/table';

useTestTable();

const local = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
const table = () => process.env.TABLE_NAME!;
const dynamo = new DynamoDBClient(local);
const raw = DynamoDBDocumentClient.from(dynamo);
const streams = new DynamoDBStreamsClient({ ...local, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
const s3 = new S3Client({ ...local, forcePathStyle: true });
const BUCKET = `audit-archive-${table().slice(5)}`;
process.env.AUDIT_ARCHIVE_BUCKET = BUCKET;

type Archive = typeof import('../../shared/audit/archive');
let archive: Archive;
let streamArn: string;
/** Where each shard was read up to, so each read returns only what was written since. */
const iterators = new Map<string, string | undefined>();

/** The stream records written since the last read, shaped as Lambda hands them to the function. */
async function newStreamRecords(): Promise<DynamoDBRecord[]> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: DynamoDBRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = iterators.has(shard.ShardId!)
      ? iterators.get(shard.ShardId!)
      : (
          await streams.send(
            new GetShardIteratorCommand({
              StreamArn: streamArn,
              ShardId: shard.ShardId,
              ShardIteratorType: 'TRIM_HORIZON',
            }),
          )
        ).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...((page.Records ?? []) as unknown as DynamoDBRecord[]));
      iterators.set(shard.ShardId!, page.NextShardIterator);
      if (!page.Records?.length) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}

const objectsUnder = async (prefix: string) =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);
const objectBody = async (key: string) =>
  JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString());
const auditItems = async (pk: string) =>
  (
    await raw.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    )
  ).Items ?? [];

beforeAll(async () => {
  await dynamo.send(
    new UpdateTableCommand({
      TableName: table(),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  streamArn = (await dynamo.send(new DescribeTableCommand({ TableName: table() }))).Table!.LatestStreamArn!;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  archive = await import('../../shared/audit/archive');
});

describe('the audit archive (table stream → Object Lock bucket)', () => {
  it('copies every audit record once, as written, and nothing else of the table', async () => {
    const provider = await createProvider();
    const pk = `AUDIT#provider#${provider.id}`;
    const written = await auditItems(pk);
    expect(written.length).toBeGreaterThan(0);

    const result = await archive.archiveAuditRecords(await newStreamRecords());

    expect(result.failedFrom).toBeUndefined();
    const archived = await objectsUnder('records/');
    expect(archived.filter((k) => k.startsWith(`records/${pk}/`)).sort()).toEqual(
      written.map((item) => archive.recordKey(item.pk, item.sk)).sort(),
    );
    // Only audit records: the provider's own items are not in the archive.
    expect(archived.every((k) => k.startsWith('records/AUDIT#'))).toBe(true);
    expect(await objectBody(archive.recordKey(written[0]!.pk, written[0]!.sk))).toEqual(written[0]);
  });

  it('keeps an overwrite of an audit record in the table as a change (before and after), and counts it; the first copy stays', async () => {
    const provider = await createProvider();
    const [record] = await auditItems(`AUDIT#provider#${provider.id}`);
    await archive.archiveAuditRecords(await newStreamRecords());

    // What IAM cannot refuse: a PutItem over an existing audit record, by some role that may put items.
    const forged = { ...record, reason: 'nothing happened here', actor: { sub: 'someone', roles: ['ads-staff'] } };
    await raw.send(new PutCommand({ TableName: table(), Item: forged }));
    const result = await archive.archiveAuditRecords(await newStreamRecords());

    expect(result).toMatchObject({ changed: 1, failedFrom: undefined });
    const [change] = await objectsUnder(`changes/${record!.pk}/${record!.sk}/`);
    expect(await objectBody(change!)).toMatchObject({ event: 'MODIFY', before: record, after: forged });
    expect(await objectBody(archive.recordKey(record!.pk, record!.sk))).toEqual(record);
  });

  it('reports the first record it could not archive, so Lambda retries from there', async () => {
    const provider = await createProvider();
    const records = await newStreamRecords();
    const first = records.find((r) => r.dynamodb?.Keys?.pk?.S === `AUDIT#provider#${provider.id}`)!;
    let failing: Awaited<ReturnType<Archive['archiveAuditRecords']>> | undefined;
    await jest.isolateModulesAsync(async () => {
      process.env.AUDIT_ARCHIVE_BUCKET = 'no-such-archive-bucket';
      try {
        const isolated: Archive = await import('../../shared/audit/archive');
        failing = await isolated.archiveAuditRecords(records);
      } finally {
        process.env.AUDIT_ARCHIVE_BUCKET = BUCKET;
      }
    });
    expect(failing).toMatchObject({ archived: 0, failedFrom: first.dynamodb!.SequenceNumber });
  });
});
