import {
  Annotations,
  CfnOutput,
  CfnRule,
  Duration,
  Fn,
  NestedStack,
  type NestedStackProps,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  type FunctionAssociation,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { AwsCustomResource, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import {
  cacheControlFor,
  STATIC_SECURITY_HEADERS,
  staticContentSecurityPolicy,
  WEB_CONFIG_PATH,
  type WebConfig,
} from '../../shared/http/static-headers';
import { API_PREFIX, SERVER_RENDERED_PATTERNS } from '../../shared/http/web-paths';
import type { WebDeployConfig } from '../config';
import type { FunctionSettings } from '../constructs/ce-function';
import { ManagedPolicyRole } from '../constructs/managed-policy-role';
import { SPA_FALLBACK, STRIP_API_PREFIX } from '../web/viewer-request';
import { WafStack } from './waf-stack';

export interface WebStackProps extends NestedStackProps {
  httpApi: HttpApi;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  staffClient: IUserPoolClient;
  web: WebDeployConfig;
  logs: FunctionSettings['logs'];
  /** The homework-files bucket's upload origin (`filesUploadOrigin`): the browser posts files there. */
  uploadOrigin: string;
}

/** Cognito's regional endpoint, the one other origin the app talks to (sign-in). */
export const signInOrigin = (region: string, urlSuffix: string) => `https://cognito-idp.${region}.${urlSuffix}`;

/**
 * The web domain: one CloudFront distribution, behind the AWS WAF web ACL of `WafStack`, dividing its paths as
 * `shared/http/web-paths.ts` says. Static files come from a private bucket (origin access control) with the headers
 * of `shared/http/static-headers.ts`; `/api/*` and the server-rendered pages go to the HTTP API, uncached, with the
 * functions owning their headers. A stack nested in the API stack: the API's functions put the web domain in their
 * email links, and the distribution needs the API as an origin; nested, neither waits for a value the other has not
 * made yet.
 */
export class WebStack extends NestedStack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<web domain>`, where email links point (the API's and jobs' `PUBLIC_BASE_URL`). */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { web } = props;

    // The site bucket's access logs (the object keys CloudFront fetched: the app's files, never a token path), kept
    // for the records period; encrypted with S3's key (server access logs cannot use KMS).
    const logBucket = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [
        { expiration: Duration.days(props.logs.retention), noncurrentVersionExpiration: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'site-access/',
      // Old versions of replaced files are kept a month: enough to roll back a release by redeploying.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const region = Stack.of(this).region;
    const staticHeaders = (cacheControl: string, name: string) =>
      new ResponseHeadersPolicy(this, name, {
        comment: `The web app's static files: security headers, cache-control ${cacheControl}`,
        securityHeadersBehavior: staticSecurityHeaders(
          signInOrigin(region, Stack.of(this).urlSuffix),
          props.uploadOrigin,
        ),
        customHeadersBehavior: {
          customHeaders: [
            { header: 'permissions-policy', value: STATIC_SECURITY_HEADERS['permissions-policy'], override: true },
            { header: 'cache-control', value: cacheControl, override: true },
          ],
        },
      });

    const viewerRequest = (name: string, code: string, comment: string): FunctionAssociation[] => [
      {
        eventType: FunctionEventType.VIEWER_REQUEST,
        function: new CloudFrontFunction(this, name, {
          code: FunctionCode.fromInline(code),
          runtime: FunctionRuntime.JS_2_0,
          comment,
        }),
      },
    ];

    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const staticFiles = (cacheControl: string, policyName: string): BehaviorOptions => ({
      origin: siteOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: staticHeaders(cacheControl, policyName),
      compress: true,
    });

    // The HTTP API's own host name (`<id>.execute-api.<region>.amazonaws.com`), from its endpoint URL.
    const apiOrigin = new HttpOrigin(Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    // Every method, nothing cached, every viewer header (Authorization too) and the query string forwarded; the
    // Host header is CloudFront's (API Gateway routes by its own host name). No response-headers policy: the
    // functions own these paths' headers.
    const toApi = (functionAssociations?: FunctionAssociation[]): BehaviorOptions => ({
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      functionAssociations,
    });

    const assets = '/assets/';
    const assetsCacheControl = cacheControlFor(`${assets}x`);
    const otherCacheControl = cacheControlFor(WEB_CONFIG_PATH);

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'CE certification web domain',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        ...staticFiles(otherCacheControl, 'StaticHeaders'),
        functionAssociations: viewerRequest(
          'SpaFallback',
          SPA_FALLBACK,
          "Paths without a file name get the app's page",
        ),
      },
      additionalBehaviors: {
        [`${assets}*`]: staticFiles(assetsCacheControl, 'AssetHeaders'),
        [`${API_PREFIX}/*`]: toApi(
          viewerRequest('StripApiPrefix', STRIP_API_PREFIX, `${API_PREFIX}/x goes to the HTTP API as /x`),
        ),
        ...Object.fromEntries(SERVER_RENDERED_PATTERNS.map((pattern) => [pattern, toApi()])),
      },
      webAclId: this.webAclArn(props.logs),
      domainNames: web.customDomain ? [web.customDomain.name] : undefined,
      certificate: web.customDomain
        ? Certificate.fromCertificateArn(this, 'Certificate', web.customDomain.certificateArn)
        : undefined,
      minimumProtocolVersion: web.customDomain ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      // No CloudFront standard logs: their legacy form always records the URI path, and `/links/<token>` and
      // `/calendar-feeds/<token>` are working secrets (a viewer function cannot change what they record). The
      // web ACL's logs record every request instead, with the path, query string and Authorization redacted.
      enableLogging: false,
    });

    this.baseUrl = `https://${web.customDomain?.name ?? this.distribution.distributionDomainName}`;
    this.deployApp(props);
    new CfnOutput(this, 'WebUrl', { value: this.baseUrl });
    this.acknowledge(logBucket, !web.customDomain);
  }

  /** The findings that are decisions, each with its reason (cdk-nag). */
  private acknowledge(logBucket: Bucket, defaultCertificate: boolean) {
    const distribution = this.distribution.node.defaultChild!;
    if (defaultCertificate)
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions::AwsSolutions-CFR4',
        reason:
          "The distribution's own *.cloudfront.net certificate has a security policy AWS fixes; with ce:webDomain and ce:webCertificateArn the distribution requires TLS 1.2 (TLSv1.2_2021). Browsers in use negotiate TLS 1.2 or 1.3 either way.",
      });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions::AwsSolutions-CFR3',
      reason:
        "CloudFront's standard logs record the URI path, and the supervisors' and calendar feeds' paths carry working tokens; the web ACL logs every request to the distribution (time, action, rule, headers, country) with the path, query string and Authorization header redacted, kept for the records period.",
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions::AwsSolutions-CFR1',
      reason:
        "No geographic restriction: Connecticut's providers, learners and anyone verifying a certificate may be anywhere; AWS WAF's rate and managed rules protect the domain instead.",
    });
    Validations.of(this.bucket).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS',
      reason:
        'SC-28(1), SC-13a: the built web app is public by design (the same files every browser receives), holds no personal data, and is encrypted at rest with S3-managed keys; a customer key would add a KMS call to every cache miss without protecting anything secret.',
    });
    Validations.of(this.bucket).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
      reason:
        "CP-9, CP-10: the bucket's content is a build of the repository, redeployed by `cdk deploy` in minutes; versioning keeps the previous release's files for a month.",
    });
    Validations.of(logBucket).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS',
      reason:
        "SC-28(1), AU-9(3): S3 server access logs can only be delivered to a bucket encrypted with S3-managed keys, and this bucket receives the site bucket's access logs; it blocks public access and refuses non-TLS requests.",
    });
    Validations.of(logBucket).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
      reason:
        "AU-9(2), CP-9: request logs of the static files, kept for the records period in one region with versioning; the records that matter (the table's audit trail) are backed up and copied by AWS Backup.",
    });
    Validations.of(logBucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'This is the bucket that receives the access logs; logging its own access would loop.',
    });
    // The custom-resource functions (the web ACL reader, the app's upload) run only while CloudFormation deploys.
    for (const fn of this.node.findAll().filter((c) => c instanceof CfnFunction)) {
      const ack = (id: string, reason: string) => Validations.of(fn).acknowledge({ id, reason });
      ack(
        'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ',
        'SI-2a, CA-7: a deploy-time custom resource; CloudFormation waits for its answer and fails (and rolls back) the deployment when it fails, so nothing is lost to keep in a queue.',
      );
      ack(
        'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC',
        'SC-7, AC-4(21): a deploy-time custom resource that calls only AWS service endpoints (SSM, S3, CloudFront) over TLS with signed requests its role scopes; no VPC resource is reached.',
      );
      ack(
        'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency',
        "SC-6, CA-7: runs once per deployment, invoked only by CloudFormation; a reservation would take from the account's unreserved pool that the sized functions leave.",
      );
    }
  }

  /** The web ACL's ARN, read from its SSM parameter in us-east-1 when this stack deploys (see `WafStack`). */
  private webAclArn(logs: FunctionSettings['logs']): string {
    const parameterArn = Stack.of(this).formatArn({
      service: 'ssm',
      region: WafStack.REGION,
      resource: 'parameter',
      resourceName: WafStack.WEB_ACL_ARN_PARAMETER.slice(1),
    });
    const role = new ManagedPolicyRole(this, 'WebAclArnReaderRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Reads the web ACL's ARN from us-east-1 when the web stack deploys",
    });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn] }));
    const read = {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: WafStack.WEB_ACL_ARN_PARAMETER },
      region: WafStack.REGION,
      physicalResourceId: PhysicalResourceId.fromResponse('Parameter.Value'),
    };
    const reader = new AwsCustomResource(this, 'WebAclArn', {
      onCreate: read,
      onUpdate: read,
      role,
      installLatestAwsSdk: false,
      logGroup: deployTimeLogGroup(this, 'WebAclArnLogs', logs, role),
    });
    return reader.getResponseField('Parameter.Value');
  }

  /**
   * Uploads the built app with its runtime settings (`config.json`: this pool, this client, SRP sign-in with TOTP MFA
   * required). Files of earlier releases stay (no pruning): a browser still holding the previous `index.html` can
   * load its hashed assets. Without a built app the stack still synthesizes (tests, CI), and deploying it stops at
   * once with a message saying what to do.
   */
  private deployApp(props: WebStackProps) {
    const { distDir } = props.web;
    if (!distDir) {
      const message =
        'The web app is not built: build it into web/dist (or name its build with -c ce:webDist=<dir>) before cdk deploy';
      Annotations.of(this).addWarningV2('ce:web-app-not-built', message);
      new CfnRule(this, 'WebAppBuilt', {
        assertions: [{ assert: Fn.conditionEquals('built', 'not built'), assertDescription: message }],
      });
      return;
    }
    const config: WebConfig = {
      region: Stack.of(this).region,
      userPoolId: props.userPool.userPoolId,
      userPoolClientId: props.userPoolClient.userPoolClientId,
      staffClientId: props.staffClient.userPoolClientId,
      authFlow: 'USER_SRP_AUTH',
      mfa: 'required',
    };
    const role = new ManagedPolicyRole(this, 'AppDeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built web app into its bucket and invalidates the distribution',
    });
    new BucketDeployment(this, 'App', {
      sources: [Source.asset(distDir), Source.jsonData(WEB_CONFIG_PATH.slice(1), config)],
      destinationBucket: this.bucket,
      prune: false,
      distribution: this.distribution,
      memoryLimit: 512,
      role,
      logGroup: deployTimeLogGroup(this, 'AppDeploymentLogs', props.logs, role),
    });
    const ack = (finding: string, reason: string) =>
      Validations.of(role).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`, reason });
    const copying =
      "CDK's BucketDeployment grant: it reads the uploaded build from CDK's asset bucket and copies every file into the site bucket, so it needs the object-level actions on both buckets' objects.";
    for (const finding of [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
    ])
      ack(finding, copying);
    ack(
      'Resource::*',
      'CloudFront invalidations (create and read) cannot be scoped to one distribution by CDK here; the role may only invalidate cached copies, which CloudFront refetches from the origin.',
    );
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        "The upload function is CDK's BucketDeployment handler (Python with the AWS CLI), whose runtime CDK pins and upgrades with aws-cdk-lib; it runs only while CloudFormation deploys.",
    });
  }
}

/** A deploy-time function's log group (the app's logs key and retention), writable by its role only. */
function deployTimeLogGroup(scope: Construct, id: string, logs: FunctionSettings['logs'], role: ManagedPolicyRole) {
  const group = new LogGroup(scope, id, {
    retention: logs.retention,
    encryptionKey: logs.key,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  role.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [group.logGroupArn] }),
  );
  return group;
}

/**
 * The shared security headers as CloudFront's security-header settings (CloudFront refuses them as custom headers).
 * Read from `STATIC_SECURITY_HEADERS`, so a change there changes both servers; a value this cannot express fails.
 */
export function staticSecurityHeaders(signIn: string, upload: string) {
  const hsts = /^max-age=(\d+)(; includeSubDomains)?(; preload)?$/.exec(
    STATIC_SECURITY_HEADERS['strict-transport-security'],
  );
  const frame = { DENY: HeadersFrameOption.DENY, SAMEORIGIN: HeadersFrameOption.SAMEORIGIN }[
    STATIC_SECURITY_HEADERS['x-frame-options']
  ];
  const referrer = Object.values(HeadersReferrerPolicy).find((p) => p === STATIC_SECURITY_HEADERS['referrer-policy']);
  if (!hsts || !frame || !referrer || STATIC_SECURITY_HEADERS['x-content-type-options'] !== 'nosniff')
    throw new Error('shared/http/static-headers.ts has a header value CloudFront security headers cannot express');
  return {
    contentSecurityPolicy: { contentSecurityPolicy: staticContentSecurityPolicy(signIn, upload), override: true },
    strictTransportSecurity: {
      accessControlMaxAge: Duration.seconds(Number(hsts[1])),
      includeSubdomains: Boolean(hsts[2]),
      preload: Boolean(hsts[3]),
      override: true,
    },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption: frame, override: true },
    referrerPolicy: { referrerPolicy: referrer, override: true },
  };
}
