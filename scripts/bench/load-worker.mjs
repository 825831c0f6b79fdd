// A load generator in its own process (so it does not share a CPU with the server it measures).
// Input (argv[2]): JSON { targets: [{ name, url, method, headers, body }], concurrency: [1, 32], seconds, dynamo?: { endpoint, table, key } }
// Output: JSON lines, one per target × concurrency: { name, concurrency, requests, rate, p50, p95, p99, errors }
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const input = JSON.parse(process.argv[2]);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function run(name, once, concurrency, seconds) {
  const latencies = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          if (!(await once())) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    concurrency,
    requests: latencies.length,
    rate: latencies.length / elapsed,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    errors,
  };
}

for (const concurrency of input.concurrency) {
  if (input.dynamo) {
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: input.dynamo.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    const get = async () =>
      Boolean(await client.send(new GetCommand({ TableName: input.dynamo.table, Key: input.dynamo.key })));
    await run('raw', get, 1, 0.3);
    console.log(JSON.stringify(await run('DynamoDB GetItem (raw, no handler)', get, concurrency, input.seconds)));
  }
  for (const target of input.targets) {
    const once = async () => {
      const res = await fetch(target.url, { method: target.method, headers: target.headers, body: target.body });
      await res.arrayBuffer();
      return res.status < 500;
    };
    await run('warm', once, 1, 0.2);
    console.log(
      JSON.stringify({
        ...(await run(target.name, once, concurrency, input.seconds)),
        status: (await fetch(target.url, { method: target.method, headers: target.headers, body: target.body })).status,
      }),
    );
  }
}
