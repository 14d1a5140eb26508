/**
 * Every GraphQL field backed by a memo Lambda: the single list infra/ builds functions and
 * resolvers from, and the local runtime serves. `entry` is relative to the repository root and
 * exports `handler`.
 */
export interface MemoField {
  readonly typeName: 'Query' | 'Mutation';
  readonly fieldName: string;
  readonly entry: string;
}

export const MEMO_FIELDS: readonly MemoField[] = [
  { typeName: 'Query', fieldName: 'memo', entry: 'resolvers/memo.ts' },
  { typeName: 'Query', fieldName: 'listMemos', entry: 'resolvers/listMemos.ts' },
  { typeName: 'Mutation', fieldName: 'createMemo', entry: 'resolvers/createMemo.ts' },
  { typeName: 'Mutation', fieldName: 'updateMemo', entry: 'resolvers/updateMemo.ts' },
  { typeName: 'Mutation', fieldName: 'deleteMemo', entry: 'resolvers/deleteMemo.ts' },
];
