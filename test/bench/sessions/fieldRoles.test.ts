import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFieldWiring } from '../../../infra/assembly/templateLookup.js';
import { synthMemoApp, type SynthesizedMemoApp } from '../../../infra/assembly/synthMemoApp.js';
import { TABLE_ACCESS_BY_FIELD, tableResourceArn } from '../../../infra/tableAccess.js';
import { compareFieldRoles, resourceLabel, type IamComparison } from '../../../bench/sessions/fieldRoles.js';
import { MEMO_FIELDS } from '../../../resolvers/fields.js';
import { OWNER_INDEX } from '../../../resolvers/store/memoTableSchema.js';

let synthesized: SynthesizedMemoApp;
let comparison: IamComparison;

beforeAll(() => {
  synthesized = synthMemoApp({ bundle: false });
  comparison = compareFieldRoles(synthesized.template);
}, 120_000);
afterAll(() => synthesized?.dispose());

const TABLE = 'MemoTable';
const READ_FIELDS = ['listMemos', 'memo', 'memoChanges', 'searchMemos'];

/** A field's own list from infra/tableAccess.ts, spelled as the template's ARNs read: `action on MemoTable[/index/…]`. */
function ownGrants(fieldName: string): string[] {
  return TABLE_ACCESS_BY_FIELD[fieldName]!.flatMap((grant) =>
    grant.actions.map((action) => `${action} on ${tableResourceArn(TABLE, grant.resource)}`),
  ).sort();
}

const union = (fieldNames: readonly string[]) => [...new Set(fieldNames.flatMap(ownGrants))].sort();

describe('compareFieldRoles', () => {
  it("takes each field's own grants from infra/tableAccess.ts, labelled like the template's ARNs", () => {
    expect(comparison.perField.map((f) => f.fieldName)).toEqual(MEMO_FIELDS.map((f) => f.fieldName));
    for (const { fieldName, grants } of comparison.perField) expect(grants).toEqual(ownGrants(fieldName));
    expect(comparison.perField.find((f) => f.fieldName === 'memo')!.grants).toEqual([`dynamodb:GetItem on ${TABLE}`]);
    expect(comparison.perField.find((f) => f.fieldName === 'listMemos')!.grants).toEqual([
      `dynamodb:Query on ${TABLE}/index/${OWNER_INDEX.name}`,
    ]);
  });

  it('reads the deployed roles from the template: each grants exactly the union of the fields it serves, and no field lacks a grant', () => {
    const { roles, lacking } = comparison.deployed;
    expect(roles.flatMap((role) => role.fieldNames).sort()).toEqual(MEMO_FIELDS.map((f) => f.fieldName).sort());
    for (const role of roles) expect(role.grants).toEqual(union(role.fieldNames));
    expect(lacking.every((field) => field.grants.length === 0)).toBe(true);
  });

  it("deploys one role for every field (design B): memo's role is the union of every field's list", () => {
    const memoRole = comparison.deployed.roles.find((role) => role.roleId === findFieldWiring(synthesized.template, 'memo').roleId)!;
    expect([...memoRole.fieldNames].sort()).toEqual(MEMO_FIELDS.map((f) => f.fieldName).sort());
    expect(memoRole.grants).toEqual(union(MEMO_FIELDS.map((f) => f.fieldName)));
  });

  it("reports what the deployed role grants beyond each field's own list, so the read fields can write", () => {
    const { gained, readFieldsThatCouldWrite } = comparison.deployed;
    const all = union(MEMO_FIELDS.map((f) => f.fieldName));
    for (const { fieldName, grants } of gained) expect(grants).toEqual(all.filter((grant) => !ownGrants(fieldName).includes(grant)));
    expect(gained.find((g) => g.fieldName === 'memo')!.grants).toContain(`dynamodb:UpdateItem on ${TABLE}`);
    expect([...readFieldsThatCouldWrite].sort()).toEqual(READ_FIELDS);
  });

  it('models the one function as the deployed role, and keeps the read fields without write actions when reads and writes have a function each', () => {
    const b = comparison.designs.find((d) => d.design === 'B')!;
    expect(b.roles).toHaveLength(1);
    expect(b.roles[0]!.grants).toEqual(union(MEMO_FIELDS.map((f) => f.fieldName)));
    expect([...b.readFieldsThatCouldWrite].sort()).toEqual(READ_FIELDS);
    expect(comparison.designs.find((d) => d.design === 'C')!.readFieldsThatCouldWrite).toEqual([]);
    expect(comparison.designs.find((d) => d.design === 'A')!.gained.every((g) => g.grants.length === 0)).toBe(true);
  });
});

describe('resourceLabel', () => {
  it.each([
    ['*', '*'],
    [{ 'Fn::GetAtt': ['MemoTable0CA1F6F9', 'Arn'] }, 'MemoTable'],
    [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['MemoTable0CA1F6F9', 'Arn'] }, '/index/owner']] }, 'MemoTable/index/owner'],
  ])('renders %j as %s', (resource, label) => {
    expect(resourceLabel(resource)).toBe(label);
  });
});
