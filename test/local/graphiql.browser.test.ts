import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS, systemPartFor } from '../helpers/systemParts.js';
import { useLocalApiProcess } from './helpers/localApiProcess.js';

/** Debian's chromium (.ci/run installs it) or CHROMIUM_PATH; without one, skipped (fails on CI). */
const chromiumPath = systemPartFor('the browser suite', CHROMIUM);
/** How long bob's tab is watched for alice's event after it reached alice's own tab. */
const SETTLE_MS = 750;
const RESULT_TIMEOUT = { timeout: 15_000 };
/** Signing in hashes a password: slower than expect.poll's default second on a busy machine. */
const SIGN_IN_TIMEOUT = { timeout: 10_000 };

// When every test is skipped, vitest runs none of these hooks: no runtime, no browser.
const localApi = useLocalApiProcess();
let browser: Browser;
/** Every memo alice created through GraphiQL, by the tests below. */
const aliceMemoIds: string[] = [];

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
});

interface GraphiqlTab {
  readonly page: Page;
  /** Uncaught errors of the page's scripts. */
  readonly pageErrors: string[];
  /** Every URL the page requested. */
  readonly requested: string[];
}

/** A fresh tab (own storage) on the GraphiQL page, once it has signed the first user (alice) in by itself. */
async function openGraphiql(): Promise<GraphiqlTab> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const tab = { page, pageErrors: [] as string[], requested: [] as string[] };
  page.on('pageerror', (error) => tab.pageErrors.push(error.message));
  page.on('request', (request) => tab.requested.push(request.url()));
  await page.goto(localApi().url.replace(/\/graphql$/, '/'));
  await expect.poll(() => page.getByRole('status').innerText(), SIGN_IN_TIMEOUT).toBe('Signed in as alice');
  return tab;
}

/** Runs one of the example operations through the execute button's menu. */
async function run(page: Page, operationName: string): Promise<void> {
  await page.getByRole('button', { name: /^Execute query/ }).click();
  await page.getByRole('menuitem', { name: operationName, exact: true }).click();
}

/** The response GraphiQL shows, as plain text (CodeMirror renders spaces as U+00A0, an empty editor as U+200B). */
const resultText = async (page: Page) =>
  (await page.getByRole('region', { name: 'Result Window' }).innerText()).replace(/\u00a0/g, ' ').replace(/\u200b/g, '');

/** Runs the example CreateMemo and returns the memo it shows. */
async function createMemo(page: Page): Promise<{ memoId: string; ownerId: string }> {
  await run(page, 'CreateMemo');
  await expect.poll(() => resultText(page), RESULT_TIMEOUT).toContain('"version": 1');
  const shown = JSON.parse(await resultText(page)) as { data: { createMemo: { memoId: string; ownerId: string } } };
  return shown.data.createMemo;
}

async function signInAs(page: Page, username: string): Promise<void> {
  await page.getByLabel('User', { exact: true }).selectOption(username);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.getByRole('status').innerText(), SIGN_IN_TIMEOUT).toBe(`Signed in as ${username}`);
}

/** The `sub` of an ID token (not verified: the runtime did that). */
const subOf = (idToken: string) => (JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;

/** The Authorization token the header editor holds (its text has line numbers: not JSON as is). */
async function editorToken(page: Page): Promise<string> {
  const token = /"Authorization": "([^"]+)"/.exec(await page.getByRole('region', { name: 'Headers' }).innerText())?.[1];
  if (!token) throw new Error('The header editor holds no Authorization token');
  return token;
}

