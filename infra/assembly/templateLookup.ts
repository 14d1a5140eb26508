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

type GetAtt = { 'Fn::GetAtt': [string, string] };
interface PolicyDocumentHolder {
  PolicyDocument: { Statement: PolicyStatement[] };
}

/** The properties this module reads, per resource type (tests read the rest through `any`). */
interface ReadProperties {
  'AWS::AppSync::Resolver': { FieldName: string; DataSourceName: string };
  'AWS::AppSync::DataSource': { Name: string; LambdaConfig: { LambdaFunctionArn: GetAtt }; ServiceRoleArn: GetAtt };
  'AWS::Lambda::Function': { Role: GetAtt; Code: { S3Key: string } };
  'AWS::IAM::Policy': PolicyDocumentHolder & { Roles: unknown[] };
  'AWS::IAM::Role': { Policies?: PolicyDocumentHolder[] };
}

/** A resource's properties typed as this module reads them; the caller has checked its type. */
function propertiesOf<T extends keyof ReadProperties>(resource: CfnResource, _type: T): ReadProperties[T] {
  return resource.Properties as ReadProperties[T];
}

/** Follows a field from its resolver to its data source, function and both roles. */
export function findFieldWiring(template: Template, fieldName: string): FieldWiring {
  const resources = template.toJSON().Resources as Record<string, CfnResource>;
  const resolver = only(
    resources,
    (r) => r.Type === 'AWS::AppSync::Resolver' && propertiesOf(r, 'AWS::AppSync::Resolver').FieldName === fieldName,
  );
  const dataSourceName = propertiesOf(resolver, 'AWS::AppSync::Resolver').DataSourceName;
  const dataSource = only(
    resources,
    (r) => r.Type === 'AWS::AppSync::DataSource' && propertiesOf(r, 'AWS::AppSync::DataSource').Name === dataSourceName,
  );
  const dataSourceProperties = propertiesOf(dataSource, 'AWS::AppSync::DataSource');
  const functionId = getAttId(dataSourceProperties.LambdaConfig.LambdaFunctionArn);
  const fn = resources[functionId]!;
  return {
    resolver,
    dataSource,
    fn,
    functionId,
    roleId: getAttId(propertiesOf(fn, 'AWS::Lambda::Function').Role),
    invokeRoleId: getAttId(dataSourceProperties.ServiceRoleArn),
  };
}

/** The S3 key of a function's code asset: `<asset hash>.zip`. */
export function codeAssetKey(fn: CfnResource): string {
  return propertiesOf(fn, 'AWS::Lambda::Function').Code.S3Key;
}

/** Every statement that grants `roleId` anything: attached policies and inline ones. */
export function statementsOfRole(template: Template, roleId: string): PolicyStatement[] {
  const resources = template.toJSON().Resources as Record<string, CfnResource>;
  const attached = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .map((r) => propertiesOf(r, 'AWS::IAM::Policy'))
    .filter((policy) => policy.Roles.some((role) => isRef(role, roleId)));
  const inline = propertiesOf(resources[roleId]!, 'AWS::IAM::Role').Policies ?? [];
  return [...attached, ...inline].flatMap((policy) => policy.PolicyDocument.Statement);
}

export function actionsOf(statement: PolicyStatement): string[] {
  return [statement.Action ?? []].flat();
}

export function resourcesOf(statement: PolicyStatement): unknown[] {
  return [statement.Resource ?? []].flat();
}

export function getAttId(value: GetAtt): string {
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
