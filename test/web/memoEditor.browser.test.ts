import type { Page, Route } from 'playwright-core';
import { describe, expect } from 'vitest';
import { TEST_USERS } from '../helpers/localCredentials.js';
import { chromiumPath, DELETE, GET, UPDATE, useBrowserSuite } from './helpers/browserSuite.js';
import { createMemo, describedBy, entry, isFocused, memoIdOf, openMemo, statusText, WAIT } from './helpers/memoApp.js';
import { syncText, untilSynced } from './helpers/offlineApp.js';

const { test, callAs } = useBrowserSuite();
const discardDialog = (page: Page) => page.getByRole('dialog', { name: 'Discard unsaved changes?' });
const editorHeading = (page: Page) => page.getByRole('heading', { name: 'Edit memo' });

describe.skipIf(!chromiumPath)('the memo editor in headless Chromium', () => {
  test('asks before unsaved edits are dropped by opening another memo, Close, Escape or New memo', async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice);
    await createMemo(page, { title: 'Draft one', content: 'first' });
    await createMemo(page, { title: 'Draft two', content: 'second' });
    await openMemo(page, 'Draft one');
    await page.getByLabel('Content').fill('first, edited');

    await entry(page, 'Draft two').click();
    await discardDialog(page).waitFor(WAIT);
    await page.getByRole('button', { name: 'Keep editing' }).click();
    await discardDialog(page).waitFor({ state: 'hidden', ...WAIT });
    expect(await page.getByLabel('Content').inputValue()).toBe('first, edited');

    await page.getByRole('button', { name: 'Close' }).click();
    await discardDialog(page).waitFor(WAIT);
    await page.keyboard.press('Escape'); // Escape in the dialog is "Keep editing"
    await discardDialog(page).waitFor({ state: 'hidden', ...WAIT });
    expect(await page.getByLabel('Content').inputValue()).toBe('first, edited');

    await page.getByLabel('Content').press('Escape');
    await discardDialog(page).waitFor(WAIT);
    await page.getByRole('button', { name: 'Discard' }).click();
    await editorHeading(page).waitFor({ state: 'detached', ...WAIT });

    // Nothing typed: Escape closes at once, and the focus goes back to the memo's entry.
    await openMemo(page, 'Draft two');
    await page.getByLabel('Content').press('Escape');
    await editorHeading(page).waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => isFocused(entry(page, 'Draft two'))).toBe(true);

    await page.getByRole('button', { name: 'New memo' }).click();
    await page.getByLabel('Content').fill('a new thought');
    await entry(page, 'Draft one').click();
    await discardDialog(page).waitFor(WAIT);
    await page.getByRole('button', { name: 'Discard' }).click();
    await editorHeading(page).waitFor(WAIT);
    expect(await page.getByLabel('Content').inputValue()).toBe('first');
  });

  test('keeps the text of a memo deleted elsewhere on screen and saves it as a new memo', async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice);
    await createMemo(page, { title: 'Doomed', content: 'original', tags: 'keep' });
    const memoId = await memoIdOf(page, 'Doomed');
    await openMemo(page, 'Doomed');
    await page.getByLabel('Content').fill('my unsaved words');

    await callAs('alice', DELETE, { memoId });
    const notice = page.getByRole('alert').filter({ hasText: 'deleted elsewhere' });
    await notice.waitFor(WAIT);
    expect(await page.getByLabel('Content').inputValue()).toBe('my unsaved words');
    await page.getByRole('button', { name: 'Save as new memo' }).click();
    await expect.poll(() => statusText(page), WAIT).toBe('Memo created.');
    expect(await memoIdOf(page, 'Doomed')).not.toBe(memoId);
    await openMemo(page, 'Doomed');
    expect(await page.getByLabel('Content').inputValue()).toBe('my unsaved words');
    expect(await page.getByLabel('Tags').inputValue()).toBe('keep');
    expect(await notice.count()).toBe(0);
  });

  test('keeps a save on the device at once and says it is syncing until the server has it', async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice);
    await createMemo(page, { title: 'In flight', content: 'v1' });
    await untilSynced(page);
    const memoId = await memoIdOf(page, 'In flight');
    await openMemo(page, 'In flight');
    let hold!: (route: Route) => void;
    const held = new Promise<Route>((resolve) => (hold = resolve));
    await page.route('**/graphql', (route) => (route.request().postData()?.includes('updateMemo') ? hold(route) : route.continue()));

    await page.getByLabel('Content').fill('v2');
    await page.getByRole('button', { name: 'Save' }).click();
    const update = await held;
    expect(await statusText(page)).toBe('Saved.');
    expect(await describedBy(entry(page, 'In flight'))).toContain('v2');
    expect(await syncText(page)).toBe('syncing…');
    expect((await callAs('alice', GET, { memoId })).memo).toMatchObject({ content: 'v1', version: 1 });
    await update.continue();
    await untilSynced(page);
    expect((await callAs('alice', GET, { memoId })).memo).toMatchObject({ content: 'v2', version: 2 });
  });

  test('tells an open editor that its memo changed elsewhere before Save: keep my changes, or Reload', async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice);
    await createMemo(page, { title: 'Watched', content: 'as opened' });
    const memoId = await memoIdOf(page, 'Watched');
    await openMemo(page, 'Watched');
    await page.getByLabel('Content').fill('my words');

    await callAs('alice', UPDATE, { input: { memoId, content: 'from elsewhere' } });
    const notice = page.getByRole('alert').filter({ hasText: 'changed elsewhere' });
    await notice.waitFor(WAIT);
    expect(await notice.innerText()).toContain('now version 2');
    await page.getByRole('button', { name: 'Keep my changes' }).click();
    expect(await notice.count()).toBe(0);
    expect(await page.getByLabel('Content').inputValue()).toBe('my words');

    await callAs('alice', UPDATE, { input: { memoId, content: 'from elsewhere again' } });
    await notice.waitFor(WAIT);
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Content').inputValue(), WAIT).toBe('from elsewhere again');
    expect(await page.getByText('Version 3 ·').count()).toBe(1);
    expect(await notice.count()).toBe(0);
  });

  test('puts the focus on the list after sign-in, and saves with Ctrl+Enter or Cmd+Enter', async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice);
    await expect.poll(() => isFocused(page.getByRole('heading', { name: 'My memos' }))).toBe(true);
    await createMemo(page, { title: 'Keyed', content: 'one' });
    await openMemo(page, 'Keyed');

    const memoId = await memoIdOf(page, 'Keyed');
    const onServer = async () => ((await callAs('alice', GET, { memoId })).memo as { content: string }).content;

    await page.getByLabel('Content').fill('two');
    await page.getByLabel('Content').press('Control+Enter');
    await expect.poll(onServer, WAIT).toBe('two');
    await page.getByLabel('Content').fill('three');
    await page.getByLabel('Content').press('Meta+Enter');
    await expect.poll(onServer, WAIT).toBe('three');
    expect(await statusText(page)).toBe('Saved.');
    expect(await page.getByLabel('Content').inputValue()).toBe('three');
    expect(await describedBy(page.getByLabel('Content'))).toContain('Ctrl+Enter');
  });
});
