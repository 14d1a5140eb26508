import { print } from 'graphql';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { ListMemosDocument, MemoChangesDocument } from '../../sdk/src/generated/operations.js';
import { TEST_USERS } from '../helpers/localCredentials.js';
import { seriousAxeViolations } from './helpers/axe.js';
import { chromiumPath, CREATE, GET, UPDATE, useBrowserSuite } from './helpers/browserSuite.js';
import {
  createMemo,
  entry,
  listedTitles,
  memoIdOf,
  openMemo,
  SCREENSHOTS,
  signIn,
  statusText,
  storedSession,
  UNDO_MS,
  WAIT,
  type AppTabs,
} from './helpers/memoApp.js';
import {
  appOpened,
  cachedUrls,
  conflictPanel,
  DeviceNetwork,
  indexedDbContents,
  ownerIdsIn,
  syncText,
  untilSynced,
} from './helpers/offlineApp.js';

const LIST = print(ListMemosDocument);
const CHANGES = print(MemoChangesDocument);
const { test, callAs } = useBrowserSuite();

type ServerMemo = { memoId: string; title: string | null; content: string; version: number; ownerId: string };
type Change = { memoId: string; version: number; deleted: boolean; memo: ServerMemo | null };

/** Every memo of alice's on the server (listMemos, page by page). */
async function serverMemos(username: 'alice' | 'bob'): Promise<ServerMemo[]> {
  const memos: ServerMemo[] = [];
  let nextToken: string | null = null;
  do {
    const page = (await callAs(username, LIST, { limit: 100, nextToken })).listMemos as { items: ServerMemo[]; nextToken: string | null };
    memos.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return memos;
}

/** The feed from `cursor` to now: every change, and the cursor to read on from. */
async function changesSince(cursor: string | null): Promise<{ changes: Change[]; cursor: string }> {
  const changes: Change[] = [];
  for (;;) {
    const page = (await callAs('alice', CHANGES, { cursor, limit: 100 })).memoChanges as {
      changes: Change[];
      cursor: string;
      hasMore: boolean;
    };
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

/** A memo's latest change in a feed read (pages overlap: a change may come twice, at one version). */
const latest = (changes: Change[], memoId: string) =>
  changes
    .filter((change) => change.memoId === memoId)
    .reduce<Change | undefined>((a, b) => (a && a.version >= b.version ? a : b), undefined);

/** A device of alice's (a browser of its own), signed in, its network under the test's control. */
async function device(tabs: AppTabs, options: { clock?: boolean } = {}) {
  let network!: DeviceNetwork;
  const tab = await tabs.signedIn('alice', TEST_USERS.alice, {
    beforeLoad: async (page) => {
      network = await DeviceNetwork.of(page.context());
      if (options.clock) await page.clock.install();
    },
  });
  return { page: tab.page, tab, network };
}

/** Saves the open memo's content, kept on the device at once. */
async function saveContent(page: Page, content: string): Promise<void> {
  await page.getByLabel('Content').fill(content);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => statusText(page), WAIT).toBe('Saved.');
}

describe.skipIf(!chromiumPath)('the web app offline, in headless Chromium', () => {
  test('keeps a create, an edit and a delete made offline over an offline reload, then sends each once', async ({ tabs }) => {
    const { page, network } = await device(tabs, { clock: true });
    await createMemo(page, { title: 'Kept (a)', content: 'as written online' });
    await createMemo(page, { title: 'Doomed (a)', content: 'to be deleted offline' });
    await untilSynced(page);
    const kept = await memoIdOf(page, 'Kept (a)');
    const doomed = await memoIdOf(page, 'Doomed (a)');
    const before = await changesSince(null);

    await network.setOffline(true);
    await createMemo(page, { title: 'Made offline (a)', content: 'written with no network' });
    await openMemo(page, 'Kept (a)');
    await saveContent(page, 'edited with no network');
    await openMemo(page, 'Doomed (a)');
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.clock.fastForward(UNDO_MS); // the undo time over: the delete is queued
    await expect.poll(() => syncText(page), WAIT).toBe('offline · 3 changes waiting');
    // The ID token expires while offline: the refreshes fail for lack of network, and that does not end the session.
    const session = (await storedSession(page))!;
    await page.clock.fastForward(session.expiresAt - (await page.evaluate<number>('Date.now()')) + 60_000);
    expect(await storedSession(page)).toEqual(session);

    await page.reload();
    await appOpened(page);
    expect(await page.getByText('Signed in as alice').count()).toBe(1);
    expect(await page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    expect(await syncText(page)).toBe('offline · 3 changes waiting');
    expect(await page.locator('.topbar .live').innerText()).toBe('Offline');
    const titles = await listedTitles(page);
    expect(titles).toEqual(expect.arrayContaining(['Made offline (a)', 'Kept (a)']));
    expect(titles).not.toContain('Doomed (a)');
    await openMemo(page, 'Kept (a)');
    expect(await page.getByLabel('Content').inputValue()).toBe('edited with no network');
    // The shell (with the web app manifest) and config.json came from the service worker's caches; no GraphQL or
    // user-pool answer is ever cached.
    const cached = await cachedUrls(page);
    expect(cached.some((url) => url.endsWith('/app/config.json'))).toBe(true);
    expect(cached.filter((url) => !/\/app\/(index\.html|config\.json|manifest\.webmanifest|assets\/.+)(\?.*)?$/.test(url))).toEqual([]);

    await network.setOffline(false);
    await untilSynced(page);
    expect((await storedSession(page))!.idToken).not.toBe(session.idToken); // refreshed before the queue was sent
    const made = await memoIdOf(page, 'Made offline (a)');
    const onServer = await serverMemos('alice');
    expect(onServer.filter((memo) => memo.title === 'Made offline (a)')).toEqual([
      expect.objectContaining({ memoId: made, content: 'written with no network', version: 1 }),
    ]);
    expect(onServer.find((memo) => memo.memoId === kept)).toMatchObject({ content: 'edited with no network', version: 2 });
    expect((await callAs('alice', GET, { memoId: doomed })).memo).toBeNull();
    // Once each: the feed's latest change of each memo is one step on from before (a second write would be a step more).
    const { changes } = await changesSince(before.cursor);
    expect(latest(changes, made)).toMatchObject({ version: 1, deleted: false });
    expect(latest(changes, kept)).toMatchObject({ version: 2, deleted: false });
    expect(latest(changes, doomed)).toMatchObject({ version: 2, deleted: true });
  });

  test('shows the device that lost an offline race the conflict: keep mine, then (again) keep theirs, nothing lost', async ({ tabs }) => {
    const one = await device(tabs);
    const two = await device(tabs);
    await createMemo(one.page, { title: 'Shared (b)', content: 'first words' });
    await entry(two.page, 'Shared (b)').waitFor(WAIT);
    const memoId = await memoIdOf(one.page, 'Shared (b)');
    await openMemo(one.page, 'Shared (b)');
    await openMemo(two.page, 'Shared (b)');
    const panel = conflictPanel(two.page, 'Shared (b)');

    /** Both devices edit the content offline; one comes back first and wins, then two comes back. */
    const race = async (mine: string, theirs: string) => {
      await Promise.all([one.network.setOffline(true), two.network.setOffline(true)]);
      await saveContent(one.page, theirs);
      await saveContent(two.page, mine);
      await one.network.setOffline(false);
      await untilSynced(one.page);
      await two.network.setOffline(false);
      await panel.waitFor(WAIT);
      expect(await panel.innerText()).toContain('You edited it here while it was changed on another device.');
      expect(await syncText(two.page)).toContain('1 conflict to settle');
      await panel.getByRole('button', { name: 'See both' }).click();
      expect(await panel.getByRole('region', { name: 'Mine (this device)' }).innerText()).toContain(mine);
      expect(await panel.getByRole('region', { name: 'Theirs (the server)' }).innerText()).toContain(theirs);
      expect(await seriousAxeViolations(two.page)).toEqual([]);
      await two.page.screenshot({ path: `${SCREENSHOTS}/offline-conflict.png` });
      // Until the user chooses, the server keeps the winner and the device keeps the loser's text (in the panel).
      expect((await callAs('alice', GET, { memoId })).memo).toMatchObject({ content: theirs });
    };

    await race('two wrote this', 'one wrote this');
    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await panel.waitFor({ state: 'detached', ...WAIT });
    await untilSynced(two.page);
    expect((await callAs('alice', GET, { memoId })).memo).toMatchObject({ content: 'two wrote this', version: 3 });
    await expect.poll(() => one.page.getByLabel('Content').inputValue(), WAIT).toBe('two wrote this');

    await race('two, once more', 'one, once more');
    await panel.getByRole('button', { name: 'Keep theirs' }).click();
    await panel.waitFor({ state: 'detached', ...WAIT });
    await untilSynced(two.page);
    expect((await callAs('alice', GET, { memoId })).memo).toMatchObject({ content: 'one, once more', version: 4 });
    await expect.poll(() => two.page.getByLabel('Content').inputValue(), WAIT).toBe('one, once more');
  });

  test('shows what changed elsewhere while the device was offline, though it missed the events', async ({ tabs }) => {
    const { page, network } = await device(tabs);
    await createMemo(page, { title: 'Watched (c)', content: 'as it was' });
    await untilSynced(page);
    const memoId = await memoIdOf(page, 'Watched (c)');

    await network.setOffline(true);
    await callAs('alice', UPDATE, { input: { memoId, content: 'changed on another device' } });
    await callAs('alice', CREATE, { input: { title: 'Made elsewhere (c)', content: 'while this device was away' } });
    await openMemo(page, 'Watched (c)');
    expect(await page.getByLabel('Content').inputValue()).toBe('as it was');

    await network.setOffline(false);
    await entry(page, 'Made elsewhere (c)').waitFor(WAIT);
    await expect.poll(() => page.getByLabel('Content').inputValue(), WAIT).toBe('changed on another device');
    await untilSynced(page);
  });

  test('sends each edit made in two tabs of one browser once', async ({ tabs }) => {
    const first = await device(tabs);
    const second = await tabs.openBeside(first.tab);
    await signIn(second.page, 'alice', TEST_USERS.alice);
    // Every mutation the browser got an answer to, from either tab.
    const sent: string[] = [];
    first.page.context().on('requestfinished', (request) => {
      const body = request.postData();
      if (body?.includes('mutation')) sent.push(body);
    });
    await createMemo(first.page, { title: 'Tabbed (d)', content: 'from the first tab' });
    await entry(second.page, 'Tabbed (d)').waitFor(WAIT);
    await untilSynced(first.page);
    const tabbed = await memoIdOf(first.page, 'Tabbed (d)');

    await first.network.setOffline(true);
    await openMemo(first.page, 'Tabbed (d)');
    await saveContent(first.page, 'edited in the first tab');
    await second.page.bringToFront();
    await createMemo(second.page, { title: 'From the second tab (d)', content: 'made offline' });
    await expect.poll(() => syncText(second.page), WAIT).toBe('offline · 2 changes waiting');
    await expect.poll(() => syncText(first.page), WAIT).toBe('offline · 2 changes waiting');

    await first.network.setOffline(false);
    await untilSynced(first.page);
    await untilSynced(second.page);
    const made = await memoIdOf(second.page, 'From the second tab (d)');
    const onServer = await serverMemos('alice');
    expect(onServer.find((memo) => memo.memoId === tabbed)).toMatchObject({ content: 'edited in the first tab', version: 2 });
    expect(onServer.filter((memo) => memo.title === 'From the second tab (d)').map((memo) => memo.memoId)).toEqual([made]);
    const mentions = (text: string) => sent.filter((body) => body.includes(text)).length;
    expect({ creates: mentions('From the second tab (d)'), updates: mentions('edited in the first tab') }).toEqual({
      creates: 1,
      updates: 1,
    });
    expect(await listedTitles(first.page)).toContain('From the second tab (d)');
  });

  test("keeps each user's memos in their own database: bob's replica never holds alice's", async ({ tabs }) => {
    const alice = await tabs.signedIn('alice', TEST_USERS.alice);
    await createMemo(alice.page, { title: 'Alice private (e)', content: 'hers alone' });
    await untilSynced(alice.page);
    const ownerOf = async (username: 'alice' | 'bob', memoId: string) =>
      ((await callAs(username, GET, { memoId })).memo as ServerMemo).ownerId;
    const aliceSub = await ownerOf('alice', await memoIdOf(alice.page, 'Alice private (e)'));
    await alice.page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(alice.page, 'bob', TEST_USERS.bob);
    const { page } = alice; // the same tab and browser, now bob's
    await createMemo(page, { title: 'Bob private (e)', content: 'his alone' });
    await callAs('alice', CREATE, { input: { title: 'Alice elsewhere (e)', content: 'made while bob is signed in here' } });
    await untilSynced(page);
    const bobSub = await ownerOf('bob', await memoIdOf(page, 'Bob private (e)'));
    const databases = await indexedDbContents(page);
    expect(Object.keys(databases).sort()).toEqual([`memo-app:${aliceSub}`, `memo-app:${bobSub}`].sort());
    const alices = databases[`memo-app:${aliceSub}`]!;
    const bobs = databases[`memo-app:${bobSub}`]!;
    expect([...ownerIdsIn(alices)]).toEqual([aliceSub]);
    expect([...ownerIdsIn(bobs)]).toEqual([bobSub]);
    expect(JSON.stringify(bobs)).toContain('Bob private (e)');
    expect(JSON.stringify(bobs)).not.toMatch(/Alice (private|elsewhere) \(e\)/);
    expect(JSON.stringify(alices)).toContain('Alice private (e)');
    expect(JSON.stringify(alices)).not.toContain('Bob private (e)');
    expect(await listedTitles(page)).not.toContain('Alice private (e)');
  });
});
