import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, type CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { CORS } from '../../shared/http/cors';
import type { Area } from '../../shared/http/route';
import { ROUTE_CLASSES, type RouteClass, routeClass } from '../../shared/http/route-classes';
import { ALL_ROUTES, API_AREAS } from '../../shared/http/routes';
import { openApiText } from '../../shared/http/openapi-file';
import { OPENAPI_FILE, SWAGGER_ASSETS } from '../../shared/http/routes/docs';
import { apiTimeoutSeconds } from '../../shared/http/timeouts';
import { AREA_ACCESS } from '../areas';
import { functionName } from '../concurrency';
import type { DeployConfig } from '../config';
import { CeFunction, type FunctionSettings } from '../constructs/ce-function';
import { CredentialSigningKey } from '../constructs/credential-signing-key';
import { FONT_FILES, FONT_PACKAGE_DIR } from '../../shared/http/render/certificate-fonts';
import type { FilesStack } from './files-stack';

export interface ApiStackProps extends StackProps {
  table: ITableV2;
  tableKey: IKey;
  /** Seals the link tokens of queued emails: the functions that email may encrypt and decrypt with it. */
  linkSealKey: IKey;
  functions: FunctionSettings;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  /** The staff's app client: its tokens are accepted too, and a staff role's must come from it. */
  staffClient: IUserPoolClient;
  config: DeployConfig;
  alarmTopic: ITopic;
  configurationSet: IConfigurationSet;
  /** The homework-files bucket, for the areas that sign its uploads and downloads. */
  homeworkFiles: FilesStack;
}

