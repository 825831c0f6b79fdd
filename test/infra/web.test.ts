import { ROUTE_CLASSES } from '../../shared/http/route-classes';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { WafStack } from '../../infra/stacks/waf-stack';
import { SPA_FALLBACK, STRIP_API_PREFIX } from '../../infra/web/viewer-request';
import {
  cacheControlFor,
  STATIC_SECURITY_HEADERS,
  staticContentSecurityPolicy,
  WEB_CONFIG_PATH,
} from '../../shared/http/static-headers';
import { API_PREFIX, SERVER_RENDERED_PATTERNS } from '../../shared/http/web-paths';
import { CDK_CONTEXT, synth } from './synth';

const app = synth();
const resources = (t: Template, type: string) => Object.entries(t.findResources(type));
const only = (t: Template, type: string) => {
  const found = resources(t, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const distributionConfig = (t: Template) => only(t, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
type Behavior = {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId?: { Ref: string };
  AllowedMethods: string[];
  FunctionAssociations?: { EventType: string; FunctionARN: { 'Fn::GetAtt': [string, string] } }[];
};
const behaviors = (t: Template): Behavior[] => distributionConfig(t).CacheBehaviors;
const behavior = (pattern: string) => behaviors(app.web).find((b) => b.PathPattern === pattern)!;
/** CloudFront's managed policies, by the ids AWS documents. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** Runs a CloudFront Function's source on a viewer-request event, as the cloudfront-js-2.0 runtime calls it. */
const runViewerRequest = (code: string, uri: string, querystring = {}) => {
  const event = { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '192.0.2.1' } };
  const request = { method: 'GET', uri, querystring, headers: { authorization: { value: 'Bearer t' } }, cookies: {} };
  return runInNewContext(`${code}\nhandler(event)`, { event: { ...event, request } }) as typeof request;
};
const functionCode = (logicalId: string) =>
  app.web.findResources('AWS::CloudFront::Function')[logicalId]!.Properties as {
    FunctionCode: string;
    FunctionConfig: { Runtime: string };
  };

describe('the site bucket', () => {
  it('is private, encrypted, TLS-only, versioned and logs its access', () => {
    const [siteId, site] = resources(app.web, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Site'))!;
    expect(site.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/^Logs/) } },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const [, policy] = resources(app.web, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === siteId)!;
    const statements = policy.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // Origin access control: only this distribution (by its ARN) may read, and nothing else is allowed.
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
    expect(JSON.stringify(allows[0]!.Condition)).toContain(only(app.web, 'AWS::CloudFront::Distribution')[0]);
  });

  it('is reached through origin access control (signed requests), not a legacy origin access identity', () => {
    const [oacId, oac] = only(app.web, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origins = (distributionConfig(app.web).Origins as Record<string, unknown>[]).filter(
      (o) => o.S3OriginConfig,
    );
    expect(s3Origins).toEqual([
      expect.objectContaining({
        OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      }),
    ]);
    expect(resources(app.web, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
  });
});

describe('the static files', () => {
  it('the default behaviour serves the bucket, HTTPS only, with the shared headers and no-cache', () => {
    const config = distributionConfig(app.web);
    const origin = (config.Origins as { Id: string; S3OriginConfig?: unknown }[]).find((o) => o.S3OriginConfig)!;
    expect(config.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: origin.Id,
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
    });
    expect(config.DefaultRootObject).toBe('index.html');
    expect(behavior('/assets/*').TargetOriginId).toBe(origin.Id);
  });

  it("each response-headers policy is exactly the shared headers, with the path's cache-control", () => {
    // The CSP names Cognito's endpoint in the deployment region and the homework-files bucket's regional domain name
    // (where the pre-signed POST sends uploads): render the template's tokens with an example region and bucket.
    const filesExports = Object.values(
      app.files.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>,
    );
    const render = (value: unknown): string => {
      if (typeof value === 'string') return value;
      const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
      if (join) return join[1].map(render).join(join[0]);
      const ref = (value as { Ref?: string }).Ref;
      if (ref === 'AWS::Region') return 'us-east-2';
      if (ref === 'AWS::URLSuffix') return 'amazonaws.com';
      const imported = (value as { 'Fn::ImportValue'?: string })['Fn::ImportValue'];
      const exported = filesExports.find((o) => o.Export?.Name === imported)?.Value as { 'Fn::GetAtt'?: string[] };
      const [bucketId, attribute] = exported?.['Fn::GetAtt'] ?? [];
      if (attribute === 'RegionalDomainName' && bucketId?.startsWith('HomeworkFiles'))
        return 'homework-files.s3.us-east-2.amazonaws.com';
      throw new Error(`unexpected token ${JSON.stringify(value)}`);
    };
    const headersOf = (policyId: string) => {
      const c = app.web.findResources('AWS::CloudFront::ResponseHeadersPolicy')[policyId]!.Properties
        .ResponseHeadersPolicyConfig;
      const s = c.SecurityHeadersConfig;
      const all = [
        s.ContentSecurityPolicy,
        s.StrictTransportSecurity,
        s.ContentTypeOptions,
        s.FrameOptions,
        s.ReferrerPolicy,
        ...c.CustomHeadersConfig.Items,
      ];
      expect(all.every((h: { Override: boolean }) => h.Override)).toBe(true);
      return {
        'content-security-policy': render(s.ContentSecurityPolicy.ContentSecurityPolicy),
        'strict-transport-security': `max-age=${s.StrictTransportSecurity.AccessControlMaxAgeSec}${s.StrictTransportSecurity.IncludeSubdomains ? '; includeSubDomains' : ''}${s.StrictTransportSecurity.Preload ? '; preload' : ''}`,
        'x-content-type-options': 'nosniff',
        'x-frame-options': s.FrameOptions.FrameOption,
        'referrer-policy': s.ReferrerPolicy.ReferrerPolicy,
        ...Object.fromEntries(
          c.CustomHeadersConfig.Items.map((h: { Header: string; Value: string }) => [h.Header, h.Value]),
        ),
      };
    };
    const expected = (path: string) => ({
      'content-security-policy': staticContentSecurityPolicy(
        'https://cognito-idp.us-east-2.amazonaws.com',
        'https://homework-files.s3.us-east-2.amazonaws.com',
      ),
      ...STATIC_SECURITY_HEADERS,
      'cache-control': cacheControlFor(path),
    });
    const defaultPolicy = distributionConfig(app.web).DefaultCacheBehavior.ResponseHeadersPolicyId.Ref;
    expect(headersOf(defaultPolicy)).toEqual(expected('/index.html'));
    expect(headersOf(defaultPolicy)).toEqual(expected(WEB_CONFIG_PATH));
    expect(headersOf(behavior('/assets/*').ResponseHeadersPolicyId!.Ref)).toEqual(expected('/assets/app-1a2b.js'));
    expect(resources(app.web, 'AWS::CloudFront::ResponseHeadersPolicy')).toHaveLength(2);
  });

  it("the app's routes get index.html (a viewer-request function), files keep their path", () => {
    const [association] = distributionConfig(app.web).DefaultCacheBehavior.FunctionAssociations;
    expect(association.EventType).toBe('viewer-request');
    const fn = functionCode(association.FunctionARN['Fn::GetAtt'][0]);
    expect(fn).toMatchObject({ FunctionCode: SPA_FALLBACK, FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
    for (const route of ['/', '/applications', '/applications/42', '/me/profile/'])
      expect([route, runViewerRequest(SPA_FALLBACK, route).uri]).toEqual([route, '/index.html']);
    for (const file of ['/assets/app-3f2a9c.js', '/config.json', '/uswds/img/close.svg', '/favicon.ico'])
      expect([file, runViewerRequest(SPA_FALLBACK, file).uri]).toEqual([file, file]);
    // Distribution-wide error responses would also rewrite the API's own 403 and 404 answers.
    expect(distributionConfig(app.web).CustomErrorResponses).toBeUndefined();
  });
});

describe('the API on the web domain', () => {
  const apiOriginId = () => behavior(`${API_PREFIX}/*`).TargetOriginId;

  it('the API origin is the HTTP API host, over HTTPS only', () => {
    const origin = (distributionConfig(app.web).Origins as { Id: string }[]).find((o) => o.Id === apiOriginId())!;
    expect(origin).toMatchObject({
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only' },
      DomainName: {
        'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: expect.stringMatching(/HttpApi.*ApiEndpoint/) }] }],
      },
    });
  });

  it.each([`${API_PREFIX}/*`, ...SERVER_RENDERED_PATTERNS])(
    '%s goes to the API: every method, not cached, Authorization and query forwarded, headers left to the functions',
    (pattern) => {
      expect(behavior(pattern)).toMatchObject({
        TargetOriginId: apiOriginId(),
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      });
      expect(behavior(pattern).ResponseHeadersPolicyId).toBeUndefined();
    },
  );

  it('only /api/* has its prefix stripped, by a viewer-request function', () => {
    const [association, ...others] = behavior(`${API_PREFIX}/*`).FunctionAssociations!;
    expect(others).toEqual([]);
    expect(association!.EventType).toBe('viewer-request');
    const fn = functionCode(association!.FunctionARN['Fn::GetAtt'][0]);
    expect(fn).toMatchObject({ FunctionCode: STRIP_API_PREFIX, FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
    for (const pattern of SERVER_RENDERED_PATTERNS) expect(behavior(pattern).FunctionAssociations).toBeUndefined();
    expect(behaviors(app.web)).toHaveLength(1 + 1 + SERVER_RENDERED_PATTERNS.length);
  });

  it('the strip function turns /api/x into /x and leaves the query and Authorization alone', () => {
    const cases: [string, string][] = [
      ['/api/me/profile', '/me/profile'],
      ['/api/iterations', '/iterations'],
      ['/api/', '/'],
      ['/api/verify/CE-2026-0001', '/verify/CE-2026-0001'],
      ['/api/api/x', '/api/x'],
    ];
    for (const [uri, expected] of cases)
      expect([uri, runViewerRequest(STRIP_API_PREFIX, uri).uri]).toEqual([uri, expected]);
    const query = { page: { value: '2' } };
    const out = runViewerRequest(STRIP_API_PREFIX, '/api/ads/applications', query);
    expect(out.querystring).toEqual(query);
    expect(out.headers.authorization).toEqual({ value: 'Bearer t' });
  });
});

describe('AWS WAF', () => {
  it('a CloudFront web ACL in us-east-1 with the per-IP rate rule from ce:wafRateLimit and the managed rules', () => {
    expect(app.built.waf.region).toBe('us-east-1');
    const [, acl] = only(app.waf, 'AWS::WAFv2::WebACL');
    expect(acl.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const rules = acl.Properties.Rules as Record<string, any>[];
    expect(rules[0]).toMatchObject({
      Name: 'RatePerIp',
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: CDK_CONTEXT['ce:wafRateLimit'], AggregateKeyType: 'IP' } },
    });
    expect(rules.map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean)).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    expect(synth({ 'ce:wafRateLimit': 500 }).waf.findResources('AWS::WAFv2::WebACL')).toEqual({
      [only(app.waf, 'AWS::WAFv2::WebACL')[0]]: expect.objectContaining({
        Properties: expect.objectContaining({
          Rules: expect.arrayContaining([
            expect.objectContaining({ Statement: { RateBasedStatement: expect.objectContaining({ Limit: 500 }) } }),
          ]),
        }),
      }),
    });
  });

  it('a tighter per-IP rule for each anonymous class of routes, matching its paths on the web domain', () => {
    const [, acl] = only(app.waf, 'AWS::WAFv2::WebACL');
    const rules = acl.Properties.Rules as Record<string, any>[];
    const rule = (name: string) => rules.find((r) => r.Name === name)!.Statement.RateBasedStatement;
    const searched = (statement: Record<string, any>) =>
      (statement.OrStatement?.Statements ?? [statement]).map(
        (s: Record<string, any>) => `${s.ByteMatchStatement.PositionalConstraint} ${s.ByteMatchStatement.SearchString}`,
      );
    const links = rule('RatePerIpTokenLinks');
    expect(links.Limit).toBe(ROUTE_CLASSES['token-link'].perIpPerFiveMinutes);
    expect(searched(links.ScopeDownStatement)).toEqual(
      expect.arrayContaining(['STARTS_WITH /api/links/', 'STARTS_WITH /links/', 'STARTS_WITH /calendar-feeds/']),
    );
    const reads = rule('RatePerIpPublicReads');
    expect(reads.Limit).toBe(ROUTE_CLASSES.public.perIpPerFiveMinutes);
    expect(searched(reads.ScopeDownStatement)).toEqual(
      expect.arrayContaining(['EXACTLY /api/providers', 'STARTS_WITH /verify/', 'EXACTLY /verify']),
    );
    // A signed-in route under a public one's path is not counted as public.
    expect(searched(reads.ScopeDownStatement)).not.toContain('STARTS_WITH /api/providers/');
  });

  it('logs to an encrypted aws-waf-logs- group, with paths, queries and Authorization redacted', () => {
    const [aclId] = only(app.waf, 'AWS::WAFv2::WebACL');
    const [, logging] = only(app.waf, 'AWS::WAFv2::LoggingConfiguration');
    expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(logging.Properties.RedactedFields).toEqual([
      { UriPath: {} },
      { QueryString: {} },
      { SingleHeader: { Name: 'authorization' } },
    ]);
    const [, group] = only(app.waf, 'AWS::Logs::LogGroup');
    expect(group.Properties).toMatchObject({
      LogGroupName: expect.stringMatching(/^aws-waf-logs-/),
      RetentionInDays: CDK_CONTEXT['ce:logRetentionDays'],
      KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^WafLogsKey/), 'Arn'] },
    });
  });

  it('is attached to the distribution: its ARN published in us-east-1, read from there when the web stack deploys', () => {
    const [aclId] = only(app.waf, 'AWS::WAFv2::WebACL');
    app.waf.hasResourceProperties('AWS::SSM::Parameter', {
      Name: WafStack.WEB_ACL_ARN_PARAMETER,
      Value: { 'Fn::GetAtt': [aclId, 'Arn'] },
    });
    const [readerId, reader] = only(app.web, 'Custom::AWS');
    for (const call of [reader.Properties.Create, reader.Properties.Update])
      expect(JSON.parse(call)).toMatchObject({
        service: 'SSM',
        action: 'getParameter',
        region: 'us-east-1',
        parameters: { Name: WafStack.WEB_ACL_ARN_PARAMETER },
      });
    expect(distributionConfig(app.web).WebACLId).toEqual({ 'Fn::GetAtt': [readerId, 'Parameter.Value'] });
    expect(app.built.api.dependencies).toContain(app.built.waf);
  });
});

describe('the built app', () => {
  it('is uploaded with its runtime settings (this pool, its two clients, SRP with TOTP MFA required), without pruning', () => {
    const [, deployment] = only(app.web, 'Custom::CDKBucketDeployment');
    expect(deployment.Properties).toMatchObject({
      DestinationBucketName: { Ref: expect.stringMatching(/^Site/) },
      DistributionId: { Ref: only(app.web, 'AWS::CloudFront::Distribution')[0] },
      Prune: false,
    });
    // Source.jsonData writes config.json with markers that the deployment fills in with deploy-time values.
    const markers = deployment.Properties.SourceMarkers[1] as Record<string, unknown>;
    const staged = app.assembly.directory;
    const config = JSON.parse(
      readFileSync(
        `${staged}/asset.${deployment.Properties.SourceObjectKeys[1].replace('.zip', '')}${WEB_CONFIG_PATH}`,
        'utf8',
      ),
    ) as Record<string, string>;
    const filled = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, markers[v] ?? v]));
    expect(filled).toEqual({
      region: { Ref: 'AWS::Region' },
      userPoolId: { 'Fn::ImportValue': expect.stringContaining('UserPool6BA7E5F2') },
      userPoolClientId: { 'Fn::ImportValue': expect.stringContaining('UserPoolWebClient') },
      staffClientId: { 'Fn::ImportValue': expect.stringContaining('UserPoolStaffClient') },
      authFlow: 'USER_SRP_AUTH',
      mfa: 'required',
    });
  });

  it('when not built, synth still works (with a warning) and a deploy stops at once saying what to do', () => {
    const unbuilt = synth({ 'ce:webDist': 'test/infra/fixtures/no-such-build' });
    expect(unbuilt.web.findResources('Custom::CDKBucketDeployment')).toEqual({});
    Annotations.fromStack(unbuilt.built.api).hasWarning('*', Match.stringLikeRegexp('web app is not built'));
    const rules = unbuilt.web.toJSON().Rules as Record<string, { Assertions: { AssertDescription: string }[] }>;
    expect(Object.values(rules).flatMap((r) => r.Assertions.map((a) => a.AssertDescription))).toEqual([
      expect.stringMatching(/not built: build it into web\/dist.*ce:webDist.*before cdk deploy/),
    ]);
    expect(app.web.toJSON().Rules).toBeUndefined();
  });
});

