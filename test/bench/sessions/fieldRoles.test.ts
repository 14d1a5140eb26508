import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthMemoApp, type SynthesizedMemoApp } from '../../../infra/assembly/synthMemoApp.js';
import { TABLE_ACCESS_BY_FIELD } from '../../../infra/tableAccess.js';
import { compareFieldRoles, resourceLabel, type IamComparison } from '../../../bench/sessions/fieldRoles.js';
import { OWNER_INDEX } from '../../../resolvers/store/memoTableSchema.js';

let synthesized: SynthesizedMemoApp;
let comparison: IamComparison;

beforeAll(() => {
  synthesized = synthMemoApp({ bundle: false });
  comparison = compareFieldRoles(synthesized.template);
}, 120_000);
afterAll(() => synthesized?.dispose());

const labels = { table: 'MemoTable', ownerIndex: `MemoTable/index/${OWNER_INDEX.name}` } as Record<string, string>;

describe('compareFieldRoles', () => {
  it("reads each field's DynamoDB grants from its synthesized role: the actions infra/tableAccess.ts lists", () => {
    for (const { fieldName, grants } of comparison.perField) {
      const expectedActions = TABLE_ACCESS_BY_FIELD[fieldName]!.flatMap((grant) => grant.actions);
      expect(grants.map((grant) => grant.split(' on ')[0]).sort()).toEqual([...expectedActions].sort());
    }
    expect(comparison.perField.find((f) => f.fieldName === 'memo')!.grants).toEqual([`dynamodb:GetItem on ${labels.table}`]);
    expect(comparison.perField.find((f) => f.fieldName === 'listMemos')!.grants).toEqual([`dynamodb:Query on ${labels.ownerIndex}`]);
  });

  it('gives the one function every grant of every field, so the read fields could write', () => {
    const b = comparison.designs.find((d) => d.design === 'B')!;
    expect(b.roles).toHaveLength(1);
    expect(b.roles[0]!.grants).toEqual([...new Set(comparison.perField.flatMap((f) => f.grants))].sort());
    expect([...b.readFieldsThatCouldWrite].sort()).toEqual(['listMemos', 'memo', 'memoChanges', 'searchMemos']);
    expect(b.gained.find((g) => g.fieldName === 'memo')!.grants).toContain(`dynamodb:UpdateItem on ${labels.table}`);
  });

  it('keeps the read fields without write actions when reads and writes have a function each, and changes nothing today', () => {
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