/**
 * The HTTP API: one route per entry of the route table, one Lambda function per area of the domain, a Cognito JWT
 * authorizer on every route that is not public.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Partial<Record<Area, CeFunction>> = {};
  /** The credentials' signing key (the trail stack alarms on any other signer). */
  readonly signingKey: CredentialSigningKey;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'CT Customized Employment certification API',
      corsPreflight: {
        allowOrigins: config.allowedOrigins,
        allowHeaders: [...CORS.allowHeaders],
        allowMethods: CORS.allowMethods.map((method) => CorsHttpMethod[method]),
        exposeHeaders: [...CORS.exposeHeaders],
        maxAge: Duration.seconds(CORS.maxAgeSeconds),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.functions.logs.retention,
      encryptionKey: props.functions.logs.key,
    });
    const stage = this.api.defaultStage!.node.defaultChild as CfnStage;
    // No source IP, path or query in the access log: paths can carry link tokens and IPs are personal data.
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationLatencyMs: '$context.integrationLatency',
        integrationError: '$context.integrationErrorMessage',
        authorizerError: '$context.authorizer.error',
      }),
    };
    // Per route, for all callers together (`shared/http/route-classes.ts`): the anonymous routes get lower limits of
    // their own, so a flood of them cannot take the functions' reserved concurrency from the signed-in routes.
    const throttle = (cls: RouteClass) => ({
      throttlingRateLimit: ROUTE_CLASSES[cls].ratePerSecond,
      throttlingBurstLimit: ROUTE_CLASSES[cls].burst,
    });
    stage.defaultRouteSettings = throttle('signed-in');
    // A map of raw CloudFormation values: its property names are written as CloudFormation spells them.
    stage.routeSettings = Object.fromEntries(
      ALL_ROUTES.filter((r) => routeClass(r) !== 'signed-in').map((r) => {
        const { throttlingRateLimit, throttlingBurstLimit } = throttle(routeClass(r));
        return [
          `${r.method} ${r.path}`,
          { ThrottlingRateLimit: throttlingRateLimit, ThrottlingBurstLimit: throttlingBurstLimit },
        ];
      }),
    );

    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.userPool, {
      userPoolClients: [props.userPoolClient, props.staffClient],
    });
    const sesIdentityArn = this.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: config.senderEmail.split('@')[1] ?? config.senderEmail,
    });

    const signingKey = new CredentialSigningKey(this, 'CredentialSigningKey');
    this.signingKey = signingKey;

    for (const area of API_AREAS) {
      const access = AREA_ACCESS[area];
      const fn = new CeFunction(this, `Api-${area}`, {
        ...props.functions,
        name: functionName.api(area),
        invocation: { type: 'synchronous', caller: 'API Gateway (the HTTP API answers the client with the error)' },
        entry: `functions/${area}/handler.ts`,
        description: `API: ${access.description}`,
        environment: {
          SENDER_EMAIL: config.senderEmail,
          ADS_NOTIFY_EMAILS: config.adsNotifyEmails.join(','),
          DDS_NOTICE_RECIPIENTS: config.ddsNoticeRecipients.join(','),
          SES_CONFIGURATION_SET: props.configurationSet.configurationSetName,
          STAFF_CLIENT_ID: props.staffClient.userPoolClientId,
        },
        addFiles: area === 'docs' ? docsFiles : area === 'certificate-pdf' ? fontFiles : undefined,
        timeout: Duration.seconds(apiTimeoutSeconds(area)),
      }).bindTable(props.table, access.table, props.tableKey);
      if (access.sendsEmail) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            resources: [
              sesIdentityArn,
              this.formatArn({
                service: 'ses',
                resource: 'configuration-set',
                resourceName: props.configurationSet.configurationSetName,
              }),
            ],
            conditions: { StringEquals: { 'ses:FromAddress': config.senderEmail } },
          }),
        );
        fn.grantLinkSeal(props.linkSealKey);
      }
      if (access.homeworkFiles) props.homeworkFiles.grantCourseFunction(fn);
      if (access.managesAccounts) {
        fn.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: [
              'cognito-idp:AdminCreateUser',
              'cognito-idp:AdminAddUserToGroup',
              'cognito-idp:AdminListGroupsForUser',
              'cognito-idp:AdminRemoveUserFromGroup',
              'cognito-idp:AdminDisableUser',
              'cognito-idp:AdminEnableUser',
              'cognito-idp:AdminUserGlobalSignOut',
            ],
            resources: [props.userPool.userPoolArn],
          }),
        );
      }
      if (area === 'credentials') {
        fn.addEnvironment('CREDENTIAL_KMS_KEY_ID', signingKey.key.keyArn);
        signingKey.grantSigning(fn);
      }
      if (area === 'certificate-pdf') fn.addEnvironment('CERTIFICATE_FONT_DIR', '/var/task/fonts');
      this.functions[area] = fn;
      new Alarm(this, `Throttles-${area}`, {
        alarmDescription: `The ${area} function is being throttled`,
        metric: fn.metricThrottles({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(props.alarmTopic));
    }

    const integrations = new Map<Area, HttpLambdaIntegration>();
    for (const r of ALL_ROUTES) {
      let integration = integrations.get(r.area);
      if (!integration) {
        integration = new HttpLambdaIntegration(`Integration-${r.area}`, this.functions[r.area]!);
        integrations.set(r.area, integration);
      }
      const [route] = this.api.addRoutes({
        path: r.path,
        methods: [HttpMethod[r.method]],
        integration,
        authorizer: r.access === 'public' ? undefined : authorizer,
      });
      if (r.access === 'public') {
        Validations.of(route!).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason: `Public by design: ${r.summary}`,
        });
      }
    }

    new Alarm(this, 'ServerErrors', {
      alarmDescription: 'The API answered with 5xx errors',
      metric: this.api.metricServerError({ period: Duration.minutes(5) }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alarmTopic));

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'DocsUrl', { value: `${this.api.apiEndpoint}/docs` });
  }

  /**
   * Where the functions' email links point (`PUBLIC_BASE_URL`): the web domain. Set after construction because the
   * web distribution is built on this API (it is its origin).
   */
  setPublicBaseUrl(url: string) {
    for (const fn of Object.values(this.functions)) fn.addEnvironment('PUBLIC_BASE_URL', url);
  }
}

/**
 * Beside the docs bundle: Swagger UI's files, and the OpenAPI document built here from the route table (the same
 * text the function would build; it serves this file instead, see `functions/docs/handler.ts`).
 */
export function docsFiles(outputDir: string): void {
  for (const asset of SWAGGER_ASSETS) cpSync(`node_modules/swagger-ui-dist/${asset}`, join(outputDir, asset));
  writeFileSync(join(outputDir, OPENAPI_FILE), openApiText());
}

/** Public Sans for the certificate PDF, copied next to the bundle (PDFKit embeds it from a file). */
function fontFiles(outputDir: string): void {
  for (const font of FONT_FILES) {
    cpSync(join(FONT_PACKAGE_DIR, font), join(outputDir, 'fonts', font));
  }
}
