/**
 * Each Lambda's environment as deployed, read from the synthesized CDK app (asset bundling skipped: only the
 * configuration is needed), plus the variables the Lambda runtime itself sets. Values CloudFormation resolves at
 * deploy time (table names, ARNs) become placeholders of a realistic length.
 */
import { App, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CeFunction } from '../../infra/constructs/ce-function';
import { buildApp } from '../../infra/app';

const CONTEXT_FILE = 'cdk.json';

/** `Api-iterations` → `api-iterations`, `Job-email-outbox` → `job-email-outbox`, `PostConfirmation` → `post-confirmation`. */
const benchName = (id: string) =>
  id.startsWith('Api-') || id.startsWith('Job-') ? id.toLowerCase() : id.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();

/** A value CloudFormation fills in at deploy time, in a shape the runtime configuration accepts. */
const placeholder = (key: string) =>
  key.endsWith('_URL') ? 'https://abcdefghij.execute-api.us-east-1.amazonaws.com' : `deploy-time-${key.toLowerCase()}`;

export async function deployedEnvironments(): Promise<Map<string, Record<string, string>>> {
  const { readFileSync } = await import('node:fs');
  const context = JSON.parse(readFileSync(CONTEXT_FILE, 'utf8')).context as Record<string, unknown>;
  const { app } = buildApp(new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } }));
  const environments = new Map<string, Record<string, string>>();
  for (const construct of app.node.findAll()) {
    if (!(construct instanceof CeFunction)) continue;
    const cfn = construct.node.defaultChild as CfnFunction;
    const resolved = Stack.of(construct).resolve(cfn.environment) as
      | { variables?: Record<string, unknown> }
      | undefined;
    const variables = Object.fromEntries(
      Object.entries(resolved?.variables ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : placeholder(k)]),
    );
    const name = benchName(construct.node.id);
    environments.set(name, {
      ...variables,
      // Set by the Lambda runtime on every function (reserved variables).
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(cfn.memorySize ?? 128),
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      LAMBDA_TASK_ROOT: '/var/task',
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      PATH: process.env.PATH ?? '/usr/bin:/bin',
    });
  }
  return environments;
}
