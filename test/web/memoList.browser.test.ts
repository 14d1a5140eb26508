import { describe, expect } from 'vitest';
import { TEST_USERS } from '../helpers/localCredentials.js';
import { chromiumPath, GET, useBrowserSuite } from './helpers/browserSuite.js';
import {
  createMemo,
  describedBy,
  entry,
  isFocused,
  listedTitles,
  memoIdOf,
  openMemo,
  statusText,
  UNDO_MS,
  WAIT,
} from './helpers/memoApp.js';
import { untilSynced } from './helpers/offlineApp.js';

const { test, callAs } = useBrowserSuite();

describe.skipIf(!chromiumPath)('the memo list in headless Chromium', () => {
  test('labels the dates it shows and lists memos by the one it says it sorts by', async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice);
    await createMemo(page, { title: 'Older one', content: 'a' });
    await createMemo(page, { title: 'Newer one', content: 'b' });
    await openMemo(page, 'Older one');
    await page.getByLabel('Content').fill('a, edited');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => statusText(page), WAIT).toBe('Saved.');
    await untilSynced(page); // "edited" is the server's word: the memo's version moved on

    expect(await page.getByRole('region', { name: 'My memos' }).innerText()).toContain('Newest first, by date created');
    const titles = await listedTitles(page);
    expect(titles.indexOf('Newer one')).toBeLessThan(titles.indexOf('Older one'));
    expect(await describedBy(entry(page, 'Older one'))).toMatch(/Created .+ · edited .+/);
    expect(await describedBy(entry(page, 'Newer one'))).toMatch(/Created /);
    expect(await describedBy(entry(page, 'Newer one'))).not.toContain('edited');
  });

  test('takes a delete back with Undo, and sends it only once the undo time is over or the user signs out', async ({ tabs }) => {
    // Playwright's clock, paused: the undo time passes only when the test says so.
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice, { beforeLoad: (fresh) => fresh.clock.install() });
    await createMemo(page, { title: 'Regretted', content: 'keep me' });
    await createMemo(page, { title: 'Unwanted', content: 'drop me' });
    const regretted = await memoIdOf(page, 'Regretted');
    const unwanted = await memoIdOf(page, 'Unwanted');
    await page.clock.pauseAt((await page.evaluate<number>('Date.now()')) + 1000);

    await openMemo(page, 'Regretted');
    await page.getByRole('button', { name: 'Delete' }).click();
    await entry(page, 'Regretted').waitFor({ state: 'detached', ...WAIT });
    expect(await statusText(page)).toBe('“Regretted” deleted.');
    await expect.poll(() => isFocused(page.getByRole('heading', { name: 'My memos' }))).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await entry(page, 'Regretted').waitFor(WAIT);
    await page.clock.runFor(UNDO_MS * 2);
    expect((await callAs('alice', GET, { memoId: regretted })).memo).toMatchObject({ content: 'keep me' });
    expect(await entry(page, 'Regretted').count()).toBe(1);

    await openMemo(page, 'Regretted');
    await page.getByRole('button', { name: 'Delete' }).click();
    await entry(page, 'Regretted').waitFor({ state: 'detached', ...WAIT });
    expect((await callAs('alice', GET, { memoId: regretted })).memo).not.toBeNull();
    await page.clock.runFor(UNDO_MS);
    await expect.poll(async () => (await callAs('alice', GET, { memoId: regretted })).memo, WAIT).toBeNull();
    expect(await page.getByRole('button', { name: 'Undo' }).count()).toBe(0);

    await openMemo(page, 'Unwanted');
    await page.getByRole('button', { name: 'Delete' }).click();
    await entry(page, 'Unwanted').waitFor({ state: 'detached', ...WAIT });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor(WAIT);
    expect((await callAs('alice', GET, { memoId: unwanted })).memo).toBeNull();
  });
});
