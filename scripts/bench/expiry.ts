/**
 * The read behind the DDS notice, on a table of 100,000 certifications: the expiry index (gsi3) reads only the
 * certifications in the window; a Scan reads the whole table. Items examined and read units (computed from item
 * sizes: DynamoDB Local reports no consumed capacity), for both, in the same run.
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { TABLE_NAME } from '../../shared/data/client';
import { toItem } from '../../shared/data/certifications';
import { addDays } from '../../shared/domain/certification';
import { CE_STAGES, REGIONS } from '../../shared/domain/vocabulary';
import { itemSize } from './ddb-meter';

const units = (bytes: number) => Math.ceil(bytes / 4096) * 0.5;

export async function benchExpiryList(total = 100_000, today = '2027-03-01', windowDays = 90) {
  // Its own client: DynamoDB Local takes seconds per 1 MB Scan page of a large table, past the API's 3 s timeout.
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler: { requestTimeout: 120_000 } }));
  const started = performance.now();
  const batch: Record<string, unknown>[] = [];
  const flush = async () => {
    const chunk = batch.splice(0, 25);
    if (chunk.length > 0)
      await dynamo.send(
        new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: chunk.map((Item) => ({ PutRequest: { Item } })) } }),
      );
  };
  const writers: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const expiresOn = addDays('2026-01-01', i % 1460);
    batch.push(
      toItem({
        number: `CT-CE-BNCH-${String(i).padStart(4, '0').slice(-4)}-${String(Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`,
        holderSub: `bench-holder-${Math.floor(i / 3)}`,
        holderName: `Bench Holder ${Math.floor(i / 3)}`,
        stage: CE_STAGES[i % 3]!,
        source: 'course',
        iterationId: 'it-BENCH00000000000',
        applicationId: `ap-BENCH${String(Math.floor(i / 3)).padStart(10, '0')}`,
        issuedOn: addDays(expiresOn, -1095),
        expiresOn,
        standing: 'issued',
        providerId: `pr-BENCH${String(i % 150).padStart(10, '0')}`,
        providerName: `Bench Provider ${i % 150}`,
        providerRegions: [REGIONS[i % 3]!],
        history: [{ at: '2024-01-01T00:00:00.000-05:00', action: 'issued', by: 'bench' }],
        createdAt: '2024-01-01T00:00:00.000-05:00',
        version: 1,
      }),
    );
    if (batch.length >= 25) {
      writers.push(flush());
      if (writers.length >= 8) await Promise.all(writers.splice(0));
    }
  }
  writers.push(flush());
  await Promise.all(writers);
  const seedSeconds = (performance.now() - started) / 1000;

  const to = addDays(today, windowDays);
  let t = performance.now();
  let scanned = 0;
  let bytes = 0;
  let found = 0;
  let pages = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p AND gsi3sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': 'EXPIRY', ':from': `${today}#`, ':to': `${to}#~` },
        ExclusiveStartKey: start,
      }),
    );
    scanned += page.ScannedCount ?? 0;
    found += page.Count ?? 0;
    for (const item of page.Items ?? []) bytes += itemSize(item) - 3;
    pages++;
    start = page.LastEvaluatedKey;
  } while (start);
  const index = { ms: performance.now() - t, pages, scanned, found, readUnits: units(bytes) };

  t = performance.now();
  let scanScanned = 0;
  let scanBytes = 0;
  let scanFound = 0;
  let scanPages = 0;
  start = undefined;
  do {
    const page: ScanCommandOutput = await dynamo.send(
      new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey: start }),
    );
    scanScanned += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      scanBytes += itemSize(item) - 3;
      if (item.type === 'certificate' && item.expiresOn >= today && item.expiresOn <= to) scanFound++;
    }
    scanPages++;
    start = page.LastEvaluatedKey;
  } while (start);
  const scan = {
    ms: performance.now() - t,
    pages: scanPages,
    scanned: scanScanned,
    found: scanFound,
    readUnits: units(scanBytes),
  };
  return { total, window: `${today} … ${to}`, seedSeconds, index, scan };
}
