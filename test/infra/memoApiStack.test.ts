import { readFileSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../infra/memoApiStack.js';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import { bundleResolverCode } from '../../infra/resolverCode.js';
import { synthMemoApp, type SynthesizedMemoApp } from '../../infra/assembly/synthMemoApp.js';
import { findFieldWiring } from '../../infra/assembly/templateLookup.js';

let synthesized: SynthesizedMemoApp;
let template: Template;

beforeAll(() => {
  synthesized = synthMemoApp({ bundle: false });
  template = synthesized.template;
});
afterAll(() => synthesized?.dispose());

describe('memoTable', () => {
  it('is keyed by memoId (S), on demand, with PITR and AWS-managed encryption', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'memoId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'memoId', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TableName: Match.absent(),
    });
  });

  it('is retained, with its logs, when the stack is deleted by default', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    for (const logGroup of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(logGroup.DeletionPolicy).toBe('Retain');
    }
  });

  it('is deleted with the stack only on a stage flagged destroyOnRemoval=true', () => {
    const throwaway = synthMemoApp({ bundle: false, context: { stage: 'ci', destroyOnRemoval: 'true' } });
    try {
      expect(throwaway.stack.stackName).toBe('MemoApi-ci');
      throwaway.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
      throwaway.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { Name: 'memo-api-ci' });
    } finally {
      throwaway.dispose();
    }
  });

  it('rejects a stage name that cannot name a stack', () => {
    expect(() => synthMemoApp({ bundle: false, context: { stage: 'Prod Stage' } })).toThrow(/context stage=/);
  });
});

describe('GraphQL API', () => {
  it('deploys schema.graphql byte-for-byte', () => {
    const schemas = Object.values(template.findResources('AWS::AppSync::GraphQLSchema'));
    expect(schemas).toHaveLength(1);
    expect(schemas[0]!.Properties.Definition).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('authorizes with an API key by default and IAM as an additional mode', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'API_KEY',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
    });
  });

  it('issues an API key with an explicit expiry between 1 and 365 days ahead', () => {
    const keys = Object.values(template.findResources('AWS::AppSync::ApiKey'));
    expect(keys).toHaveLength(1);
    const daysAhead = (keys[0]!.Properties.Expires * 1000 - Date.now()) / 86_400_000;
    expect(daysAhead).toBeGreaterThan(1);
    expect(daysAhead).toBeLessThanOrEqual(365);
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
    template.resourceCountIs('AWS::Lambda::Function', MEMO_FIELDS.length);
  });

  it('outputs the GraphQL URL, real-time URL, API id and the API key ARN, never the key itself', () => {
    const outputs = template.findOutputs('*');
    const apiId = Object.keys(template.findResources('AWS::AppSync::GraphQLApi'))[0];
    const keyId = Object.keys(template.findResources('AWS::AppSync::ApiKey'))[0];
    expect(outputs.GraphQLUrl?.Value).toEqual({ 'Fn::GetAtt': [apiId, 'GraphQLUrl'] });
    expect(outputs.RealtimeUrl?.Value).toEqual({ 'Fn::GetAtt': [apiId, 'RealtimeUrl'] });
    expect(outputs.ApiId?.Value).toEqual({ 'Fn::GetAtt': [apiId, 'ApiId'] });
    expect(outputs.ApiKeyArn?.Value).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(JSON.stringify(outputs)).not.toMatch(/"ApiKey(Id)?"\]/);
  });
});

describe.each(MEMO_FIELDS.map((field) => [`${field.typeName}.${field.fieldName}`, field] as const))(
  '%s',
  (_name, field) => {
    it('has its own Node 24 arm64 function with TABLE_NAME, Powertools settings and source maps', () => {
      const { fn } = findFieldWiring(template, field.fieldName);
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: findTableId(template) },
            POWERTOOLS_SERVICE_NAME: 'memo-api',
            POWERTOOLS_LOG_LEVEL: 'INFO',
          },
        },
      });
      expect(fn.Properties.Environment.Variables.DYNAMODB_ENDPOINT).toBeUndefined();
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(30);
    });

    it('is resolved by the shared APPSYNC_JS code in front of its own Lambda data source', () => {
      const { resolver, dataSource, functionId } = findFieldWiring(template, field.fieldName);
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
    });
  },
);

it('resolves exactly the fields in MEMO_FIELDS, each once', () => {
  const resolved = Object.values(template.findResources('AWS::AppSync::Resolver')).map(
    (resolver) => `${resolver.Properties.TypeName}.${resolver.Properties.FieldName}`,
  );
  expect(resolved.sort()).toEqual(MEMO_FIELDS.map((field) => `${field.typeName}.${field.fieldName}`).sort());
});

function findTableId(template: Template): string {
  return Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]!;
}
