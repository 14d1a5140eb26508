import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Capacity units of one kind of access. */
export interface Units {
  read: number;
  write: number;
}

/** What one DynamoDB request consumed, as its response reported it (ReturnConsumedCapacity: INDEXES). */
export interface ConsumedRequest {
  /** PutItem, Query, BatchGetItem, … */
  action: string;
  /** Units on the tables themselves (a BatchGetItem's tables summed). */
  table: Units;
  /** Units on each global secondary index, by index name. */
  indexes: Record<string, Units>;
  /** Query and Scan: items read (ScannedCount), which the read units are charged on. */
  itemsRead?: number;
}

export interface CapacityRecorder {
  /** The requests recorded since the last take(), oldest first; clears them. */
  take(): ConsumedRequest[];
  /** Removes the middleware. */
  stop(): void;
}

/** Actions whose units are read units when a store reports only CapacityUnits (DynamoDB Local does). */
const READ_ACTIONS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const DATA_ACTIONS = new Set([...READ_ACTIONS, 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

let recorders = 0;

/**
 * Asks DynamoDB for the capacity each item request consumes (`ReturnConsumedCapacity: INDEXES`:
 * the table and every index apart) and records it, request by request. The middleware sits on
 * the client's stack, which a document client built from it shares, so the store's own requests
 * are measured exactly as they are sent.
 *
 * @example
 * const recorder = recordConsumedCapacity(dynamoClient);
 * await handler(event);
 * const [put] = recorder.take(); // { action: 'PutItem', table: { read: 0, write: 4 }, indexes: { byOwner: … } }
 */
export function recordConsumedCapacity(client: DynamoDBClient | DynamoDBDocumentClient): CapacityRecorder {
  // A document client shares its base client's stack: either is the same stack.
  const middlewareStack: DynamoDBClient['middlewareStack'] = client.middlewareStack as DynamoDBClient['middlewareStack'];
  const recorded: ConsumedRequest[] = [];
  const name = `recordConsumedCapacity-${++recorders}`;
  middlewareStack.add(
    (next, context) => async (args) => {
      const action = String(context.commandName ?? '').replace(/Command$/, '');
      if (!DATA_ACTIONS.has(action)) return next(args);
      const input = args.input as { ReturnConsumedCapacity?: string };
      const result = await next({ ...args, input: { ...input, ReturnConsumedCapacity: 'INDEXES' } });
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[]; ScannedCount?: number };
      recorded.push(consumedRequest(action, output.ConsumedCapacity, output.ScannedCount));
      return result;
    },
    // Initialize: before the document client marshalls the input, so the flag travels with it.
    { step: 'initialize', name },
  );
  return {
    take: () => recorded.splice(0),
    stop: () => void middlewareStack.remove(name),
  };
}

function consumedRequest(
  action: string,
  reported: ConsumedCapacity | ConsumedCapacity[] | undefined,
  scannedCount: number | undefined,
): ConsumedRequest {
  const isRead = READ_ACTIONS.has(action);
  const request: ConsumedRequest = { action, table: { read: 0, write: 0 }, indexes: {} };
  for (const capacity of [reported ?? []].flat()) {
    add(request.table, capacity.Table, isRead);
    for (const [index, units] of Object.entries(capacity.GlobalSecondaryIndexes ?? {}))
      add((request.indexes[index] ??= { read: 0, write: 0 }), units, isRead);
  }
  if (scannedCount !== undefined) request.itemsRead = scannedCount;
  return request;
}

/** Read and write units apart when the store says which is which, else by the kind of action. */
function add(
  total: Units,
  units: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined,
  isRead: boolean,
): void {
  if (!units) return;
  if (units.ReadCapacityUnits !== undefined || units.WriteCapacityUnits !== undefined) {
    total.read += units.ReadCapacityUnits ?? 0;
    total.write += units.WriteCapacityUnits ?? 0;
  } else if (isRead) {
    total.read += units.CapacityUnits ?? 0;
  } else {
    total.write += units.CapacityUnits ?? 0;
  }
}
