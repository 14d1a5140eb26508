import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../infra/memoApiStack.js';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT_SECONDS, MEMO_FIELDS, SUBSCRIPTION_FIELDS } from '../../resolvers/fields.js';
import { readStoreConfig } from '../../resolvers/store/config.js';
import { bundleResolverCode } from '../../infra/resolverCode.js';
import { synthMemoApp, type SynthesizedMemoApp } from '../../infra/assembly/synthMemoApp.js';
import { findFieldWiring, type CfnResource } from '../../infra/assembly/templateLookup.js';

/** A synth takes seconds alone, far longer while other suites load the machine. */
const SYNTH_TIMEOUT_MS = 240_000;

let synthesized: SynthesizedMemoApp;
let template: Template;

beforeAll(() => {
  synthesized = synthMemoApp({ bundle: false });
  template = synthesized.template;
}, SYNTH_TIMEOUT_MS);
afterAll(() => synthesized?.dispose());

describe('memoTable', () => {
  it('is keyed by memoId (S), on demand, with PITR and AWS-managed encryption', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'memoId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TableName: Match.absent(),
    });
  });

  it('lets DynamoDB TTL remove tombstones by their expiresAt', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('has the byOwner index listMemos queries and the byOwnerChange index memoChanges queries, all attributes', () => {
    const table = Object.values(template.findResources('AWS::DynamoDB::Table'))[0]!;
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byOwner',
        KeySchema: [
          { AttributeName: 'ownerId', KeyType: 'HASH' },
          { AttributeName: 'createdAtId', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'byOwnerChange',
        KeySchema: [
          { AttributeName: 'ownerId', KeyType: 'HASH' },
          { AttributeName: 'changedAtId', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    expect(table.Properties.AttributeDefinitions).toEqual([
      { AttributeName: 'memoId', AttributeType: 'S' },
      { AttributeName: 'ownerId', AttributeType: 'S' },
      { AttributeName: 'createdAtId', AttributeType: 'S' },
      { AttributeName: 'changedAtId', AttributeType: 'S' },
    ]);
  });

  it('is retained, with its logs, when the stack is deleted by default', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    for (const logGroup of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(logGroup.DeletionPolicy).toBe('Retain');
    }
  });

  it('is deleted with the stack only on a stage flagged destroyOnRemoval=true', { timeout: SYNTH_TIMEOUT_MS }, () => {
    const throwaway = synthMemoApp({ bundle: false, context: { stage: 'ci', destroyOnRemoval: 'true' } });
    try {
      expect(throwaway.stack.stackName).toBe('MemoApi-ci');
      throwaway.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
      throwaway.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { Name: 'memo-api-ci' });
    } finally {
      throwaway.dispose();
    }
  });

  it('rejects a stage name that cannot name a stack', { timeout: SYNTH_TIMEOUT_MS }, () => {
    expect(() => synthMemoApp({ bundle: false, context: { stage: 'Prod Stage' } })).toThrow(/context stage=/);
  });
});

describe('GraphQL API', () => {
  it('deploys schema.graphql byte-for-byte', () => {
    const schemas = Object.values(template.findResources('AWS::AppSync::GraphQLSchema'));
    expect(schemas).toHaveLength(1);
    expect(schemas[0]!.Properties.Definition).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it("authorizes with the stack's user pool (its app client's tokens) by default and IAM as the additional mode", () => {
    const poolId = Object.keys(template.findResources('AWS::Cognito::UserPool'))[0];
    const clientId = Object.keys(template.findResources('AWS::Cognito::UserPoolClient'))[0];
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      UserPoolConfig: {
        UserPoolId: { Ref: poolId },
        AwsRegion: { Ref: 'AWS::Region' },
        DefaultAction: 'ALLOW',
        AppIdClientRegex: { 'Fn::Join': ['', ['^', { Ref: clientId }, '$']] },
      },
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
    });
  });

  it('has no API key, as a resource or as an auth mode', () => {
    template.resourceCountIs('AWS::AppSync::ApiKey', 0);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/API_KEY|ApiKey/);
  });

  it('logs errors without verbose content through its own role, and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      LogConfig: {
        FieldLogLevel: 'ERROR',
        ExcludeVerboseContent: true,
        CloudWatchLogsRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MemoApiLogsRole'), 'Arn'] },
      },
      XrayEnabled: true,
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [Match.anyValue(), 'ApiId'] }]] },
      RetentionInDays: 30,
    });
  });

  it('adds no LogRetention custom resource (log groups carry their own retention)', () => {
    template.resourceCountIs('Custom::LogRetention', 0);
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  it('outputs what a client needs to sign in and call it, and the table name', () => {
    const outputs = template.findOutputs('*');
    const id = (type: string) => Object.keys(template.findResources(type))[0];
    const apiId = id('AWS::AppSync::GraphQLApi');
    expect(Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.Value]))).toEqual({
      GraphQLUrl: { 'Fn::GetAtt': [apiId, 'GraphQLUrl'] },
      RealtimeUrl: { 'Fn::GetAtt': [apiId, 'RealtimeUrl'] },
      ApiId: { 'Fn::GetAtt': [apiId, 'ApiId'] },
      UserPoolId: { Ref: id('AWS::Cognito::UserPool') },
      UserPoolClientId: { Ref: id('AWS::Cognito::UserPoolClient') },
      Region: { Ref: 'AWS::Region' },
      TableName: { Ref: id('AWS::DynamoDB::Table') },
    });
  });
});

