import { describe, expect, it } from 'vitest';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import { TABLE_ACCESS_BY_FIELD, tableAccessFor, tableAccessForFields } from '../../infra/tableAccess.js';

describe('tableAccessForFields', () => {
  it('gives the one memo function the union of every field: table writes and reads, Query on each index', () => {
    expect(tableAccessForFields(MEMO_FIELDS.map((field) => field.fieldName))).toEqual([
      { resource: 'table', actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
      { resource: 'ownerIndex', actions: ['dynamodb:Query'] },
      { resource: 'feedIndex', actions: ['dynamodb:Query'] },
    ]);
  });

  it('merges by resource, each action once, and grants nothing no field asked for', () => {
    expect(tableAccessForFields(['updateMemo', 'deleteMemo', 'listMemos', 'searchMemos'])).toEqual([
      { resource: 'table', actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
      { resource: 'ownerIndex', actions: ['dynamodb:Query'] },
    ]);
    expect(tableAccessForFields(['memo'])).toEqual([{ resource: 'table', actions: ['dynamodb:GetItem'] }]);
  });

  it('holds every action of every field on the resource that field names', () => {
    const union = tableAccessForFields(MEMO_FIELDS.map((field) => field.fieldName));
    for (const { fieldName } of MEMO_FIELDS) {
      for (const grant of tableAccessFor(fieldName)) {
        expect(union.find((merged) => merged.resource === grant.resource)?.actions, fieldName).toEqual(
          expect.arrayContaining([...grant.actions]),
        );
      }
    }
  });

  it('fails, naming the field, when one has no entry', () => {
    expect(() => tableAccessForFields(['memo', 'dropMemos'])).toThrow(/no DynamoDB actions for field dropMemos/);
  });
});

it('TABLE_ACCESS_BY_FIELD lists exactly the MEMO_FIELDS fields', () => {
  expect(Object.keys(TABLE_ACCESS_BY_FIELD).sort()).toEqual(MEMO_FIELDS.map((field) => field.fieldName).sort());
});
