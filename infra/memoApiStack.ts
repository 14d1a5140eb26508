import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Expiration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT_SECONDS, MEMO_FIELDS } from '../resolvers/fields.js';
import { MEMO_TABLE_PARTITION_KEY } from '../resolvers/store/memoTableSchema.js';
import { bundleResolverCode } from './resolverCode.js';
import { tableActionsFor } from './tableAccess.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMA_FILE = `${REPO_ROOT}schema.graphql`;
export const ENV_CREDENTIALS_PROVIDER = `${REPO_ROOT}infra/lambdaBundle/envCredentialsProvider.ts`;

export interface MemoApiStackProps extends StackProps {
  /** Names the API (`memo-api-<stage>`); the app also puts it in the stack name. */
  readonly stage: string;
  /** A throwaway stage: `cdk destroy` deletes the table and logs instead of retaining them. */
  readonly destroyOnRemoval: boolean;
}

/** memoTable, one Lambda per GraphQL field (resolvers/fields.ts), and the AppSync API in front. */
export class MemoApiStack extends Stack {
  constructor(scope: Construct, id: string, props: MemoApiStackProps) {
    super(scope, id, props);
    const removalPolicy = props.destroyOnRemoval ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const logRetention = logs.RetentionDays.ONE_MONTH;

    const table = new dynamodb.Table(this, 'MemoTable', {
      partitionKey: { name: MEMO_TABLE_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy,
    });

    const functions = MEMO_FIELDS.map((field) => {
      const id = pascalCase(field.fieldName);
      const logGroup = new logs.LogGroup(this, `${id}Logs`, { retention: logRetention, removalPolicy });
      // Own role instead of the managed AWSLambdaBasicExecutionRole (log writes to every group).
      const role = new iam.Role(this, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      logGroup.grantWrite(role);
      const fn = new NodejsFunction(this, `${id}Function`, {
        entry: `${REPO_ROOT}${field.entry}`,
        handler: 'handler',
        projectRoot: REPO_ROOT,
        depsLockFilePath: `${REPO_ROOT}package-lock.json`,
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: FUNCTION_MEMORY_MB, // why 512: resolvers/fields.ts
        timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS), // why 10 s: resolvers/fields.ts
        role,
        logGroup,
        tracing: Tracing.ACTIVE,
        environment: {
          TABLE_NAME: table.tableName,
          POWERTOOLS_SERVICE_NAME: 'memo-api',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        },
        bundling: {
          forceDockerBundling: false,
          format: OutputFormat.ESM,
          // Bundled SDK v3 (not the runtime's copy): pinned by our lockfile, faster cold start.
          externalModules: [],
          mainFields: ['module', 'main'],
          minify: true,
          // Maps ship for reading stack traces; enabling them at run time (NODE_OPTIONS=
          // --enable-source-maps) parses them on every cold start (+12 ms, ~25 %, in npm run bench).
          sourceMap: true,
          sourcesContent: false,
          logLevel: LogLevel.WARNING,
          esbuildArgs: { '--alias': `@aws-sdk/credential-provider-node=${ENV_CREDENTIALS_PROVIDER}` },
          // No createRequire banner: with ESM entry points first, nothing in the bundle calls
          // require() (test/infra/bundles.test.ts checks that esbuild's require shim is absent).
        },
      });
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: [...tableActionsFor(field.fieldName)], resources: [table.tableArn] }),
      );
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords accept no resource but "*".',
      });
      return { field, id, fn };
    });

    // AppSync writes request logs with this role: only to the API's own log group below.
    const apiLogsRole = new iam.Role(this, 'MemoApiLogsRole', {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
    });
    const api = new appsync.GraphqlApi(this, 'MemoApi', {
      name: `memo-api-${props.stage}`,
      definition: appsync.Definition.fromFile(SCHEMA_FILE),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.API_KEY,
          // The maximum AppSync allows, counted from synth time: every deploy renews it.
          apiKeyConfig: { description: 'Default memo API key', expires: Expiration.after(Duration.days(365)) },
        },
        additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.IAM }],
      },
      xrayEnabled: true,
    });
    // Set on the L1: the L2's logConfig always adds a LogRetention custom resource (a Lambda with
    // a managed policy and logs:* on "*") even when the log group below already sets retention.
    const cfnApi = api.node.defaultChild as appsync.CfnGraphQLApi;
    cfnApi.logConfig = {
      cloudWatchLogsRoleArn: apiLogsRole.roleArn,
      fieldLogLevel: appsync.FieldLogLevel.ERROR,
      excludeVerboseContent: true,
    };
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-ASC3',
      reason:
        'Request logging is on (field level ERROR); verbose content is excluded on purpose so that memo text, ' +
        'arguments and request headers (the API key) never reach CloudWatch.',
    });
    // The name AppSync logs to; created here to give it a retention and a removal policy.
    const apiLogGroup = new logs.LogGroup(this, 'MemoApiLogs', {
      logGroupName: `/aws/appsync/apis/${api.apiId}`,
      retention: logRetention,
      removalPolicy,
    });
    apiLogGroup.grantWrite(apiLogsRole);

    const resolverCode = appsync.Code.fromInline(bundleResolverCode());
    for (const { field, id, fn } of functions) {
      // A role per data source that may invoke exactly its function (CDK's default role would
      // also allow `<function arn>:*`, i.e. every version and alias).
      const invokeRole = new iam.Role(this, `${id}InvokeRole`, {
        assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      });
      invokeRole.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
      const dataSource = new appsync.LambdaDataSource(this, `${id}DataSource`, {
        api,
        lambdaFunction: fn,
        serviceRole: invokeRole.withoutPolicyUpdates(),
      });
      dataSource.createResolver(`${id}Resolver`, {
        typeName: field.typeName,
        fieldName: field.fieldName,
        runtime: appsync.FunctionRuntime.JS_1_0_0,
        code: resolverCode,
      });
    }

    const apiKey = api.node.children.find((child) => child instanceof appsync.CfnApiKey);
    new CfnOutput(this, 'GraphQLUrl', { value: api.graphqlUrl });
    new CfnOutput(this, 'RealtimeUrl', { value: cfnApi.attrRealtimeUrl });
    new CfnOutput(this, 'ApiId', { value: api.apiId });
    // The key's ARN, not its id: AppSync's key id (da2-…) is itself the x-api-key value, and
    // outputs end up in deploy logs. `aws appsync list-api-keys` shows the key to whoever may see it.
    new CfnOutput(this, 'ApiKeyArn', { value: (apiKey as appsync.CfnApiKey).attrArn });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}

function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