/** The logical id of the page-token secret (the stack's one Secrets Manager secret). */
function findPageTokenSecretId(): string {
  const secrets = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
  expect(secrets).toHaveLength(1);
  return secrets[0]!;
}

describe('the page-token secret', () => {
  // It used to be the table's physical name, which the stack outputs.
  it('is generated by Secrets Manager (64 characters) and appears in no output, no literal and no other resource', () => {
    const id = findPageTokenSecretId();
    expect(template.toJSON().Resources[id].Properties).toMatchObject({
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    expect(template.toJSON().Resources[id].Properties.SecretString).toBeUndefined();
    const outputs = JSON.stringify(template.toJSON().Outputs ?? {});
    expect(outputs).not.toContain(id);
    // Only the function's environment refers to it (a reference CloudFormation resolves at deploy).
    const referrers = Object.entries(template.toJSON().Resources as Record<string, unknown>)
      .filter(([key, resource]) => key !== id && JSON.stringify(resource).includes(`"Ref":"${id}"`))
      .map(([, resource]) => (resource as { Type: string }).Type);
    expect(referrers).toEqual(['AWS::Lambda::Function']);
  });
});

/** The stack's one Lambda function, found by type rather than through a field. */
function onlyFunction(): { functionId: string; fn: CfnResource } {
  const functions = Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, CfnResource>);
  expect(functions).toHaveLength(1);
  const [functionId, fn] = functions[0]!;
  return { functionId, fn };
}

describe('the memo function', () => {
  it('is one Node 24 arm64 function with TABLE_NAME, the page-token secret, Powertools settings and source maps', () => {
    const { fn } = onlyFunction();
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: FUNCTION_MEMORY_MB,
      Timeout: FUNCTION_TIMEOUT_SECONDS,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: findTableId(template) },
          PAGE_TOKEN_SECRET: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: findPageTokenSecretId() }, ':SecretString:::}}']] },
          POWERTOOLS_SERVICE_NAME: 'memo-api',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          TOMBSTONE_RETENTION_DAYS: '30',
        },
      },
    });
    expect(fn.Properties.Environment.Variables.DYNAMODB_ENDPOINT).toBeUndefined();
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
    expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(30);
  });

  it('sets exactly the settings the store reads (readStoreConfig), under the names it reads them by', () => {
    const variables = onlyFunction().fn.Properties.Environment.Variables as Record<string, unknown>;
    // A value CloudFormation fills in at deploy (a Ref, a secret reference) stands in as a long placeholder.
    const deployed = Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : 'x'.repeat(64)]),
    );
    const read = new Set<string>();
    const env = new Proxy(deployed, {
      get: (target, name) => (typeof name === 'string' && read.add(name), Reflect.get(target, name) as unknown),
    });
    expect(() => readStoreConfig(env)).not.toThrow();
    const storeSettings = Object.keys(variables).filter((name) => !name.startsWith('POWERTOOLS_'));
    expect(storeSettings.filter((name) => !read.has(name))).toEqual([]);
  });

  it('is the only Lambda data source, and serves exactly the MEMO_FIELDS fields', () => {
    const { functionId } = onlyFunction();
    const lambdaSources = Object.values(template.findResources('AWS::AppSync::DataSource', { Properties: { Type: 'AWS_LAMBDA' } }));
    expect(lambdaSources).toHaveLength(1);
    expect(lambdaSources[0]!.Properties.LambdaConfig).toEqual({ LambdaFunctionArn: { 'Fn::GetAtt': [functionId, 'Arn'] } });
    const served = Object.values(
      template.findResources('AWS::AppSync::Resolver', { Properties: { DataSourceName: lambdaSources[0]!.Properties.Name } }),
    ).map((resolver) => `${resolver.Properties.TypeName}.${resolver.Properties.FieldName}`);
    expect(served.sort()).toEqual(MEMO_FIELDS.map((field) => `${field.typeName}.${field.fieldName}`).sort());
  });
});

