import type { Template } from 'aws-cdk-lib/assertions';
import { AREA_ACCESS } from '../../infra/areas';
import { API_AREAS } from '../../shared/http/routes';
import { JOBS } from '../../shared/jobs/catalog';
import { apiIdPrefix, synth } from './synth';

/**
 * No working token is logged or kept in the clear: CloudFront keeps no standard logs (they record the URI path), the
 * HTTP API's access log and the web ACL's logs leave paths out, and the key that seals the outbox's link tokens is
 * used by the functions that send email, and by no one else.
 */
const app = synth();
const resources = (t: Template, type: string) => Object.entries(t.findResources(type));
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const statementsOf = (t: Template) =>
  resources(t, 'AWS::IAM::ManagedPolicy').map(
    ([id, p]) => [id, p.Properties.PolicyDocument.Statement as Statement[]] as const,
  );
const sealKeyId = () => {
  const ids = resources(app.data, 'AWS::KMS::Key')
    .map(([id]) => id)
    .filter((id) => id.startsWith('LinkSealKey'));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};
const onSealKey = (s: Statement) => JSON.stringify(s.Resource).includes(sealKeyId());

describe('no token in any log', () => {
  it('the distribution writes no CloudFront standard logs, in either form', () => {
    const [[, distribution]] = resources(app.web, 'AWS::CloudFront::Distribution') as [[string, any]];
    expect(distribution.Properties.DistributionConfig.Logging).toBeUndefined();
    for (const t of [app.web, app.api, app.waf])
      for (const type of ['AWS::Logs::DeliverySource', 'AWS::Logs::Delivery', 'AWS::CloudFront::RealtimeLogConfig'])
        expect([type, resources(t, type)]).toEqual([type, []]);
  });

  it("the HTTP API's access log names the route template, never the path or query", () => {
    const [[, stage]] = resources(app.api, 'AWS::ApiGatewayV2::Stage') as [[string, any]];
    const format = String(stage.Properties.AccessLogSettings.Format);
    expect(format).toContain('$context.routeKey');
    for (const variable of ['$context.path', '$context.http.path', '$context.rawPath', '$context.requestPath'])
      expect([variable, format.includes(variable)]).toEqual([variable, false]);
  });

  it("the web ACL's logs redact the path and query", () => {
    const [[, logging]] = resources(app.waf, 'AWS::WAFv2::LoggingConfiguration') as [[string, any]];
    expect(logging.Properties.RedactedFields).toEqual(expect.arrayContaining([{ UriPath: {} }, { QueryString: {} }]));
  });
});

describe('the link-seal key', () => {
  it('rotates yearly and is kept if the stack is deleted', () => {
    const key = app.data.findResources('AWS::KMS::Key')[sealKeyId()]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  it('every function that emails may Encrypt and Decrypt with it, and nothing more; no other function may use it', () => {
    const emailing = new Set([
      ...API_AREAS.filter((a) => AREA_ACCESS[a].sendsEmail).map(apiIdPrefix),
      ...JOBS.map((j) => `Job${j.name.replaceAll('-', '')}`),
    ]);
    const granted = new Map<string, string[]>();
    for (const t of [app.api, app.jobs, app.files, app.data, app.web])
      for (const [id, statements] of statementsOf(t)) {
        const actions = statements.filter(onSealKey).flatMap((s) => [s.Action].flat());
        if (actions.length > 0) granted.set(id.replace(/Role.*$/, ''), actions.sort());
      }
    expect([...granted.keys()].sort()).toEqual([...emailing].sort());
    for (const actions of granted.values()) expect(actions).toEqual(['kms:Decrypt', 'kms:Encrypt']);
    for (const t of [app.api, app.jobs])
      for (const [id, fn] of resources(t, 'AWS::Lambda::Function')) {
        const prefix = [...emailing].find((p) => id.startsWith(p));
        const variable = fn.Properties.Environment?.Variables?.LINK_SEAL_KMS_KEY_ID;
        expect([id, variable !== undefined]).toEqual([id, prefix !== undefined]);
      }
  });
});
