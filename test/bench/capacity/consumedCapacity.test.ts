import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { recordConsumedCapacity } from '../../../bench/capacity/consumedCapacity.js';
import { createTable, deleteTable, emulatorClient } from '../../../bench/capacity/designTables.js';
import { DEPLOYED_DESIGN } from '../../../bench/capacity/indexDesigns.js';
import { sampleMemo, sizedMemoFields } from '../../../bench/capacity/sizedMemo.js';
import { toItem } from '../../../resolvers/store/memoItem.js';
import { ownerPageQuery } from '../../../resolvers/store/ownerPageQuery.js';
import { TEST_STORE } from '../../helpers/testStore.js';

const client = emulatorClient(inject('dynamodbEndpoint'));
const documents = DynamoDBDocumentClient.from(client);
const TableName = `consumedCapacity-test-${randomUUID().slice(0, 8)}`;
const memo = sampleMemo(sizedMemoFields(4));

beforeAll(() => createTable(client, TableName, DEPLOYED_DESIGN));
afterAll(async () => {
  await deleteTable(client, TableName);
  client.destroy();
});

describe('recordConsumedCapacity', () => {
  it('asks for the units of every item request and records them as reads or writes, table and index apart', async () => {
    const recorder = recordConsumedCapacity(client);
    try {
      await documents.send(new PutCommand({ TableName, Item: toItem(memo) }));
      await documents.send(new GetCommand({ TableName, Key: { memoId: memo.memoId } }));
      await documents.send(new QueryCommand(ownerPageQuery(TableName, memo.ownerId, 20)));
      const [put, get, query] = recorder.take();
      // dynalite reports no index units on writes (DynamoDB Local and DynamoDB do).
      expect(put).toEqual({
        action: 'PutItem',
        table: { read: 0, write: 4 },
        indexes: TEST_STORE === 'dynalite' ? {} : { byOwner: { read: 0, write: 4 } },
      });
      expect(get).toEqual({ action: 'GetItem', table: { read: 0.5, write: 0 }, indexes: {} });
      expect(query).toEqual({ action: 'Query', table: { read: 0, write: 0 }, indexes: { byOwner: { read: 0.5, write: 0 } }, itemsRead: 1 });
      expect(recorder.take()).toEqual([]);
    } finally {
      recorder.stop();
    }
  });

  it('records nothing once stopped', async () => {
    const recorder = recordConsumedCapacity(client);
    recorder.stop();
    await documents.send(new GetCommand({ TableName, Key: { memoId: memo.memoId } }));
    expect(recorder.take()).toEqual([]);
  });
});
