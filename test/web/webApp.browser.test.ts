import { refreshUserPoolTokens, UserPoolError } from '@memo-api/client';
import { describe, expect } from 'vitest';
import { signIn as signInToPool, TEST_USERS } from '../helpers/localCredentials.js';
import { postGraphQL } from '../local/helpers/localApiProcess.js';
import { chromiumPath, CREATE, GET, useBrowserSuite } from './helpers/browserSuite.js';
import {
  createMemo,
  entry,
  isFocused,
  listedTitles,
  listShown,
  memoIdOf,
  openMemo,
  SCREENSHOTS,
  signIn,
  statusText,
  storedSession,
  UNDO_MS,
  WAIT,
} from './helpers/memoApp.js';
import { untilSynced } from './helpers/offlineApp.js';

/** How long a tab is watched for an event that must not come, once a later one reached the tabs that should get it. */
const SETTLE_MS = 750;
const { test, localApi, callAs } = useBrowserSuite();

describe.skipIf(!chromiumPath)('the web app at /app/ in headless Chromium', () => {
  test('shows each user their own memos only, and moves the focus to a memo just created', async ({ tabs }) => {
    const alice = await tabs.signedIn('alice', TEST_USERS.alice);
    await createMemo(alice.page, { title: 'Groceries', content: 'Milk, eggs, bread', tags: 'home, weekly' });
    await expect.poll(() => isFocused(entry(alice.page, 'Groceries'))).toBe(true);
    await createMemo(alice.page, { title: 'Release notes', content: 'Ship the web app' });
    const bob = await tabs.signedIn('bob', TEST_USERS.bob);
    await createMemo(bob.page, { title: "Bob's plans", content: 'Climb a hill' });

    const alicesList = await listedTitles(alice.page);
    expect(alicesList.indexOf('Release notes')).toBe(alicesList.indexOf('Groceries') - 1);
    expect(alicesList).not.toContain("Bob's plans");
    await bob.page.reload();
    await listShown(bob.page);
    expect(await listedTitles(bob.page)).toContain("Bob's plans");
    expect(await listedTitles(bob.page)).not.toContain('Groceries');
    await alice.page.screenshot({ path: `${SCREENSHOTS}/memo-list.png` });

    await openMemo(alice.page, 'Groceries');
    await expect.poll(() => isFocused(alice.page.getByLabel('Title'))).toBe(true);
    expect(await alice.page.getByLabel('Tags').inputValue()).toBe('home, weekly');
    await alice.page.screenshot({ path: `${SCREENSHOTS}/memo-editor.png` });
  });

  test("delivers creates, updates and deletes to the user's other tab, and nothing to another user", async ({ tabs }) => {
    // The writer's clock is Playwright's: the delete is sent when its undo time has passed, fast-forwarded here.
    const writer = await tabs.signedIn('alice', TEST_USERS.alice, { beforeLoad: (page) => page.clock.install() });
    const watcher = await tabs.signedIn('alice', TEST_USERS.alice);
    const bob = await tabs.signedIn('bob', TEST_USERS.bob);

    await createMemo(writer.page, { title: 'Live one', content: 'first words' });
    await entry(watcher.page, 'Live one').waitFor(WAIT);
    await openMemo(writer.page, 'Live one');
    await writer.page.getByLabel('Title').fill('Live one, renamed');
    await writer.page.getByRole('button', { name: 'Save' }).click();
    await entry(watcher.page, 'Live one, renamed').waitFor(WAIT);
    await writer.page.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => isFocused(writer.page.getByRole('heading', { name: 'My memos' }))).toBe(true);
    await writer.page.clock.fastForward(UNDO_MS);
    await entry(watcher.page, 'Live one, renamed').waitFor({ state: 'detached', ...WAIT });

    // Bob's tab is live (his own memo from another device reaches it) yet got none of alice's events.
    await callAs('bob', CREATE, { input: { title: 'From bob elsewhere', content: 'hello' } });
    await entry(bob.page, 'From bob elsewhere').waitFor(WAIT);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    expect(await listedTitles(bob.page)).not.toContain('Live one');
    expect(await listedTitles(bob.page)).not.toContain('Live one, renamed');
  });

  test("asks before a save writes over another tab's change: Reload shows that tab's text, Overwrite wins with the next version", async ({
    tabs,
  }) => {
    const first = await tabs.signedIn('alice', TEST_USERS.alice);
    const second = await tabs.signedIn('alice', TEST_USERS.alice);
    await createMemo(first.page, { title: 'Shared plan', content: 'version one' });
    await entry(second.page, 'Shared plan').waitFor(WAIT);
    await openMemo(first.page, 'Shared plan');
    await openMemo(second.page, 'Shared plan');
    const changed = second.page.getByRole('alert').filter({ hasText: 'changed elsewhere' });
    const conflict = second.page.getByRole('alert').filter({ hasText: 'changed since you opened it' });

    // The second tab has typed (so its text is not replaced) when the first tab's save reaches it.
    await second.page.getByLabel('Content').fill('written in the second tab');
    await first.page.getByLabel('Content').fill('written in the first tab');
    await first.page.getByRole('button', { name: 'Save' }).click();
    await untilSynced(first.page);
    await changed.waitFor(WAIT);
    await second.page.getByRole('button', { name: 'Save' }).click();
    await conflict.waitFor(WAIT);
    expect(await conflict.innerText()).toContain('This memo changed since you opened it (now version 2).');
    await expect.poll(() => isFocused(second.page.getByRole('button', { name: 'Reload' }))).toBe(true);
    await second.page.screenshot({ path: `${SCREENSHOTS}/memo-conflict.png` });

    await second.page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => second.page.getByLabel('Content').inputValue(), WAIT).toBe('written in the first tab');
    expect(await second.page.getByText('Version 2 ·').count()).toBe(1);

    // Again, and this time the second tab overwrites.
    await second.page.getByLabel('Content').fill('the second tab wins');
    await first.page.getByLabel('Content').fill('the first tab, once more');
    await first.page.getByRole('button', { name: 'Save' }).click();
    await untilSynced(first.page);
    await changed.waitFor(WAIT);
    await second.page.getByRole('button', { name: 'Save' }).click();
    await conflict.waitFor(WAIT);
    expect(await conflict.innerText()).toContain('(now version 3)');
    await second.page.getByRole('button', { name: 'Overwrite' }).click();
    await expect.poll(() => statusText(second.page), WAIT).toBe('Saved.');
    await untilSynced(second.page);
    const { memo } = await callAs('alice', GET, { memoId: await memoIdOf(second.page, 'Shared plan') });
    expect(memo).toMatchObject({ content: 'the second tab wins', version: 4 });
  });

  test('refuses a wrong password in an alert, keeps the session over a reload, offers the local users, and signs out for good', async ({
    tabs,
  }) => {
    const { page } = await tabs.open();
    await page.getByLabel('Username', { exact: true }).fill('alice');
    await page.getByLabel('Password', { exact: true }).fill('not-her-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), WAIT).toBe('Incorrect username or password.');
    await page.getByRole('button', { name: 'Use alice' }).click();
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe(TEST_USERS.alice);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await listShown(page);
    await page.reload();
    await listShown(page);
    expect(await page.getByText('Signed in as alice').count()).toBe(1);

    const stored = await storedSession(page);
    expect(stored).toBeDefined();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor(WAIT);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor(WAIT);
    expect(await storedSession(page)).toBeUndefined();
    // The refresh token was revoked at the pool, not just forgotten here.
    const { userPoolEndpoint, userPoolClientId } = await localApi().config();
    await expect.poll(() => refreshWith(userPoolEndpoint, userPoolClientId, stored!.refreshToken), WAIT).toBe('NotAuthorizedException');
  });

  test('refreshes its tokens a minute before they expire, and goes on working', async ({ tabs }) => {
    const { page } = await tabs.open((fresh) => fresh.clock.install());
    await signIn(page, 'alice', TEST_USERS.alice);
    const before = (await storedSession(page))!;
    const now = await page.evaluate<number>('Date.now()');
    expect(before.expiresAt - now).toBeGreaterThan(59 * 60_000);

    await page.clock.fastForward(before.expiresAt - now - 59_000);
    await expect.poll(async () => (await storedSession(page))?.idToken, WAIT).not.toBe(before.idToken);
    expect((await storedSession(page))!.refreshToken).toBe(before.refreshToken);
    await createMemo(page, { title: 'After a refresh', content: 'still signed in' });
  });

  test('signs a new user up and pages their memos newest first with "Load more"', async ({ tabs }) => {
    const { page } = await tabs.open();
    const password = 'Carol-local-Passw0rd!';
    await page.getByLabel('New username').fill('carol');
    await page.getByLabel('New password').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await listShown(page);
    expect(await page.getByText('No memos yet').count()).toBe(1);

    const { userPoolEndpoint, userPoolClientId } = await localApi().config();
    const { idToken } = await signInToPool(userPoolEndpoint, userPoolClientId, 'carol', password);
    for (let n = 1; n <= 25; n += 1)
      await postGraphQL(
        localApi().url,
        { query: CREATE, variables: { input: { title: `Memo ${n}`, content: `number ${n}` } } },
        { authorization: idToken },
      );
    await page.reload();
    await listShown(page);
    const newestFirst = Array.from({ length: 25 }, (_, index) => `Memo ${25 - index}`);
    expect(await listedTitles(page)).toEqual(newestFirst.slice(0, 20));
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => listedTitles(page), WAIT).toEqual(newestFirst);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await expect.poll(() => isFocused(entry(page, 'Memo 5'))).toBe(true);
  });
});

/** What the pool says to REFRESH_TOKEN_AUTH with this token: 'ok', or its error type. */
function refreshWith(endpoint: string, clientId: string, refreshToken: string): Promise<string> {
  return refreshUserPoolTokens({ endpoint, clientId }, refreshToken).then(
    () => 'ok',
    (error: unknown) => (error instanceof UserPoolError ? error.type : String(error)),
  );
}
