import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { expect } from 'vitest';
import { WAIT } from './memoApp.js';

/**
 * A device's network, switched off and on. Chromium's offline mode (`context.setOffline`) fails
 * HTTP, the service worker's fetches included, and fires `offline`/`online`, but leaves open
 * WebSockets open (microsoft/playwright#4910): a real lost network ends them too. So the device's
 * real-time sockets go through a route that passes them on while online, closes them when the
 * network goes, and refuses new ones until it is back.
 */
export class DeviceNetwork {
  private offline = false;
  private readonly sockets = new Set<WebSocketRoute>();

  private constructor(private readonly context: BrowserContext) {}

  /** Takes over the context's real-time sockets: call before the page loads (AppTabs' `beforeLoad`). */
  static async of(context: BrowserContext): Promise<DeviceNetwork> {
    const network = new DeviceNetwork(context);
    await context.routeWebSocket(/\/graphql\/realtime/, (socket) => network.route(socket));
    return network;
  }

  private route(socket: WebSocketRoute): void {
    if (this.offline) return void socket.close({ code: 1001, reason: 'offline' });
    socket.connectToServer();
    this.sockets.add(socket);
  }

  async setOffline(offline: boolean): Promise<void> {
    this.offline = offline;
    await this.context.setOffline(offline);
    if (!offline) return;
    const open = [...this.sockets];
    this.sockets.clear();
    await Promise.all(open.map((socket) => socket.close({ code: 1001, reason: 'offline' })));
  }
}

/** The sync line: "offline · 2 changes waiting", "syncing…", "synced", and the conflicts to settle. */
export const syncText = (page: Page) => page.locator('.sync-line').innerText();

/** Waits until every edit of this device reached the server (and no conflict waits). */
export const untilSynced = (page: Page) => expect.poll(() => syncText(page), WAIT).toBe('synced');

/** Waits for the signed-in screen without the real-time connection (offline): the list heading, and the device's copy read. */
export async function appOpened(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'My memos' }).waitFor(WAIT);
  await expect.poll(() => page.getByRole('region', { name: 'My memos' }).getAttribute('aria-busy'), WAIT).toBe('false');
}

/** The panel of a memo in Conflicts, by its title. */
export const conflictPanel = (page: Page, title: string) =>
  page.getByRole('region', { name: 'Conflicts' }).getByRole('article', { name: `“${title}”` });

/**
 * Every IndexedDB database of the page's origin: its name → each object store → every record in
 * it. Read in the page (source text: this file is type-checked for Node, without the DOM).
 */
export function indexedDbContents(page: Page): Promise<Record<string, Record<string, unknown[]>>> {
  return page.evaluate(`(async () => {
    const request = (pending) => new Promise((resolve, reject) => {
      pending.onsuccess = () => resolve(pending.result);
      pending.onerror = () => reject(pending.error);
    });
    const contents = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name));
      const stores = {};
      for (const store of db.objectStoreNames) stores[store] = await request(db.transaction(store).objectStore(store).getAll());
      db.close();
      contents[name] = stores;
    }
    return contents;
  })()`);
}

/** Every `ownerId` anywhere in `value` (memos, the bases of queued edits, conflicts' versions). */
export function ownerIdsIn(value: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (item: unknown) => {
    if (Array.isArray(item)) return item.forEach(visit);
    if (item === null || typeof item !== 'object') return;
    for (const [key, inner] of Object.entries(item)) {
      if (key === 'ownerId' && typeof inner === 'string') found.add(inner);
      else visit(inner);
    }
  };
  visit(value);
  return found;
}

/** The URLs the page's origin holds in its Cache Storage (the service worker's caches). */
export const cachedUrls = (page: Page): Promise<string[]> =>
  page.evaluate(`(async () => {
    const urls = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    return urls;
  })()`);
