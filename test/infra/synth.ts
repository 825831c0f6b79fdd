import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app';

/** cdk.json's context, as `cdk synth` reads it. */
export const CDK_CONTEXT = (JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> })
  .context;

export interface NagReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: { ruleName: string }[];
    suppressedViolations?: { ruleName: string; reason?: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/**
 * A stand-in for the built web app (`web/dist`), so the tests never depend on a build being present or not.
 */
export const WEB_DIST_FIXTURE = 'test/infra/fixtures/web-dist';

/**
 * The app as `cdk synth` builds it, with cdk.json's context (plus `overrides`), skipping asset bundling (the tests
 * check templates; bundling every function again would take minutes).
 */
export function synth(overrides: Record<string, unknown> = {}) {
  const context = { ...CDK_CONTEXT, 'ce:webDist': WEB_DIST_FIXTURE, ...overrides, 'aws:cdk:bundling-stacks': [] };
  const built = buildApp(new App({ context }));
  const assembly = built.app.synth();
  const nag = JSON.parse(readFileSync(`${assembly.directory}/validation-report.json`, 'utf8')) as NagReport;
  return {
    built,
    assembly,
    nag,
    ops: Template.fromStack(built.ops),
    data: Template.fromStack(built.data),
    files: Template.fromStack(built.files),
    api: Template.fromStack(built.api),
    jobs: Template.fromStack(built.jobs),
    web: Template.fromStack(built.web),
    waf: Template.fromStack(built.waf),
    audit: Template.fromStack(built.audit),
    backupCopy: built.backupCopy && Template.fromStack(built.backupCopy),
  };
}

/** The start of an API area's function's logical ids (`Api-certificate-pdf` → `Apicertificatepdf…`: CDK drops hyphens). */
export const apiIdPrefix = (area: string) => `Api${area.replaceAll('-', '')}`;
