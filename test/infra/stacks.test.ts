import { Match } from 'aws-cdk-lib/assertions';
import { AREA_ACCESS } from '../../infra/areas';
import { GSIS } from '../../shared/data/table-design';
import { openApiDocument } from '../../shared/http/openapi';
import { ROUTE_CLASSES, routeClass } from '../../shared/http/route-classes';
import { ALL_ROUTES, API_AREAS } from '../../shared/http/routes';
import { JOBS } from '../../shared/jobs/catalog';
import { CDK_CONTEXT, synth, apiIdPrefix } from './synth';

const stacks = synth();
const routeKeys = ALL_ROUTES.map((r) => `${r.method} ${r.path}`).sort();

describe('the data stack', () => {
  it('has one on-demand table with the designed keys and indexes, recoverable and protected', () => {
    stacks.data.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    stacks.data.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: GSIS.map((g) =>
          Match.objectLike({
            IndexName: g.indexName,
            KeySchema: [
              { AttributeName: g.partitionKey, KeyType: 'HASH' },
              { AttributeName: g.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          }),
        ),
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('keeps the logical ids of its stateful resources (a change would replace them, with their data)', () => {
    expect(Object.keys(stacks.data.findResources('AWS::DynamoDB::GlobalTable'))).toEqual(['TableCD117FA1']);
    expect(Object.keys(stacks.data.findResources('AWS::Cognito::UserPool'))).toEqual(['UserPool6BA7E5F2']);
  });

  it('has a user pool requiring MFA of everyone (provider administrators as staff), with the role groups and a sign-up trigger', () => {
    stacks.data.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      // The pages' hint says the same rule (shared/domain/password-policy.ts).
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireNumbers: true,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireSymbols: true,
        }),
      },
      LambdaConfig: { PostConfirmation: Match.anyValue() },
    });
    const groups = Object.values(stacks.data.findResources('AWS::Cognito::UserPoolGroup'))
      .map((g) => g.Properties.GroupName)
      .sort();
    expect(groups).toEqual(['ads-staff', 'applicant', 'dds', 'provider-admin']);
  });

  it("sends Cognito's own emails (codes, invitations) through SES, from the project's sender and configuration set", () => {
    const sender = String(CDK_CONTEXT['ce:senderEmail']);
    stacks.data.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        From: `CT Customized Employment certification <${sender}>`,
        ConfigurationSet: { 'Fn::ImportValue': Match.stringLikeRegexp('EmailConfigurationSet') },
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([`:identity/${sender.split('@')[1]}`])] },
      },
    });
  });
});

