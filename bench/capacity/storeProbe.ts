import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { OWNER_INDEX, toItem } from '../resolverSeam.js';
import { writeUnits } from './capacityRules.js';
import { recordConsumedCapacity } from './consumedCapacity.js';
import { createTable, deleteTable, emulatorClient } from './designTables.js';
import { DEPLOYED_DESIGN } from './indexDesigns.js';
import { itemSizeBytes } from './itemSize.js';
import { sampleMemo, sizedMemoFields } from './sizedMemo.js';

/**
 * Why a store's consumed-capacity figures cannot be used, or undefined when they can: one
 * PutItem of a 1 KB memo into a table with the owner index must report its write units on the
 * table and on the index. dynalite reports the table's only (and no index on any write), which
 * would hide the index's share; DynamoDB Local reports both. The probe's table is named
 * `<tablePrefix>-…` and deleted before this returns.
 */
export async function capacityReportingProblem(endpoint: string, tablePrefix = 'memoCapacityProbe'): Promise<string | undefined> {
  const client = emulatorClient(endpoint);
  const TableName = `${tablePrefix}-${randomUUID().slice(0, 8)}`;
  const recorder = recordConsumedCapacity(client);
  try {
    await createTable(client, TableName, DEPLOYED_DESIGN);
    recorder.take();
    const item = toItem(sampleMemo(sizedMemoFields(1)));
    await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName, Item: item }));
    const [put] = recorder.take();
    const expected = writeUnits(itemSizeBytes(item));
    if (!put || put.table.write !== expected)
      return `a PutItem of a ${itemSizeBytes(item)}-byte item reported ${put?.table.write ?? 'no'} table write units, not ${expected}`;
    if (!put.indexes[OWNER_INDEX.name])
      return 'a PutItem into a table with a global secondary index reported no write units on the index (ConsumedCapacity.GlobalSecondaryIndexes is missing)';
    return undefined;
  } finally {
    recorder.stop();
    await deleteTable(client, TableName);
    client.destroy();
  }
}