describe.skipIf(!chromiumPath)('GraphiQL in headless Chromium', () => {
  it('signs alice in by itself, puts her token in the header editor and runs the example CreateMemo as her, offline', async () => {
    const { page, pageErrors, requested } = await openGraphiql();
    await expect.poll(() => page.getByRole('region', { name: 'Headers' }).innerText()).toContain('"Authorization": "ey');
    const aliceSub = subOf((await localApi().tokens('alice')).idToken);
    expect(subOf(await editorToken(page))).toBe(aliceSub);

    const memo = await createMemo(page);
    expect(memo.ownerId).toBe(aliceSub);
    expect(await resultText(page)).toContain('"content": "My first local memo"');
    aliceMemoIds.push(memo.memoId);

    await mkdir('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/graphiql-signed-in.png' });
    expect(pageErrors).toEqual([]);
    // Every asset came from the local runtime itself: nothing from a CDN.
    const origin = new URL(localApi().url).origin;
    expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });

  it("delivers alice's example CreateMemo to her subscription in another tab, every field, and nothing to bob's", async () => {
    const watcher = await openGraphiql();
    const bobWatcher = await openGraphiql();
    await signInAs(bobWatcher.page, 'bob');
    for (const { page } of [watcher, bobWatcher]) {
      await run(page, 'OnCreateMemo');
      // GraphiQL shows a stop button while the subscription is open.
      await expect.poll(() => page.getByRole('button', { name: /^Stop query/ }).count()).toBe(1);
    }

    const writer = await openGraphiql();
    const created = await createMemo(writer.page);
    aliceMemoIds.push(created.memoId);
    await expect.poll(() => resultText(watcher.page), RESULT_TIMEOUT).toContain(created.memoId);
    const shown = await resultText(watcher.page);
    expect(shown).not.toContain('"errors"');
    expect(JSON.parse(shown)).toEqual({ data: { onCreateMemo: expect.objectContaining(created) } });
    for (const field of ['memoId', 'ownerId', 'title', 'content', 'tags', 'createdAt', 'updatedAt', 'version'])
      expect(shown).toContain(`"${field}"`);
    await watcher.page.screenshot({ path: 'test-output/graphiql-subscription.png' });

    // Alice's event is in her tab; bob's, open all along, still shows nothing after a settle...
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    expect((await resultText(bobWatcher.page)).trim()).toBe('');
    // ...though it is live: bob's own memo (the writer tab switched to bob) reaches it.
    await signInAs(writer.page, 'bob');
    const bobs = await createMemo(writer.page);
    await expect.poll(() => resultText(bobWatcher.page), RESULT_TIMEOUT).toContain(bobs.memoId);
    expect(await resultText(bobWatcher.page)).not.toContain(created.memoId);
    for (const tab of [watcher, bobWatcher, writer]) {
      expect(tab.pageErrors).toEqual([]);
      await tab.page.close();
    }
  });

  it("lists none of alice's memos once the user select is switched to bob", async () => {
    const { page, pageErrors } = await openGraphiql();
    expect(aliceMemoIds.length).toBeGreaterThan(0);
    const bobSub = subOf((await localApi().tokens('bob')).idToken);
    await signInAs(page, 'bob');
    await expect.poll(async () => subOf(await editorToken(page))).toBe(bobSub);

    await run(page, 'ListMemos');
    await expect.poll(() => resultText(page), RESULT_TIMEOUT).toContain('"listMemos"');
    const shown = await resultText(page);
    const { items } = (JSON.parse(shown) as { data: { listMemos: { items: { ownerId: string }[] } } }).data.listMemos;
    expect(items.map((memo) => memo.ownerId)).toEqual(items.map(() => bobSub));
    for (const memoId of aliceMemoIds) expect(shown).not.toContain(memoId);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('signs a new user up from the form and creates a memo as them', async () => {
    const { page, pageErrors } = await openGraphiql();
    const username = `carol-${Date.now()}`;
    await page.getByLabel('New username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    // The pool's own answer is shown; nobody new is signed in.
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts(), SIGN_IN_TIMEOUT)
      .toEqual([expect.stringContaining('InvalidPasswordException')]);
    expect(await page.getByRole('status').innerText()).toBe('Signed in as alice');

    await page.getByLabel('Password', { exact: true }).fill('Carol-local-Passw0rd!');
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await expect.poll(() => page.getByRole('status').innerText(), SIGN_IN_TIMEOUT).toBe(`Signed in as ${username}`);
    // The failure is gone (an empty alert is hidden).
    expect(await page.getByRole('alert').count()).toBe(0);

    const memo = await createMemo(page);
    expect(memo.ownerId).toBe(subOf(await editorToken(page)));
    expect(memo.ownerId).not.toBe(subOf((await localApi().tokens('alice')).idToken));
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