describe('the sign-in: two app clients, staff sessions of 8 hours, emails changed only once verified', () => {
  const clients = Object.values(stacks.data.findResources('AWS::Cognito::UserPoolClient')).map((c) => c.Properties);
  const byName = (id: string) =>
    Object.entries(stacks.data.findResources('AWS::Cognito::UserPoolClient')).find(([key]) => key.startsWith(id))![1]
      .Properties;

  it("has the applicants' client (a day) and the staff client (at most 8 hours), both SRP without OAuth", () => {
    expect(clients).toHaveLength(2);
    const PER_HOUR: Record<string, number> = { minutes: 60, hours: 1, days: 1 / 24 };
    const hours = (c: Record<string, any>) => c.RefreshTokenValidity / PER_HOUR[c.TokenValidityUnits.RefreshToken]!;
    expect(hours(byName('UserPoolWebClient'))).toBe(24);
    expect(hours(byName('UserPoolStaffClient'))).toBeLessThanOrEqual(8);
    for (const client of clients) {
      expect(client).toMatchObject({
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        AllowedOAuthFlowsUserPoolClient: false,
        WriteAttributes: ['email'],
      });
      expect([client.AllowedOAuthFlows, client.CallbackURLs, client.LogoutURLs]).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
    }
  });

  it('keeps the original email until a changed one is verified', () => {
    stacks.data.hasResourceProperties('AWS::Cognito::UserPool', {
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  });

  it("accepts both clients' tokens at the authorizer, and tells every function which is the staff's", () => {
    const [authorizer] = Object.values(stacks.api.findResources('AWS::ApiGatewayV2::Authorizer'));
    const audience = JSON.stringify(authorizer!.Properties.JwtConfiguration.Audience);
    expect(audience).toMatch(/UserPoolWebClient/);
    expect(audience).toMatch(/UserPoolStaffClient/);
    const functions = Object.values(stacks.api.findResources('AWS::Lambda::Function')).map((f) => f.Properties);
    for (const fn of functions)
      expect(JSON.stringify(fn.Environment.Variables.STAFF_CLIENT_ID)).toMatch(/UserPoolStaffClient/);
  });

  it('lets only the accounts function manage sign-in accounts: create, groups, disable, enable, end sessions', () => {
    const policies = Object.entries(stacks.api.findResources('AWS::IAM::ManagedPolicy'));
    const cognitoActions = (area: string) => {
      const [, policy] = policies.find(([id]) => id.startsWith(`${apiIdPrefix(area)}Role`))!;
      return (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((st) => [st.Action].flat().some((a) => a.startsWith('cognito-idp:')))
        .map((st) => ({ actions: [st.Action].flat().sort(), resource: JSON.stringify(st.Resource) }));
    };
    const [statement, ...others] = cognitoActions('accounts');
    expect(others).toEqual([]);
    expect(statement!.actions).toEqual(
      [
        'cognito-idp:AdminAddUserToGroup',
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminEnableUser',
        'cognito-idp:AdminListGroupsForUser',
        'cognito-idp:AdminRemoveUserFromGroup',
        'cognito-idp:AdminUserGlobalSignOut',
      ].sort(),
    );
    expect(statement!.resource).toMatch(/UserPool/);
    for (const area of API_AREAS.filter((a) => a !== 'accounts'))
      expect([area, cognitoActions(area)]).toEqual([area, []]);
  });

  it('lets every function with signed-in routes read the account standing (GetItem)', () => {
    for (const area of new Set(ALL_ROUTES.filter((r) => r.access !== 'public').map((r) => r.area)))
      expect([area, AREA_ACCESS[area].table.includes('GetItem')]).toEqual([area, true]);
  });
});

describe('the API stack', () => {
  it('has exactly the routes of the route table, with the JWT authorizer on every non-public one', () => {
    const routes = Object.values(stacks.api.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(routeKeys);
    for (const spec of ALL_ROUTES) {
      const route = routes.find((r) => r.RouteKey === `${spec.method} ${spec.path}`)!;
      expect([spec.operationId, route.AuthorizationType]).toEqual([
        spec.operationId,
        spec.access === 'public' ? 'NONE' : 'JWT',
      ]);
    }
    stacks.api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
  });

  it('runs one function per area on Node.js 24, arm64, with tracing', () => {
    const functions = Object.values(stacks.api.findResources('AWS::Lambda::Function')).map((f) => f.Properties);
    expect(functions).toHaveLength(API_AREAS.length);
    for (const fn of functions)
      expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
  });

  describe("routes with heavy code of their own are served by a small function beside their area's", () => {
    const routes = stacks.api.findResources('AWS::ApiGatewayV2::Route');
    const integrations = stacks.api.findResources('AWS::ApiGatewayV2::Integration');
    const functions = stacks.api.findResources('AWS::Lambda::Function');
    /** The logical id of the function behind a route (Route → Integration → function ARN). */
    const functionOf = (key: string) => {
      const route = Object.values(routes).find((r) => r.Properties.RouteKey === key)!;
      const integrationId = JSON.stringify(route.Properties.Target).match(/"Ref":"([^"]+)"/)![1]!;
      return integrations[integrationId]!.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
    };
    const keysOf = (area: string) => ALL_ROUTES.filter((r) => r.area === area).map((r) => `${r.method} ${r.path}`);
    /** Its own reservation, sized from the bench like every function's (cdk.json). */
    const expectReserved = (area: string) => {
      const [, fn] = Object.entries(functions).find(([id]) => id.startsWith(apiIdPrefix(area)))!;
      expect(fn.Properties.ReservedConcurrentExecutions).toBe(
        (CDK_CONTEXT['ce:reservedConcurrency'] as Record<string, number>)[`api-${area}`],
      );
    };

    it('the calendar files from their own function, and every other iterations route from the iterations one', () => {
      const ics = ['GET /iterations/{iterationId}/calendar.ics', 'GET /calendar-feeds/{token}/calendar.ics'];
      expect(keysOf('calendars').sort()).toEqual([...ics].sort());
      expect(ics.map(functionOf).every((id) => id.startsWith(apiIdPrefix('calendars')))).toBe(true);
      const others = keysOf('iterations');
      expect(others.length).toBeGreaterThan(10);
      expect(others.filter((k) => !functionOf(k).startsWith(apiIdPrefix('iterations')))).toEqual([]);
      expectReserved('calendars');
    });

    it('the meeting-report import from its own read-only function, and every other course route from the course one', () => {
      const proposal = 'POST /ads/iterations/{iterationId}/classes/{date}/attendance-proposal';
      expect(keysOf('attendance-import')).toEqual([proposal]);
      expect(functionOf(proposal)).toMatch(new RegExp(`^${apiIdPrefix('attendance-import')}[A-Z0-9]`));
      const others = keysOf('course');
      expect(others.length).toBeGreaterThan(15);
      expect(others.filter((k) => !functionOf(k).startsWith(apiIdPrefix('course')))).toEqual([]);
      expect(AREA_ACCESS['attendance-import']).toMatchObject({ table: ['Query', 'GetItem'], sendsEmail: false });
      expectReserved('attendance-import');
    });
  });

  it('loads no source map at cold start in any function (stacks are mapped when an error is logged)', () => {
    const all = [stacks.api, stacks.jobs, stacks.data].flatMap((t) =>
      Object.values(t.findResources('AWS::Lambda::Function')).map((f) => f.Properties),
    );
    expect(all.length).toBeGreaterThan(API_AREAS.length);
    for (const fn of all) expect(fn.Environment?.Variables?.NODE_OPTIONS ?? '').not.toContain('source-maps');
  });

  it('grants each function only the table actions its area uses, and nobody may change an audit record', () => {
    const policies = Object.entries(stacks.api.findResources('AWS::IAM::ManagedPolicy'));
    for (const area of API_AREAS) {
      const [, policy] = policies.find(([id]) => id.startsWith(`${apiIdPrefix(area)}Role`))!;
      const statements = policy.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[] }[];
      const granted = statements
        .filter((s) => s.Effect === 'Allow')
        .flatMap((s) => [s.Action].flat())
        .filter((a) => a.startsWith('dynamodb:'));
      expect(granted.sort()).toEqual(AREA_ACCESS[area].table.map((a) => `dynamodb:${a}`).sort());
      const writes = AREA_ACCESS[area].table.some((a) => ['PutItem', 'UpdateItem', 'DeleteItem'].includes(a));
      const denies = statements.filter((s) => s.Effect === 'Deny');
      expect(denies.length).toBe(writes ? 1 : 0);
    }
  });

  it('has no inline policy: every role keeps its statements in a customer-managed policy', () => {
    for (const t of [stacks.ops, stacks.data, stacks.api, stacks.web, stacks.waf, stacks.jobs]) {
      expect(t.findResources('AWS::IAM::Policy')).toEqual({});
      for (const [id, role] of Object.entries(t.findResources('AWS::IAM::Role')))
        expect([id, role.Properties.Policies]).toEqual([id, undefined]);
    }
  });

  it('logs access without personal data and throttles', () => {
    const stage = Object.values(stacks.api.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 });
    // Each anonymous route has its class's own, lower, limits (`shared/http/route-classes.ts`).
    for (const r of ALL_ROUTES.filter((r) => r.access === 'public')) {
      const { ratePerSecond, burst } = ROUTE_CLASSES[routeClass(r)];
      expect([r.path, stage.RouteSettings[`${r.method} ${r.path}`]]).toEqual([
        r.path,
        { ThrottlingRateLimit: ratePerSecond, ThrottlingBurstLimit: burst },
      ]);
    }
    expect(stage.RouteSettings['GET /links/{token}'].ThrottlingRateLimit).toBeLessThan(100);
    expect(Object.keys(stage.RouteSettings)).toHaveLength(ALL_ROUTES.filter((r) => r.access === 'public').length);
    expect(stage.AccessLogSettings.Format).not.toMatch(/sourceIp|\$context\.path|userAgent/);
  });
});

describe('the jobs stack', () => {
  it('schedules every job of the catalog in America/New_York, retried, then dead-lettered', () => {
    const schedules = Object.values(stacks.jobs.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);
    expect(schedules).toHaveLength(JOBS.length);
    for (const schedule of schedules) {
      expect(schedule.ScheduleExpressionTimezone).toBe('America/New_York');
      expect(schedule.Target.RetryPolicy.MaximumRetryAttempts).toBe(3);
      expect(schedule.Target.DeadLetterConfig.Arn).toBeDefined();
      expect(JSON.parse(schedule.Target.Input).job).toMatch(/^[a-z-]+$/);
    }
    stacks.jobs.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
    stacks.jobs.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'EmailsUnknown',
      Namespace: 'CeCertification',
    });
  });

  it('lets functions send email only from the configured identity', () => {
    const statements = Object.values(stacks.jobs.findResources('AWS::IAM::ManagedPolicy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: unknown; Condition?: unknown }[],
    );
    const ses = statements.filter((s) => JSON.stringify(s.Action).includes('ses:'));
    expect(ses.length).toBe(JOBS.length);
    for (const s of ses)
      expect(s.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'ce-certification@example.org' } });
  });
});

