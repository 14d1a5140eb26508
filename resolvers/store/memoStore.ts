import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { MemoAlreadyExists } from '../lib/errors.js';
import { sameFieldValue, WRITABLE_FIELD_NAMES, type MemoChanges } from '../lib/writableFields.js';
import type { StoreConfig } from './config.js';
import { createDocumentClient } from './dynamoClient.js';
import { fromItem, liveMemoOf, ownerIndexKeyOf, toItem, type MemoRecord } from './memoItem.js';
import { memoUpdate } from './memoUpdate.js';
import { readMemoChanges, type MemoChangePage } from './memoFeed.js';
import { searchOwnerMemos } from './memoSearch.js';
import type { SearchFilter } from '../lib/searchMatch.js';
import { ownerPageQuery } from './ownerPageQuery.js';
import { decodePageToken, encodePageToken } from './pageToken.js';
import { tombstoneUpdate } from './tombstone.js';
import { explainConditionFailure, type WriteGuard } from './writeGuard.js';

export type { MemoRecord } from './memoItem.js';
export type { MemoChanges } from '../lib/writableFields.js';
export type { WriteGuard } from './writeGuard.js';
export type { MemoChangePage, MemoChangeRecord } from './memoFeed.js';

export interface MemoPage {
  items: MemoRecord[];
  /** An opaque, signed token for the next page; null when there is none. */
  nextToken: string | null;
}

/**
 * The memos of one table: every DynamoDB request the handlers make, through one document client
 * built from `config`. A Lambda process builds one (resolvers/lambda/processStore.ts) and its warm
 * invocations reuse it and its connections; the local runtime builds one per API.
 *
 * @example
 * const store = createMemoStore({ tableName: 'memoTable', endpoint: undefined, pageTokenKey });
 * const memo = await store.getMemo(memoId);
 */
export function createMemoStore(config: StoreConfig): MemoStore {
  return new MemoStore(config);
}

export class MemoStore {
  readonly tableName: string;
  /** The client every request goes through: tests and the benchmark count and fault requests on it. */
  readonly documentClient: DynamoDBDocumentClient;
  readonly #pageTokenKey: string;
  readonly #tombstoneRetentionDays: number;

  constructor(config: StoreConfig) {
    this.tableName = config.tableName;
    this.#pageTokenKey = config.pageTokenKey;
    this.#tombstoneRetentionDays = config.tombstoneRetentionDays;
    this.documentClient = createDocumentClient(config);
  }

  /**
   * Stores a new memo in one conditional PutItem and returns the memo as stored. When the id is
   * taken, the failure carries the stored item (ReturnValuesOnConditionCheckFailure): if it is
   * this very create, still at version 1 (a client retrying after a lost answer), the stored memo
   * is the answer; anything else is MemoAlreadyExists, a deleted memo's tombstone included (its
   * id is never used again). Emulators that omit the item (dynalite) cost one GetItem on that
   * failure path only.
   *
   * @throws {MemoAlreadyExists} when the id belongs to a different, since-updated or deleted memo
   */
  async putNewMemo(memo: MemoRecord): Promise<MemoRecord> {
    try {
      await this.documentClient.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(memo),
          ConditionExpression: 'attribute_not_exists(memoId)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return memo;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const item = error.Item ? unmarshall(error.Item) : await this.#readItem(memo.memoId);
      // Gone between our write and the read (emulator path only; a tombstone past its TTL): the id is free again.
      if (!item) return this.putNewMemo(memo);
      const stored = liveMemoOf(item);
      // A deleted memo: never a retry, and its id is never reused.
      if (!stored) throw new MemoAlreadyExists(memo.memoId, null);
      if (isRetryOf(stored, memo)) return stored;
      // Someone else's memo: the id is taken, and that is all this caller learns.
      throw new MemoAlreadyExists(memo.memoId, stored.ownerId === memo.ownerId ? stored.version : null);
    }
  }

  /** The memo, or undefined when it is missing or deleted (a tombstone). */
  async getMemo(memoId: string): Promise<MemoRecord | undefined> {
    const item = await this.#readItem(memoId);
    return item && liveMemoOf(item);
  }