describe('email links land on the web domain', () => {
  const urls = (t: Template) =>
    resources(t, 'AWS::Lambda::Function').map(([id, fn]) => [
      id,
      fn.Properties.Environment?.Variables?.PUBLIC_BASE_URL,
    ]);

  it("every API and job function's PUBLIC_BASE_URL is the distribution's domain", () => {
    for (const [id, url] of urls(app.api))
      expect([id, url]).toEqual([
        id,
        {
          'Fn::Join': [
            '',
            ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^Web/), expect.stringMatching(/DomainName$/)] }],
          ],
        },
      ]);
    for (const [id, url] of urls(app.jobs))
      expect([id, url]).toEqual([
        id,
        { 'Fn::Join': ['', ['https://', { 'Fn::ImportValue': expect.stringMatching(/^CeApi:.*DomainName/) }]] },
      ]);
  });

  it('with a custom domain: the links use it, and the distribution serves it with its certificate over TLS 1.2+', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
    const custom = synth({ 'ce:webDomain': 'ce.example.gov', 'ce:webCertificateArn': certificateArn });
    for (const [id, url] of [...urls(custom.api), ...urls(custom.jobs)])
      expect([id, url]).toEqual([id, 'https://ce.example.gov']);
    expect(distributionConfig(custom.web)).toMatchObject({
      Aliases: ['ce.example.gov'],
      ViewerCertificate: {
        AcmCertificateArn: certificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    });
    // Its browsers post homework files to the files bucket: the bucket's CORS admits the domain (known before
    // deploying, so no reference back to the API stack), and no warning asks for it by hand.
    custom.files.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedOrigins: ['https://ce-certification.example.org', 'https://ce.example.gov'],
            AllowedMethods: ['POST', 'GET'],
          }),
        ],
      },
    });
    expect(Annotations.fromStack(custom.built.files).findWarning('*', Match.stringLikeRegexp('ce:webDomain'))).toEqual(
      [],
    );
    expect(
      Annotations.fromStack(app.built.files).findWarning('*', Match.stringLikeRegexp('ce:webDomain')),
    ).toHaveLength(1);
    expect(() => synth({ 'ce:webDomain': 'ce.example.gov' })).toThrow(/go together/);
    expect(() =>
      synth({
        'ce:webDomain': 'ce.example.gov',
        'ce:webCertificateArn': certificateArn.replace('us-east-1', 'us-east-2'),
      }),
    ).toThrow(/us-east-1/);
  });
});

describe('cdk-nag covers the web stacks', () => {
  it('the web and WAF stacks were checked: their acknowledged findings are listed, none left open', () => {
    for (const plugin of app.nag.pluginReports)
      expect([plugin.pluginName, plugin.violations]).toEqual([plugin.pluginName, []]);
    const paths = app.nag.pluginReports.flatMap((p) =>
      (p.suppressedViolations ?? []).flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)),
    );
    expect(paths.some((p) => p.startsWith('CeApi/Web/'))).toBe(true);
  });
});