describe.each(MEMO_FIELDS.map((field) => [`${field.typeName}.${field.fieldName}`, field] as const))('%s', (_name, field) => {
  it('is resolved by the shared APPSYNC_JS code in front of the memo function', () => {
    const { resolver, dataSource, functionId, roleId, invokeRoleId } = findFieldWiring(template, field.fieldName);
    expect(resolver.Properties).toMatchObject({
      TypeName: field.typeName,
      Kind: 'UNIT',
      Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
      Code: bundleResolverCode(),
    });
    expect(dataSource.Properties).toMatchObject({
      Type: 'AWS_LAMBDA',
      LambdaConfig: { LambdaFunctionArn: { 'Fn::GetAtt': [functionId, 'Arn'] } },
    });
    // Every field leads to the same function, execution role and invoke role.
    const { fn } = onlyFunction();
    expect(functionId).toBe(onlyFunction().functionId);
    expect(roleId).toBe(fn.Properties.Role['Fn::GetAtt'][0]);
    expect(invokeRoleId).toBe(findFieldWiring(template, MEMO_FIELDS[0]!.fieldName).invokeRoleId);
  });
});

describe('subscriptions', () => {
  it('share one NONE data source', () => {
    const noneSources = Object.values(template.findResources('AWS::AppSync::DataSource', { Properties: { Type: 'NONE' } }));
    expect(noneSources).toHaveLength(1);
    const subscriptionResolvers = Object.values(
      template.findResources('AWS::AppSync::Resolver', { Properties: { TypeName: 'Subscription' } }),
    );
    expect(subscriptionResolvers.map((resolver) => resolver.Properties.DataSourceName)).toEqual(
      SUBSCRIPTION_FIELDS.map(() => noneSources[0]!.Properties.Name),
    );
  });

  it.each(SUBSCRIPTION_FIELDS.map((field) => [field.fieldName, field] as const))(
    '%s runs the owner-filter code (APPSYNC_JS) as a unit resolver',
    (_name, field) => {
      template.hasResourceProperties('AWS::AppSync::Resolver', {
        TypeName: 'Subscription',
        FieldName: field.fieldName,
        Kind: 'UNIT',
        Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
        Code: bundleResolverCode(fileURLToPath(new URL(`../../${field.code}`, import.meta.url))),
      });
    },
  );

  it('cover onCreateMemo, onUpdateMemo and onDeleteMemo with the owner filter', () => {
    expect(SUBSCRIPTION_FIELDS.map((field) => [field.fieldName, field.code])).toEqual([
      ['onCreateMemo', 'resolvers/appsync/ownerSubscriptionFilter.ts'],
      ['onUpdateMemo', 'resolvers/appsync/ownerSubscriptionFilter.ts'],
      ['onDeleteMemo', 'resolvers/appsync/ownerSubscriptionFilter.ts'],
    ]);
  });
});

it('resolves exactly the fields in MEMO_FIELDS and SUBSCRIPTION_FIELDS, each once', () => {
  const resolved = Object.values(template.findResources('AWS::AppSync::Resolver')).map(
    (resolver) => `${resolver.Properties.TypeName}.${resolver.Properties.FieldName}`,
  );
  expect(resolved.sort()).toEqual([...MEMO_FIELDS, ...SUBSCRIPTION_FIELDS].map((field) => `${field.typeName}.${field.fieldName}`).sort());
});

function findTableId(template: Template): string {
  return Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]!;
}
