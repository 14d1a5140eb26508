import { FEED_INDEX, OWNER_INDEX } from '../resolvers/store/memoTableSchema.js';

/** What a grant names: memoTable itself, its owner (list) index or its feed index (a Query on an index reads only the index). */
export type TableResource = 'table' | 'ownerIndex' | 'feedIndex';

export interface TableGrant {
  readonly resource: TableResource;
  readonly actions: readonly string[];
}

/**
 * The DynamoDB actions each field's handler really calls (resolvers/store/memoStore.ts), each on
 * the one ARN it needs. The one memo function's role is the union over the fields it serves
 * (`tableAccessForFields`); this per-field table says why each action is there, and feeds the
 * bench (docs/performance.md §11). A field missing here fails the synth instead of deploying without access.
 */
export const TABLE_ACCESS_BY_FIELD: Readonly<Record<string, readonly TableGrant[]>> = {
  // PutItem only: when a client-chosen memoId is taken, DynamoDB returns the stored item with the
  // failed condition, which is all a retry check needs (the GetItem fallback serves emulators).
  createMemo: [{ resource: 'table', actions: ['dynamodb:PutItem'] }],
  memo: [{ resource: 'table', actions: ['dynamodb:GetItem'] }],
  // GetItem: when a write with expectedVersion fails and the failure carries no old item (the
  // memo is missing, or an emulator ignores ReturnValuesOnConditionCheckFailure), one read tells
  // MemoNotFound from VersionConflict. Never on success, never without expectedVersion.
  updateMemo: [{ resource: 'table', actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'] }],
  // UpdateItem, not DeleteItem: a delete leaves a tombstone (content removed, TTL set).
  deleteMemo: [{ resource: 'table', actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'] }],
  // One owner's page: a Query on the owner index, and nothing on the table itself.
  listMemos: [{ resource: 'ownerIndex', actions: ['dynamodb:Query'] }],
  // A search reads the owner's partition of the owner index and matches in the Lambda: no Scan, nothing on the table.
  searchMemos: [{ resource: 'ownerIndex', actions: ['dynamodb:Query'] }],
  // A full sync pages the owner index (live memos only), then the feed index: Query on each, nothing else.
  memoChanges: [
    { resource: 'ownerIndex', actions: ['dynamodb:Query'] },
    { resource: 'feedIndex', actions: ['dynamodb:Query'] },
  ],
};

/** The order grants come out of `tableAccessForFields`: the table, then the indexes. */
const RESOURCE_ORDER: readonly TableResource[] = ['table', 'ownerIndex', 'feedIndex'];

/** @throws when `fieldName` has no entry: every Lambda-backed field must declare its access. */
export function tableAccessFor(fieldName: string): readonly TableGrant[] {
  const grants = TABLE_ACCESS_BY_FIELD[fieldName];
  if (!grants) throw new Error(`infra/tableAccess.ts lists no DynamoDB actions for field ${fieldName}`);
  return grants;
}

/**
 * The access of one function serving every field in `fieldNames`: the union of their grants, one
 * grant per resource with its actions sorted and each named once.
 *
 * @example tableAccessForFields(['memo', 'createMemo']) // [{ resource: 'table', actions: ['dynamodb:GetItem', 'dynamodb:PutItem'] }]
 * @throws when a field has no entry in TABLE_ACCESS_BY_FIELD
 */
export function tableAccessForFields(fieldNames: readonly string[]): TableGrant[] {
  const actionsByResource = new Map<TableResource, Set<string>>();
  for (const grant of fieldNames.flatMap(tableAccessFor)) {
    const actions = actionsByResource.get(grant.resource) ?? new Set<string>();
    for (const action of grant.actions) actions.add(action);
    actionsByResource.set(grant.resource, actions);
  }
  return RESOURCE_ORDER.filter((resource) => actionsByResource.has(resource)).map((resource) => ({
    resource,
    actions: [...actionsByResource.get(resource)!].sort(),
  }));
}

/** The ARN a grant names, from memoTable's: the table's own, or `<tableArn>/index/<index name>`. */
export function tableResourceArn(tableArn: string, resource: TableResource): string {
  if (resource === 'table') return tableArn;
  return `${tableArn}/index/${resource === 'ownerIndex' ? OWNER_INDEX.name : FEED_INDEX.name}`;
}
