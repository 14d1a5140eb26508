import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureMemoTable } from '../../../local/store/ensureMemoTable.js';
import { createDynamoClient } from '../../../resolvers/store/dynamoClient.js';
import { MEMO_TABLE_PARTITION_KEY, OWNER_INDEX } from '../../../resolvers/store/memoTableSchema.js';
import { deleteTestTable, TEST_STORE, testStoreConfig } from '../../helpers/testStore.js';

const created: string[] = [];
afterAll(() => Promise.all(created.map(deleteTestTable)));

function newTable() {
  const config = testStoreConfig();
  created.push(config.tableName);
  return config;
}

async function ownerIndexOf(config: ReturnType<typeof testStoreConfig>) {
  const client = createDynamoClient(config);
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: config.tableName }));
    return Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === OWNER_INDEX.name);
  } finally {
    client.destroy();
  }
}

describe('ensureMemoTable', () => {
  it('creates the table with the owner index the deployed table has, and leaves an existing one as it is', async () => {
    const config = newTable();
    await ensureMemoTable(config);
    await ensureMemoTable(config);
    expect(await ownerIndexOf(config)).toMatchObject({
      KeySchema: [
        { AttributeName: OWNER_INDEX.partitionKey, KeyType: 'HASH' },
        { AttributeName: OWNER_INDEX.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: OWNER_INDEX.projection },
    });
  });

  // dynalite cannot add an index to an existing table (it ignores UpdateTable's index creates and
  // asks them for a throughput first): an old data directory keeps failing there until it is recreated.
  it.skipIf(TEST_STORE === 'dynalite')('adds the owner index to a table from before it (an old data directory)', async () => {
    const config = newTable();
    const client = createDynamoClient(config);
    try {
      await client.send(
        new CreateTableCommand({
          TableName: config.tableName,
          KeySchema: [{ AttributeName: MEMO_TABLE_PARTITION_KEY, KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: MEMO_TABLE_PARTITION_KEY, AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    } finally {
      client.destroy();
    }
    await ensureMemoTable(config);
    expect(await ownerIndexOf(config)).toBeDefined();
  });
});
