/**
 * `npx tsx scripts/records-backfill.ts` (with `TABLE_NAME` and an operator's AWS credentials, or against the local
 * stack with `--local`): brings records written before the records schedule into it, once after deploying it — sent
 * emails lose their bodies (which held link tokens in the clear) and, with links, get their end of period. It reads
 * the table with a paged Scan under the operator's own rights: no deployed function may Scan.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { configureEnvironment } from './local/environment';
import { readState } from './local/stack';

async function main() {
  if (process.argv.includes('--local')) configureEnvironment(readState());
  const { dynamo, TABLE_NAME } = await import('../shared/data/client');
  const { backfillRecords } = await import('../shared/use-cases/records-backfill');
  async function* pages() {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({
          TableName: TABLE_NAME,
          FilterExpression: '#type IN (:email, :link)',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':email': 'email', ':link': 'link' },
          ExclusiveStartKey: start,
        }),
      );
      yield page.Items ?? [];
      start = page.LastEvaluatedKey;
    } while (start);
  }
  console.log(JSON.stringify(await backfillRecords(pages())));
}

main().catch((error) => {
  console.error(`Backfill failed: ${(error as Error).message}`);
  process.exit(1);
});