describe('the route table is the single source', () => {
  it('the OpenAPI document lists exactly the same operations', () => {
    const doc = openApiDocument(ALL_ROUTES) as unknown as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(routeKeys);
  });

  it('every operation id is unique', () => {
    expect(new Set(ALL_ROUTES.map((r) => r.operationId)).size).toBe(ALL_ROUTES.length);
  });
});

describe('cdk-nag (AwsSolutions, NIST SP 800-53 rev. 5)', () => {
  it('reports no unacknowledged finding, and every acknowledgement gives a reason', () => {
    expect(stacks.nag.pluginReports.map((p) => p.pluginName)).toEqual(['AwsSolutions', 'NIST.800.53.R5']);
    for (const plugin of stacks.nag.pluginReports) {
      expect([plugin.pluginName, plugin.violations]).toEqual([plugin.pluginName, []]);
      expect(plugin.conclusion).toBe('success');
      const unexplained = (plugin.suppressedViolations ?? [])
        .filter((v) => (v.reason ?? '').trim().length < 20)
        .map((v) => v.ruleName);
      expect(unexplained).toEqual([]);
    }
  });

  it('names the NIST control each NIST acknowledgement answers', () => {
    const nist = stacks.nag.pluginReports.find((p) => p.pluginName === 'NIST.800.53.R5')!;
    const acknowledged = nist.suppressedViolations ?? [];
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const v of acknowledged)
      expect([v.ruleName, v.reason]).toEqual([v.ruleName, expect.stringMatching(/^[A-Z]{2}-\d+/)]);
  });

  it('acknowledges only what cannot be fixed: Lambda outside a VPC, and no dead-letter queue for synchronous callers', () => {
    const nist = stacks.nag.pluginReports.find((p) => p.pluginName === 'NIST.800.53.R5')!;
    const count = (rule: string) =>
      (nist.suppressedViolations ?? [])
        .filter((v) => v.ruleName === `NIST.800.53.R5-${rule}`)
        .reduce((n, v) => n + v.violatingConstructs.length, 0);
    // The API areas, the jobs, the sign-up trigger, the scan-result handler and the audit archiver.
    const functions = API_AREAS.length + JOBS.length + 3;
    // The web stack's custom resources (the web ACL reader, the app's upload) run only while CloudFormation deploys.
    const deployTime = Object.keys(stacks.web.findResources('AWS::Lambda::Function')).length;
    expect(deployTime).toBe(2);
    expect(count('LambdaInsideVPC')).toBe(functions + deployTime);
    // Synchronous (the API areas, the sign-up trigger), and the archiver, polled from the stream (its failures go to
    // the mapping's on-failure queue).
    expect(count('LambdaDLQ')).toBe(API_AREAS.length + 1 + 1 + deployTime);
    expect(count('LambdaConcurrency')).toBe(deployTime);
    for (const fixed of ['CloudWatchLogGroupEncrypted', 'IAMNoInlinePolicy'])
      expect([fixed, count(fixed)]).toEqual([fixed, 0]);
  });
});
