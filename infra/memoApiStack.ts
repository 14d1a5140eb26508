import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT_SECONDS, MEMO_FIELDS, SUBSCRIPTION_FIELDS } from '../resolvers/fields.js';
import { MEMO_TABLE_PARTITION_KEY, OWNER_INDEX } from '../resolvers/store/memoTableSchema.js';
import { MemoUserPool } from './memoUserPool.js';
import { bundleResolverCode } from './resolverCode.js';
import { tableAccessFor, tableResourceArn } from './tableAccess.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMA_FILE = `${REPO_ROOT}schema.graphql`;
export const ENV_CREDENTIALS_PROVIDER = `${REPO_ROOT}infra/lambdaBundle/envCredentialsProvider.ts`;

export interface MemoApiStackProps extends StackProps {
  /** Names the API (`memo-api-<stage>`); the app also puts it in the stack name. */
  readonly stage: string;
  /** A throwaway stage: `cdk destroy` deletes the table, user pool and logs instead of retaining them. */
  readonly destroyOnRemoval: boolean;
  /** Lets the app client sign in with USER_PASSWORD_AUTH (scripts, the AWS CLI), besides SRP. */
  readonly allowPasswordAuth: boolean;
}

/**
 * memoTable with its owner index, the user pool, one Lambda per GraphQL field
 * (resolvers/fields.ts), and the AppSync API in front, with the owner filter on subscriptions.
 */
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
    table.addGlobalSecondaryIndex({
      indexName: OWNER_INDEX.name,
      partitionKey: { name: OWNER_INDEX.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: OWNER_INDEX.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType[OWNER_INDEX.projection],
    });

    const users = new MemoUserPool(this, 'MemoUsers', {
      stage: props.stage,
      removalPolicy,
      allowPasswordAuth: props.allowPasswordAuth,
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
      for (const grant of tableAccessFor(field.fieldName)) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({ actions: [...grant.actions], resources: [tableResourceArn(table.tableArn, grant.resource)] }),
        );
      }
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
      // No API key: every caller is a signed-in user (their memos) or IAM (back office).
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.USER_POOL,
          userPoolConfig: {
            userPool: users.userPool,
            // Tokens issued to this app client only, not to any client later added to the pool.
            appIdClientRegex: `^${users.client.userPoolClientId}$`,
            defaultAction: appsync.UserPoolDefaultAction.ALLOW,
          },
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
        'arguments and request headers (the Cognito token, the SigV4 signature) never reach CloudWatch.',
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

    // Subscriptions resolve on no data source: their code only sets the owner filter.
    const subscriptionSource = api.addNoneDataSource('SubscriptionFilterDataSource');
    for (const field of SUBSCRIPTION_FIELDS) {
      subscriptionSource.createResolver(`${pascalCase(field.fieldName)}Resolver`, {
        typeName: field.typeName,
        fieldName: field.fieldName,
        runtime: appsync.FunctionRuntime.JS_1_0_0,
        code: appsync.Code.fromInline(bundleResolverCode(`${REPO_ROOT}${field.code}`)),
      });
    }

    new CfnOutput(this, 'GraphQLUrl', { value: api.graphqlUrl });
    new CfnOutput(this, 'RealtimeUrl', { value: cfnApi.attrRealtimeUrl });
    new CfnOutput(this, 'ApiId', { value: api.apiId });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
    new CfnOutput(this, 'Region', { value: this.region });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}

function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
