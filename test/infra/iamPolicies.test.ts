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

type Resource = 'table' | 'ownerIndex' | 'feedIndex';

/**
 * What each handler calls in resolvers/store/memoStore.ts, and on which ARN, written out
 * independently of infra/. The one function's role must be exactly their union.
 */
const EXPECTED_TABLE_ACCESS: Record<string, [Resource, string][]> = {
  createMemo: [['table', 'dynamodb:PutItem']],
  memo: [['table', 'dynamodb:GetItem']],
  updateMemo: [
    ['table', 'dynamodb:GetItem'],
    ['table', 'dynamodb:UpdateItem'],
  ],
  deleteMemo: [
    ['table', 'dynamodb:GetItem'],
    ['table', 'dynamodb:UpdateItem'],
  ],
  listMemos: [['ownerIndex', 'dynamodb:Query']],
  // A full sync pages the owner index, the feed the feed index: a Query on each.
  memoChanges: [
    ['ownerIndex', 'dynamodb:Query'],
    ['feedIndex', 'dynamodb:Query'],
  ],
  // A search reads the owner's partition of the owner index and matches in the Lambda.
  searchMemos: [['ownerIndex', 'dynamodb:Query']],
};

/**
 * The only statements allowed a "*" resource, each because AWS offers no narrower one.
 * X-Ray: PutTraceSegments/PutTelemetryRecords have no resource-level permissions (active tracing).
 */
const JUSTIFIED_WILDCARD_RESOURCES = [['xray:PutTelemetryRecords', 'xray:PutTraceSegments']];

/** A synth takes seconds alone, far longer while other suites load the machine. */
const SYNTH_TIMEOUT_MS = 240_000;

let synthesized: SynthesizedMemoApp;
let template: Template;
let tableId: string;

beforeAll(() => {
  synthesized = synthMemoApp({ bundle: false });
  template = synthesized.template;
  tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]!;
}, SYNTH_TIMEOUT_MS);
afterAll(() => synthesized?.dispose());

/** The union of EXPECTED_TABLE_ACCESS: per resource, every action some field calls there, sorted. */
function expectedUnion(): Map<Resource, string[]> {
  const union = new Map<Resource, Set<string>>();
  for (const [resource, action] of Object.values(EXPECTED_TABLE_ACCESS).flat()) {
    union.set(resource, (union.get(resource) ?? new Set<string>()).add(action));
  }
  return new Map([...union].map(([resource, actions]) => [resource, [...actions].sort()]));
}

/** The memo function's execution role, reached through the first field (every field leads to the same one). */
const memoRoleId = () => findFieldWiring(template, MEMO_FIELDS[0]!.fieldName).roleId;
const dynamoStatements = (roleId: string) =>
  statementsOfRole(template, roleId).filter((s) => actionsOf(s).some((action) => action.startsWith('dynamodb:')));
const arnOf = (resource: Resource) =>
  ({ table: tableArn(), ownerIndex: indexArn(OWNER_INDEX.name), feedIndex: indexArn(FEED_INDEX.name) })[resource];

describe("the memo function's execution role", () => {
  it("may call exactly the union of the fields' DynamoDB actions: one statement per resource, on its exact ARN", () => {
    const statements = dynamoStatements(memoRoleId());
    const union = expectedUnion();
    // Written out as well, so that a change to the union is a change here.
    expect(Object.fromEntries(union)).toEqual({
      table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      ownerIndex: ['dynamodb:Query'],
      feedIndex: ['dynamodb:Query'],
    });
    expect(statements).toEqual(
      [...union].map(([resource, actions]) => ({
        Effect: 'Allow',
        Action: actions.length === 1 ? actions[0] : actions,
        Resource: arnOf(resource),
      })),
    );
  });

  it('grants no Scan, DeleteItem, batch or wildcard action, and no index wildcard', () => {
    const statements = dynamoStatements(memoRoleId());
    const actions = statements.flatMap(actionsOf);
    for (const forbidden of ['dynamodb:Scan', 'dynamodb:DeleteItem']) expect(actions).not.toContain(forbidden);
    expect(actions.filter((action) => /Batch|\*/.test(action))).toEqual([]);
    expect(JSON.stringify(statements.map(resourcesOf))).not.toMatch(/index\/\*|"\*"/);
  });

  it.each(MEMO_FIELDS.map((field) => [field.fieldName] as const))(
    'is the role %s runs under, and holds every action it calls',
    (fieldName) => {
      const { roleId } = findFieldWiring(template, fieldName);
      expect(roleId).toBe(memoRoleId());
      const granted = dynamoStatements(roleId).flatMap((s) => actionsOf(s).flatMap((action) => resourcesOf(s).map((arn) => [action, arn])));
      for (const [on, action] of EXPECTED_TABLE_ACCESS[fieldName]!) expect(granted).toContainEqual([action, arnOf(on)]);
    },
  );

  it('may otherwise only write to its own log group and send X-Ray traces', () => {
    const { roleId, fn } = findFieldWiring(template, MEMO_FIELDS[0]!.fieldName);
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

  it('can be assumed only by Lambda, and has no managed policies', () => {
    const role = resource(memoRoleId());
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
  });
});

it('lets AppSync invoke the memo function, through a role that may invoke this one function and nothing else', () => {
  const { invokeRoleId, functionId } = findFieldWiring(template, MEMO_FIELDS[0]!.fieldName);
  const invokeRole = resource(invokeRoleId);
  expect(invokeRole.Properties.ManagedPolicyArns).toBeUndefined();
  expect(invokeRole.Properties.AssumeRolePolicyDocument.Statement).toEqual([
    { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'appsync.amazonaws.com' } },
  ]);
  expect(statementsOfRole(template, invokeRoleId)).toEqual([
    { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [functionId, 'Arn'] } },
  ]);
});

it('grants Scan nowhere, and Query only on the two indexes', () => {
  const statements = allPolicyStatements();
  expect(statements.flatMap(actionsOf)).not.toContain('dynamodb:Scan');
  const queried = statements.filter((s) => actionsOf(s).includes('dynamodb:Query')).flatMap(resourcesOf);
  expect(queried).toEqual([indexArn(OWNER_INDEX.name), indexArn(FEED_INDEX.name)]);
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
  // The execution role's three DynamoDB statements, logs and X-Ray; the invoke role's; the logging role's.
  expect(statements.length).toBeGreaterThanOrEqual(3 + 2 + 1 + 1);
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

it("has no roles but the memo function's own, its invoke role and the logging role (the user pool sends no SMS)", () => {
  template.resourceCountIs('AWS::IAM::Role', 3);
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
