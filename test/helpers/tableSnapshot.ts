import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { testMemoStore } from './testStore.js';

/** Every item of the test table, sorted, as JSON: compare two snapshots to prove nothing changed. */
export async function tableSnapshot(): Promise<string> {
  const { documentClient, tableName } = testMemoStore();
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return JSON.stringify(items.sort((a, b) => String(a.memoId).localeCompare(String(b.memoId))));
}
