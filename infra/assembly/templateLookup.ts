import type { Template } from 'aws-cdk-lib/assertions';

/** A synthesized CloudFormation resource, loosely typed: tests read what they assert. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CfnResource = { Type: string; Properties: any; [key: string]: any };

export interface PolicyStatement {
  Effect: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
}

export interface FieldWiring {
  resolver: CfnResource;
  dataSource: CfnResource;
  fn: CfnResource;
  functionId: string;
  /** The Lambda's execution role. */
  roleId: string;
  /** The role AppSync assumes to invoke the Lambda. */
  invokeRoleId: string;
}

/** Follows a field from its resolver to its data source, function and both roles. */
export function findFieldWiring(template: Template, fieldName: string): FieldWiring {
  const resources = template.toJSON().Resources as Record<string, CfnResource>;
  const resolver = only(resources, (r) => r.Type === 'AWS::AppSync::Resolver' && r.Properties.FieldName === fieldName);
  const dataSource = only(
    resources,
    (r) => r.Type === 'AWS::AppSync::DataSource' && r.Properties.Name === resolver.Properties.DataSourceName,
  );
  const functionId = getAttId(dataSource.Properties.LambdaConfig.LambdaFunctionArn);
  const fn = resources[functionId]!;
  return {
    resolver,
    dataSource,
    fn,
    functionId,
    roleId: getAttId(fn.Properties.Role),
    invokeRoleId: getAttId(dataSource.Properties.ServiceRoleArn),
  };
}

/** Every statement that grants `roleId` anything: attached policies and inline ones. */
export function statementsOfRole(template: Template, roleId: string): PolicyStatement[] {
  const resources = template.toJSON().Resources as Record<string, CfnResource>;
  const attached = Object.values(resources).filter(
    (r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: unknown) => isRef(role, roleId)),
  );
  const inline = resources[roleId]!.Properties.Policies ?? [];
  return [...attached.map((policy) => policy.Properties), ...inline].flatMap(
    (policy: { PolicyDocument: { Statement: PolicyStatement[] } }) => policy.PolicyDocument.Statement,
  );
}

export function actionsOf(statement: PolicyStatement): string[] {
  return [statement.Action ?? []].flat();
}

export function resourcesOf(statement: PolicyStatement): unknown[] {
  return [statement.Resource ?? []].flat();
}

export function getAttId(value: { 'Fn::GetAtt': [string, string] }): string {
  return value['Fn::GetAtt'][0];
}

function isRef(value: unknown, id: string): boolean {
  return typeof value === 'object' && value !== null && (value as { Ref?: unknown }).Ref === id;
}

function only(resources: Record<string, CfnResource>, match: (r: CfnResource) => boolean): CfnResource {
  const found = Object.values(resources).filter(match);
  if (found.length !== 1) throw new Error(`expected exactly one matching resource, found ${found.length}`);
  return found[0]!;
}
