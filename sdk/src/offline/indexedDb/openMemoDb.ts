import { wrap } from 'idb';
import { MEMO_DB_VERSION, upgradeMemoDb, type MemoDb } from './memoDbSchema.js';
import type { IndexedDbFactory } from './webApis.js';

/**
 * Opens (creating or upgrading) one user's database. It is idb's openDB on an injected factory:
 * openDB reads the global `indexedDB`, which Node has not. idb itself still recognises IndexedDB's
 * objects by the global IDB* classes, so the factory must be the one those classes belong to.
 *
 * `onClosed` runs when the connection ends by itself: another tab opens a newer version or deletes
 * the database (this connection closes at once so that tab is not blocked), or the browser drops it.
 */
export function openMemoDb(factory: IndexedDbFactory, name: string, onClosed: () => void): Promise<MemoDb> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, MEMO_DB_VERSION);
    // The idb `wrap` overloads take DOM types, which this module does not name (see webApis.ts).
    const database = () => wrap(request.result as never) as unknown as MemoDb;
    request.addEventListener('upgradeneeded', ({ oldVersion }) => upgradeMemoDb(database(), oldVersion));
    // 'blocked': a tab still holds an older version open; the open waits until it closes (ours close on versionchange).
    request.addEventListener('error', () => reject(request.error ?? new Error(`IndexedDB could not open ${name}.`)));
    request.addEventListener('success', () => {
      const db = database();
      db.addEventListener('versionchange', () => {
        db.close();
        onClosed();
      });
      db.addEventListener('close', onClosed);
      resolve(db);
    });
  });
}
