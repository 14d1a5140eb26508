import { fileURLToPath } from 'node:url';
import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT_SECONDS, MEMO_FUNCTION_ENTRY, type MemoField } from '../resolvers/fields.js';
import { SERVICE_NAME } from '../resolvers/lib/logger.js';
import { DEFAULT_TOMBSTONE_RETENTION_DAYS } from '../resolvers/store/config.js';
import { tableAccessForFields, tableResourceArn } from './tableAccess.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ENV_CREDENTIALS_PROVIDER = `${REPO_ROOT}infra/lambdaBundle/envCredentialsProvider.ts`;

export interface MemoFunctionProps {
  /** Every field the function serves: its role is the union of their DynamoDB grants (infra/tableAccess.ts). */
  readonly fields: readonly MemoField[];
  readonly table: dynamodb.Table;
  /** Signs page tokens; resolved into the environment at deploy time. */
  readonly pageTokenSecret: secretsmanager.Secret;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The one Lambda function behind every memo field (MEMO_FUNCTION_ENTRY dispatches on the field:
 * fewer cold starts per session, docs/performance.md §11), with its own log group and an execution
 * role holding the union of the fields' DynamoDB actions, each on its exact ARN.
 */
export class MemoFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: MemoFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    // Own role instead of the managed AWSLambdaBasicExecutionRole (log writes to every group).
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}${MEMO_FUNCTION_ENTRY}`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: FUNCTION_MEMORY_MB, // why 512: resolvers/fields.ts
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS), // why 10 s: resolvers/fields.ts
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        TABLE_NAME: props.table.tableName,
        PAGE_TOKEN_SECRET: props.pageTokenSecret.secretValue.unsafeUnwrap(), // a {{resolve:secretsmanager:…}} reference, not the value
        TOMBSTONE_RETENTION_DAYS: String(DEFAULT_TOMBSTONE_RETENTION_DAYS),
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
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
    // One statement per resource: the read fields run with the write fields' actions too (the
    // trade of one function, docs/deploy.md "IAM"); owner checks live in the code and conditions.
    for (const grant of tableAccessForFields(props.fields.map((field) => field.fieldName))) {
      this.fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: [...grant.actions], resources: [tableResourceArn(props.table.tableArn, grant.resource)] }),
      );
    }
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords accept no resource but "*".',
    });
  }
}
