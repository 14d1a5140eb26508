/**
 * The DynamoDB actions each memo Lambda really calls (resolvers/store/memoStore.ts), granted on
 * memoTable's ARN only. A field missing here fails the synth instead of deploying without access.
 */
export const TABLE_ACTIONS_BY_FIELD: Readonly<Record<string, readonly string[]>> = {
  // PutItem only: when a client-chosen memoId is taken, DynamoDB returns the stored item with the
  // failed condition, which is all a retry check needs (the GetItem fallback serves emulators).
  createMemo: ['dynamodb:PutItem'],
  memo: ['dynamodb:GetItem'],
  // GetItem: when a write with expectedVersion fails and the failure carries no old item (the
  // memo is missing, or an emulator ignores ReturnValuesOnConditionCheckFailure), one read tells
  // MemoNotFound from VersionConflict. Never on success, never without expectedVersion.
  updateMemo: ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
  deleteMemo: ['dynamodb:DeleteItem', 'dynamodb:GetItem'],
  listMemos: ['dynamodb:Scan'],
};

/** @throws when `fieldName` has no entry: every Lambda-backed field must declare its access. */
export function tableActionsFor(fieldName: string): readonly string[] {
  const actions = TABLE_ACTIONS_BY_FIELD[fieldName];
  if (!actions) throw new Error(`infra/tableAccess.ts lists no DynamoDB actions for field ${fieldName}`);
  return actions;
}
