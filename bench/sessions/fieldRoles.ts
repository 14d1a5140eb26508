import type { Template } from 'aws-cdk-lib/assertions';
import { actionsOf, findFieldWiring, resourcesOf, statementsOfRole } from '../../infra/assembly/templateLookup.js';
import { MEMO_FIELDS } from '../resolverSeam.js';
import { FUNCTION_DESIGNS, type FunctionDesign } from './functionDesigns.js';

/** One field's role as synthesized: its grants as `action on resource`, DynamoDB only (logs and X-Ray are alike in every role). */
export interface FieldRole {
  readonly fieldName: string;
  readonly grants: readonly string[];
}

/** What a design's roles allow each field's code, beside what the field's own role allows today. */
export interface DesignAccess {
  readonly design: string;
  /** Grants per role of the design (a role is the union of the fields its function serves). */
  readonly roles: readonly { fn: string; grants: readonly string[] }[];
  /** Per field: grants its code would hold that its own role has not today. */
  readonly gained: readonly { fieldName: string; grants: readonly string[] }[];
  /** Fields that call no write action but would hold one. */
  readonly readFieldsThatCouldWrite: readonly string[];
}

export interface IamComparison {
  readonly perField: readonly FieldRole[];
  readonly designs: readonly DesignAccess[];
}

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** The DynamoDB grants of every field's execution role in `template` (the synthesized app), and what each design would make of them. */
export function compareFieldRoles(template: Template, designs: readonly FunctionDesign[] = FUNCTION_DESIGNS): IamComparison {
  const perField = MEMO_FIELDS.map(({ fieldName }) => {
    const statements = statementsOfRole(template, findFieldWiring(template, fieldName).roleId);
    const grants = statements
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) =>
        actionsOf(statement)
          .filter((action) => action.startsWith('dynamodb:'))
          .flatMap((action) => resourcesOf(statement).map((resource) => `${action} on ${resourceLabel(resource)}`)),
      );
    return { fieldName, grants: [...new Set(grants)].sort() };
  });
  return { perField, designs: designs.map((design) => designAccess(design, perField)) };
}

function designAccess(design: FunctionDesign, perField: readonly FieldRole[]): DesignAccess {
  const roles = new Map<string, Set<string>>();
  for (const { fieldName, grants } of perField) {
    const role = roles.get(design.functionOf(fieldName)) ?? new Set<string>();
    for (const grant of grants) role.add(grant);
    roles.set(design.functionOf(fieldName), role);
  }
  const gained = perField.map(({ fieldName, grants }) => ({
    fieldName,
    grants: [...roles.get(design.functionOf(fieldName))!].filter((grant) => !grants.includes(grant)).sort(),
  }));
  const isWrite = (grant: string) => WRITE_ACTIONS.some((action) => grant.startsWith(`${action} `));
  return {
    design: design.name,
    roles: [...roles].map(([fn, grants]) => ({ fn, grants: [...grants].sort() })),
    gained,
    readFieldsThatCouldWrite: perField
      .filter(({ fieldName, grants }) => !grants.some(isWrite) && gained.find((g) => g.fieldName === fieldName)!.grants.some(isWrite))
      .map(({ fieldName }) => fieldName),
  };
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