  async #readItem(memoId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.documentClient.send(new GetCommand({ TableName: this.tableName, Key: { memoId } }));
    return Item;
  }

  /**
   * Applies `changes` in one conditional UpdateItem: the memo must exist (never an upsert) and
   * meet the guard (owner, version). Bumps version, sets updatedAt (and changedAt, for the feed).
   *
   * @throws {MemoNotFound} when the memo is missing or not the guard's owner's
   * @throws {VersionConflict} when the caller's own memo is at another version
   */
  async updateMemo(memoId: string, changes: MemoChanges, updatedAt: string, guard: WriteGuard = {}): Promise<MemoRecord> {
    try {
      const { Attributes } = await this.documentClient.send(
        new UpdateCommand(memoUpdate(this.tableName, memoId, changes, updatedAt, guard)),
      );
      return fromItem(Attributes!);
    } catch (error) {
      throw await explainConditionFailure(error, memoId, guard, (id) => this.getMemo(id));
    }
  }

  /**
   * Deletes the memo under the same guard as updateMemo, in one conditional UpdateItem that
   * leaves a tombstone (tombstoneUpdate), and returns the memo as it was.
   *
   * @throws {MemoNotFound} when the memo is missing, deleted already, or not the guard's owner's
   * @throws {VersionConflict} when the caller's own memo is at another version
   */
  async deleteMemo(memoId: string, deletedAt: string, guard: WriteGuard = {}): Promise<MemoRecord> {
    try {
      const update = tombstoneUpdate(this.tableName, memoId, deletedAt, this.#tombstoneRetentionDays, guard);
      const { Attributes } = await this.documentClient.send(new UpdateCommand(update));
      return fromItem(Attributes!);
    } catch (error) {
      throw await explainConditionFailure(error, memoId, guard, (id) => this.getMemo(id));
    }
  }

  /**
   * One page of an owner's memos, newest first: one Query on the owner index (ownerPageQuery).
   *
   * @throws {ValidationError} when `nextToken` is not one this store issued for this owner's list
   */
  async listMemosOfOwner(ownerId: string, limit: number, nextToken?: string | null): Promise<MemoPage> {
    const startAfter = decodePageToken(nextToken, this.#pageTokenKey, ownerId);
    const query = new QueryCommand(ownerPageQuery(this.tableName, ownerId, limit, startAfter));
    const { Items = [], LastEvaluatedKey } = await this.documentClient.send(query);
    const page = Items.slice(0, limit);
    // More items than the page holds, or DynamoDB stopped early (its 1 MB page cap).
    const more = Items.length > limit || LastEvaluatedKey !== undefined;
    const last = page.at(-1);
    return { items: page.map(fromItem), nextToken: more && last ? encodePageToken(ownerIndexKeyOf(last), this.#pageTokenKey) : null };
  }

  /**
   * One page of an owner's memos matching `filter`, newest first, read from the owner index and
   * matched in the Lambda (memoSearch.ts): full pages, one Query or more per page.
   *
   * @throws {ValidationError} when `nextToken` is not one searchMemos issued for this owner and filter
   */
  searchMemosOfOwner(ownerId: string, filter: SearchFilter, limit: number, nextToken?: string | null): Promise<MemoPage> {
    return searchOwnerMemos(
      { documentClient: this.documentClient, tableName: this.tableName, tokenKey: this.#pageTokenKey },
      ownerId,
      filter,
      limit,
      nextToken,
    );
  }

  /**
   * One page of an owner's change feed, oldest change first, in one Query (memoFeed.ts).
   *
   * @throws {ValidationError} when `cursor` is not one memoChanges issued for this owner
   * @throws {SyncExpired} when `cursor` is older than the tombstone retention
   */
  memoChangesOf(ownerId: string, limit: number, cursor?: string | null, now = new Date()): Promise<MemoChangePage> {
    const source = {
      documentClient: this.documentClient,
      tableName: this.tableName,
      cursorKey: this.#pageTokenKey,
      retentionDays: this.#tombstoneRetentionDays,
    };
    return readMemoChanges(source, ownerId, limit, cursor, now);
  }

  /** Closes the client's connections (a store that outlives its API would hold the process open). */
  destroy(): void {
    this.documentClient.destroy();
  }
}

/** A retried create: the same owner, and every writable field the same, while the memo is unchanged (timestamps aside). */
function isRetryOf(stored: MemoRecord, attempt: MemoRecord): boolean {
  return (
    stored.version === 1 &&
    stored.ownerId === attempt.ownerId &&
    WRITABLE_FIELD_NAMES.every((field) => sameFieldValue(stored[field], attempt[field]))
  );
}
