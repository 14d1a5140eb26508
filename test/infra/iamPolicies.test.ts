import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import { FEED_INDEX, OWNER_INDEX } from '../../resolvers/store/memoTableSchema.js';
import { synthMemoApp, type SynthesizedMemoApp } from '../../infra/assembly/synthMemoApp.js';
import {
  actionsOf,
  findFieldWiring,
  resourcesOf,
  statementsOfRole,
  type CfnResource,
  type PolicyStatement,
} from '../../infra/assembly/templateLookup.js';

/**
 * What each handler calls in resolvers/store/memoStore.ts, and on which ARN, written out
 * independently of infra/: listMemos queries the owner index and may touch nothing else.
 */
const EXPECTED_TABLE_ACCESS: Record<string, { actions: string[]; on: ('table' | 'ownerIndex' | 'feedIndex')[] }> = {
  createMemo: { actions: ['dynamodb:PutItem'], on: ['table'] },
  memo: { actions: ['dynamodb:GetItem'], on: ['table'] },
  updateMemo: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], on: ['table'] },
  deleteMemo: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], on: ['table'] },
  listMemos: { actions: ['dynamodb:Query'], on: ['ownerIndex'] },
  // A full sync pages the owner index, the feed the feed index: a Query on each, one statement each.
  memoChanges: { actions: ['dynamodb:Query', 'dynamodb:Query'], on: ['ownerIndex', 'feedIndex'] },
  // A search reads the owner's partition of the owner index and matches in the Lambda.
  searchMemos: { actions: ['dynamodb:Query'], on: ['ownerIndex'] },
};

/**
 * The only statements allowed a "*" resource, each because AWS offers no narrower one.
 * X-Ray: PutTraceSegments/PutTelemetryRecords have no resource-level permissions (active tracing).
 */
const JUSTIFIED_WILDCARD_RESOURCES = [['xray:PutTelemetryRecords', 'xray:PutTraceSegments']];

let synthesized: SynthesizedMemoApp;
let template: Template;
let tableId: string;

beforeAll(() => {
  synthesized = synthMemoApp({ bundle: false });
  template = synthesized.template;
  tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]!;
});
afterAll(() => synthesized?.dispose());

describe.each(MEMO_FIELDS.map((field) => [field.fieldName] as const))('%s', (fieldName) => {
  it('may call exactly its DynamoDB actions, on the one ARN it needs', () => {
    const { roleId } = findFieldWiring(template, fieldName);
    const expected = EXPECTED_TABLE_ACCESS[fieldName]!;
    const tableStatements = statementsOfRole(template, roleId).filter((s) => actionsOf(s).some((action) => action.startsWith('dynamodb:')));
    expect(tableStatements.flatMap(actionsOf).sort()).toEqual(expected.actions);
    const arns = { table: tableArn(), ownerIndex: indexArn(OWNER_INDEX.name), feedIndex: indexArn(FEED_INDEX.name) };
    for (const statement of tableStatements) expect(statement.Effect).toBe('Allow');
    expect(tableStatements.map(resourcesOf)).toEqual(expected.on.map((on) => [arns[on]]));
  });

  it('may otherwise only write to its own log group and send X-Ray traces', () => {
    const { roleId, fn } = findFieldWiring(template, fieldName);
    const others = statementsOfRole(template, roleId).filter((s) => !actionsOf(s).some((action) => action.startsWith('dynamodb:')));
    expect(others).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [fn.Properties.LoggingConfig.LogGroup.Ref, 'Arn'] },
      },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    ]);
  });

  it('runs under a role only Lambda can assume, with no managed policies', () => {
    const role = resource(findFieldWiring(template, fieldName).roleId);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
  });

  it('is invoked by AppSync through a role that may invoke this one function and nothing else', () => {
    const { invokeRoleId, functionId } = findFieldWiring(template, fieldName);
    const invokeRole = resource(invokeRoleId);
    expect(invokeRole.Properties.ManagedPolicyArns).toBeUndefined();
    expect(invokeRole.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'appsync.amazonaws.com' } },
    ]);
    expect(statementsOfRole(template, invokeRoleId)).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [functionId, 'Arn'] } },
    ]);
  });
});

it('lets listMemos do exactly one thing: Query the byOwner index', () => {
  const { roleId } = findFieldWiring(template, 'listMemos');
  const tableStatements = statementsOfRole(template, roleId).filter((s) => JSON.stringify(s).includes(tableId));
  expect(tableStatements).toEqual([
    {
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/byOwner']] },
    },
  ]);
});

it('grants Scan nowhere, and Query only to listMemos, memoChanges and searchMemos', () => {
  const actions = allPolicyStatements().flatMap(actionsOf);
  expect(actions).not.toContain('dynamodb:Scan');
  const queryRoles = MEMO_FIELDS.filter(({ fieldName }) =>
    statementsOfRole(template, findFieldWiring(template, fieldName).roleId).some((s) => actionsOf(s).includes('dynamodb:Query')),
  );
  expect(queryRoles.map(({ fieldName }) => fieldName)).toEqual(['listMemos', 'memoChanges', 'searchMemos']);
});

it("lets AppSync's logging role write only to the API's log group", () => {
  const api = Object.values(template.findResources('AWS::AppSync::GraphQLApi'))[0]!;
  const logsRoleId = api.Properties.LogConfig.CloudWatchLogsRoleArn['Fn::GetAtt'][0] as string;
  const [apiLogGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: {} } }));
  expect(resource(logsRoleId).Properties.ManagedPolicyArns).toBeUndefined();
  expect(statementsOfRole(template, logsRoleId)).toEqual([
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [apiLogGroupId, 'Arn'] },
    },
  ]);
});

it('has no statement with a "*" action, and a "*" resource only where AWS requires it', () => {
  const statements = allPolicyStatements();
  expect(statements.length).toBeGreaterThanOrEqual(MEMO_FIELDS.length * 2 + 1);
  for (const statement of statements) {
    expect(statement.Effect).toBe('Allow');
    expect(statement.NotAction).toBeUndefined();
    expect(statement.NotResource).toBeUndefined();
    for (const action of actionsOf(statement)) expect(action).not.toContain('*');
    if (JSON.stringify(resourcesOf(statement)).includes('*')) {
      expect(JUSTIFIED_WILDCARD_RESOURCES).toContainEqual(actionsOf(statement).sort());
      expect(resourcesOf(statement)).toEqual(['*']);
    }
  }
});

it("has no roles but the functions' own, their invoke roles and the logging role (the user pool sends no SMS)", () => {
  template.resourceCountIs('AWS::IAM::Role', MEMO_FIELDS.length * 2 + 1);
});

it('declares no IAM users, groups or managed policies', () => {
  for (const type of ['AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::ManagedPolicy']) {
    template.resourceCountIs(type, 0);
  }
});

function tableArn(): unknown {
  return { 'Fn::GetAtt': [tableId, 'Arn'] };
}

function indexArn(name: string): unknown {
  return { 'Fn::Join': ['', [tableArn(), `/index/${name}`]] };
}

function resource(id: string): CfnResource {
  return template.toJSON().Resources[id];
}

/** Statements of every policy document in the template, whatever resource carries it. */
function allPolicyStatements(): PolicyStatement[] {
  const found: PolicyStatement[] = [];
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(item));
    else if (typeof value === 'object' && value !== null) {
      if (key === 'PolicyDocument') found.push(...(value as { Statement: PolicyStatement[] }).Statement);
      else for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  visit(template.toJSON().Resources);
  return found;
}
