import { ArnFormat, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { classPaths, ROUTE_CLASSES, type RouteClass } from '../../shared/http/route-classes';
import { ALL_ROUTES } from '../../shared/http/routes';
import { API_PREFIX, isServerRendered } from '../../shared/http/web-paths';

export interface WafStackProps extends StackProps {
  /** Requests one IP address may make in 5 minutes before it is blocked (`ce:wafRateLimit`). */
  rateLimit: number;
  logRetention: RetentionDays;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  metricName,
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
});

const managedRules = (
  priority: number,
  name: string,
  ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[],
) => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides } },
  visibilityConfig: visibility(name),
});

/**
 * One class of routes as WAF sees them on the web domain: each route's path under the API prefix and, for the
 * server-rendered pages that keep their own paths (links, verification), at the root too.
 */
const classStatement = (cls: RouteClass): CfnWebACL.StatementProperty => {
  const matchers = classPaths(ALL_ROUTES, cls).flatMap(({ path, exact }) =>
    [`${API_PREFIX}${path}`, ...(isServerRendered(path) ? [path] : [])].map((searchString) => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: exact ? 'EXACTLY' : 'STARTS_WITH',
        searchString,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    })),
  );
  return matchers.length === 1 ? matchers[0]! : { orStatement: { statements: matchers } };
};

/** A per-IP rate rule for one class of routes (`shared/http/route-classes.ts`). */
const classRateRule = (priority: number, cls: RouteClass, name: string): CfnWebACL.RuleProperty => ({
  name,
  priority,
  action: { block: {} },
  statement: {
    rateBasedStatement: {
      limit: ROUTE_CLASSES[cls].perIpPerFiveMinutes!,
      aggregateKeyType: 'IP',
      evaluationWindowSec: 300,
      scopeDownStatement: classStatement(cls),
    },
  },
  visibilityConfig: visibility(name),
});

/**
 * The web domain's AWS WAF web ACL. A web ACL for CloudFront must be created in us-east-1, so this stack lives there
 * whatever the app's region. The distribution (in the app's region) finds the ACL's ARN in an SSM parameter of this
 * stack, read across regions at deploy time: `crossRegionReferences` would need every consuming stack pinned to a
 * region, and the app's stacks are region-agnostic so that `cdk synth` runs offline.
 */
export class WafStack extends Stack {
  /** Where the web ACL's ARN is published, in us-east-1. */
  static readonly WEB_ACL_ARN_PARAMETER = '/ce-certification/web-acl-arn';
  /** CloudFront's web ACLs and their logging exist only in us-east-1. */
  static readonly REGION = 'us-east-1';
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WafStackProps) {
    super(scope, id, props);

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description:
        'CE certification web domain: per-IP rate limits - overall, token links, public reads - AWS managed common and known-bad-input rules',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('ce-web'),
      rules: [
        {
          name: 'RatePerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('RatePerIp'),
        },
        // Tighter per-IP limits for the anonymous routes, by class: guessing link tokens, scraping the public reads.
        classRateRule(3, 'token-link', 'RatePerIpTokenLinks'),
        classRateRule(4, 'public', 'RatePerIpPublicReads'),
        // Bodies over 8 KB are counted, not blocked: rosters and allocation decisions can be larger; the API checks
        // every body with its schemas, and API Gateway caps payloads.
        managedRules(1, 'AWSManagedRulesCommonRuleSet', [
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
        managedRules(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    // WAF logs must go to a log group named `aws-waf-logs-…`, encrypted here with a key of this region.
    const logsKey = new Key(this, 'WafLogsKey', {
      enableKeyRotation: true,
      description: "Encrypts the CE certification web ACL's logs",
    });
    logsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': this.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: 'aws-waf-logs-*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    const logs = new LogGroup(this, 'WafLogs', {
      logGroupName: 'aws-waf-logs-ce-certification',
      retention: props.logRetention,
      encryptionKey: logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Paths and query strings can carry link tokens, and the Authorization header a person's token.
    new CfnLoggingConfiguration(this, 'WebAclLogging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the trailing `:*` that `logGroupArn` carries.
      logDestinationConfigs: [
        this.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ uriPath: {} }, { queryString: {} }, { singleHeader: { Name: 'authorization' } }],
    });

    new StringParameter(this, 'WebAclArn', {
      parameterName: WafStack.WEB_ACL_ARN_PARAMETER,
      description: "The CE certification web ACL's ARN, read by the distribution's stack in the app's region",
      stringValue: this.webAcl.attrArn,
    });
  }
}
