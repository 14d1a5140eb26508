import type { Template } from 'aws-cdk-lib/assertions';
import { actionsOf, findFieldWiring, resourcesOf, statementsOfRole, type CfnResource } from '../../infra/assembly/templateLookup.js';
import { tableAccessFor, tableResourceArn } from '../../infra/tableAccess.js';
import { MEMO_FIELDS } from '../resolverSeam.js';
import { FUNCTION_DESIGNS, type FunctionDesign } from './functionDesigns.js';

/** One field's own DynamoDB grants as `action on resource` (infra/tableAccess.ts): what its code calls, nothing more. */
export interface FieldRole {
  readonly fieldName: string;
  readonly grants: readonly string[];
}

/** Per field: grants its code runs with beyond its own list. */
export type FieldGrants = readonly { fieldName: string; grants: readonly string[] }[];

/** How far a set of roles widens each field's access beyond its own list. */
export interface Widening {
  readonly gained: FieldGrants;
  /** Fields that call no write action but run with one. */
  readonly readFieldsThatCouldWrite: readonly string[];
}

/** What a design's roles would allow each field's code (a role is the union of the fields its function serves). */
export interface DesignAccess extends Widening {
  readonly design: string;
  readonly roles: readonly { fn: string; grants: readonly string[] }[];
}

/** The execution roles of the synthesized template (DynamoDB only: logs and X-Ray are alike in every role). */
export interface DeployedAccess extends Widening {
  readonly roles: readonly { roleId: string; fieldNames: readonly string[]; grants: readonly string[] }[];
  /** Per field: its own grants its function's role lacks (none, or the field fails on AWS). */
  readonly lacking: FieldGrants;
}

export interface IamComparison {
  readonly perField: readonly FieldRole[];
  readonly deployed: DeployedAccess;
  readonly designs: readonly DesignAccess[];
}

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * Each field's own grants (infra/tableAccess.ts, labelled as the template's ARNs read), the roles
 * `template` (the synthesized app) deploys and what they allow beyond each field's list, and what
 * each design would make of the fields' lists.
 */
export function compareFieldRoles(template: Template, designs: readonly FunctionDesign[] = FUNCTION_DESIGNS): IamComparison {
  const table = tableLabel(template);
  const perField = MEMO_FIELDS.map(({ fieldName }) => ({
    fieldName,
    grants: tableAccessFor(fieldName)
      .flatMap((grant) => grant.actions.map((action) => `${action} on ${tableResourceArn(table, grant.resource)}`))
      .sort(),
  }));
  return { perField, deployed: deployedAccess(template, perField), designs: designs.map((design) => designAccess(design, perField)) };
}

function deployedAccess(template: Template, perField: readonly FieldRole[]): DeployedAccess {
  const roleOf = new Map(perField.map(({ fieldName }) => [fieldName, findFieldWiring(template, fieldName).roleId]));
  const roles = [...new Set(roleOf.values())].map((roleId) => ({
    roleId,
    fieldNames: perField.filter(({ fieldName }) => roleOf.get(fieldName) === roleId).map(({ fieldName }) => fieldName),
    grants: dynamoDbGrants(template, roleId),
  }));
  const grantsOf = (fieldName: string) => roles.find((role) => role.roleId === roleOf.get(fieldName))!.grants;
  return {
    roles,
    ...widening(perField, grantsOf),
    lacking: perField.map(({ fieldName, grants }) => ({
      fieldName,
      grants: grants.filter((grant) => !grantsOf(fieldName).includes(grant)),
    })),
  };
}

function designAccess(design: FunctionDesign, perField: readonly FieldRole[]): DesignAccess {
  const roles = new Map<string, Set<string>>();
  for (const { fieldName, grants } of perField) {
    const role = roles.get(design.functionOf(fieldName)) ?? new Set<string>();
    for (const grant of grants) role.add(grant);
    roles.set(design.functionOf(fieldName), role);
  }
  return {
    design: design.name,
    roles: [...roles].map(([fn, grants]) => ({ fn, grants: [...grants].sort() })),
    ...widening(perField, (fieldName) => [...roles.get(design.functionOf(fieldName))!]),
  };
}

function widening(perField: readonly FieldRole[], roleGrantsOf: (fieldName: string) => readonly string[]): Widening {
  const gained = perField.map(({ fieldName, grants }) => ({
    fieldName,
    grants: roleGrantsOf(fieldName)
      .filter((grant) => !grants.includes(grant))
      .sort(),
  }));
  const isWrite = (grant: string) => WRITE_ACTIONS.some((action) => grant.startsWith(`${action} `));
  return {
    gained,
    readFieldsThatCouldWrite: perField
      .filter(({ fieldName, grants }) => !grants.some(isWrite) && gained.find((g) => g.fieldName === fieldName)!.grants.some(isWrite))
      .map(({ fieldName }) => fieldName),
  };
}

/** A role's DynamoDB grants in the template, as `action on resource`. */
function dynamoDbGrants(template: Template, roleId: string): string[] {
  const grants = statementsOfRole(template, roleId)
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) =>
      actionsOf(statement)
        .filter((action) => action.startsWith('dynamodb:'))
        .flatMap((action) => resourcesOf(statement).map((resource) => `${action} on ${resourceLabel(resource)}`)),
    );
  return [...new Set(grants)].sort();
}

/** The memo table as resourceLabel spells its ARN, so that a field's own grants read like the template's. */
function tableLabel(template: Template): string {
  const tables = Object.entries(template.toJSON().Resources as Record<string, CfnResource>).filter(
    ([, resource]) => resource.Type === 'AWS::DynamoDB::Table',
  );
  if (tables.length !== 1) throw new Error(`expected one DynamoDB table in the template, found ${tables.length}`);
  return resourceLabel({ 'Fn::GetAtt': [tables[0]![0], 'Arn'] });
}

/**
 * A resource as the template spells it, readable: `MemoTable` for the table's ARN (Fn::GetAtt,
 * CDK's hash suffix dropped), `MemoTable/index/<name>` for an index (Fn::Join), `*` as is.
 */
export function resourceLabel(resource: unknown): string {
  if (typeof resource === 'string') return resource;
  const value = resource as { 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]]; Ref?: string };
  if (value['Fn::GetAtt']) return value['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, '');
  if (value.Ref) return value.Ref.replace(/[0-9A-F]{8}$/, '');
  if (value['Fn::Join']) return value['Fn::Join'][1].map(resourceLabel).join(value['Fn::Join'][0]);
  return JSON.stringify(resource);
}
