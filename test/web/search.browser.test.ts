import { mkdir, writeFile } from 'node:fs/promises';
import { print } from 'graphql';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect } from 'vitest';
import { SearchMemosDocument } from '../../sdk/src/generated/operations.js';
import { LIST_STEP } from '../../web/src/Memos/listStep.js';
import { describeSearch, noMatchesText, resultsText } from '../../web/src/Search/describeSearch.js';
import { TEST_USERS } from '../helpers/localCredentials.js';
import { seriousAxeViolations } from './helpers/axe.js';
import { chromiumPath, useBrowserSuite } from './helpers/browserSuite.js';
import { createMemo, isFocused, listedTitles, SCREENSHOTS, signIn, statusText, WAIT, type AppTabs } from './helpers/memoApp.js';
import { countWith, createSeed, seedMemos, TITLE_WORD, TYPED_WORD } from './helpers/memoSeed.js';
import { DeviceNetwork, syncText, untilSynced } from './helpers/offlineApp.js';
import {
  armKeystrokeTiming,
  countReplicaSearches,
  keystrokeTiming,
  markedTexts,
  memoTag,
  p50AndMax,
  resultsLine,
  type ReplicaSearchCounter,
  searchBox,
  searchFor,
  tagChip,
} from './helpers/searchApp.js';

const SEARCH = print(SearchMemosDocument);
const { test, callAs } = useBrowserSuite();
const memos = seedMemos(1000);
/** The results line of a search for words only. */
const found = (query: string, tags: readonly string[] = []) => resultsText(countWith(memos, query, tags), { query, tags });

/** Alice signed in, her 1,000 memos on the device (the search for a word every title holds finds them all), the search empty again. */
async function signedInWithMemos(tabs: AppTabs, options: { network?: (network: DeviceNetwork) => void } = {}) {
  const tab = await tabs.signedIn('alice', TEST_USERS.alice, {
    beforeLoad: async (page) => options.network?.(await DeviceNetwork.of(page.context())),
  });
  await replicaLoaded(tab.page);
  return tab;
}

async function replicaLoaded(page: Page): Promise<void> {
  await searchFor(page, TITLE_WORD, resultsText(memos.length, { query: TITLE_WORD, tags: [] }));
  await searchBox(page).fill('');
  await expect.poll(() => resultsLine(page), WAIT).toBe('');
}

/** Waits for the results line to be about `query` (earlier tests edit memos, so the count is not the seed's). */
async function searchShown(page: Page, query: string): Promise<void> {
  const about = ` ${describeSearch({ query, tags: [] })}`;
  await expect.poll(async () => (await resultsLine(page)).endsWith(about), WAIT).toBe(true);
}

/** Saves the open memo's content (kept on this device at once). */
async function saveContent(page: Page, content: string): Promise<void> {
  await page.getByLabel('Content').fill(content);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => statusText(page), WAIT).toBe('Saved.');
}

describe.skipIf(!chromiumPath)('the search box over 1,000 memos, in headless Chromium', () => {
  beforeAll(async () => {
    await createSeed(memos, (query, variables) => callAs('alice', query, variables));
  }, 120_000);

  test('shows the matching memos as each letter is typed, and times each keystroke in the page', async ({ tabs }) => {
    const { page } = await signedInWithMemos(tabs);
    const samples: { prefix: string; dom: number; frame: number }[] = [];
    for (let run = 0; run < 3; run++) {
      await searchBox(page).focus();
      for (let length = 1; length <= TYPED_WORD.length; length++) {
        const prefix = TYPED_WORD.slice(0, length);
        await armKeystrokeTiming(page, found(prefix));
        await page.keyboard.press(prefix.at(-1)!);
        samples.push({ prefix, ...(await keystrokeTiming(page)) });
      }
      // The word typed: its memos, the word marked in each, the same first page as the server's search.
      const titles = await listedTitles(page);
      expect(titles.sort()).toEqual(
        memos
          .filter((memo) => memo.keyword === TYPED_WORD)
          .map((memo) => memo.title)
          .sort(),
      );
      expect(new Set((await markedTexts(page)).map((text) => text.toLowerCase()))).toEqual(new Set([TYPED_WORD]));
      const server = (await callAs('alice', SEARCH, { query: TYPED_WORD, limit: 20 })).searchMemos as { items: { title: string }[] };
      expect(await listedTitles(page)).toEqual(server.items.map((memo) => memo.title));
      await page.keyboard.press('Escape');
      await expect.poll(() => resultsLine(page), WAIT).toBe('');
    }
    const figures = { dom: p50AndMax(samples.map((s) => s.dom)), frame: p50AndMax(samples.map((s) => s.frame)) };
    console.log(`Keystroke → results over ${memos.length} memos (${samples.length} keystrokes, ms):`, JSON.stringify(figures));
    console.table(samples.map((s) => ({ prefix: s.prefix, dom: s.dom.toFixed(1), frame: s.frame.toFixed(1) })));
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(`${SCREENSHOTS}/search-timing.json`, JSON.stringify({ memos: memos.length, ...figures, samples }, null, 2));
    expect(samples.length).toBe(3 * TYPED_WORD.length);
  });

  test("narrows the list with a memo's tags, shows them as removable chips, and says what was searched when nothing matches", async ({
    tabs,
  }) => {
    const { page } = await signedInWithMemos(tabs);
    await memoTag(page, 'urgent').click();
    await expect.poll(() => resultsLine(page), WAIT).toBe(found('', ['urgent']));
    await tagChip(page, 'urgent').waitFor(WAIT);
    await memoTag(page, 'home').click();
    await expect.poll(() => resultsLine(page), WAIT).toBe(found('', ['urgent', 'home']));
    for (const item of await page.locator('.memo-item .tags').allInnerTexts()) expect(item).toMatch(/home[^]*urgent/);
    await memoTag(page, 'home').click(); // already searched: nothing changes
    expect(await page.getByRole('list', { name: 'Tag filters' }).getByRole('button').count()).toBe(2);

    await searchBox(page).fill('tun');
    await expect.poll(() => resultsLine(page), WAIT).toBe(found('tun', ['urgent', 'home']));
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/search-tags.png` });

    await searchBox(page).fill('nothing-like-it');
    const empty = noMatchesText({ query: 'nothing-like-it', tags: ['urgent', 'home'] });
    await page.getByText(`${empty}.`, { exact: true }).waitFor(WAIT);
    expect(empty).toBe('No memos match “nothing-like-it” tagged urgent and home');
    expect(await listedTitles(page)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => resultsLine(page), WAIT).toBe('');
    await expect.poll(() => isFocused(searchBox(page))).toBe(true);
    expect(await listedTitles(page)).toHaveLength(20);

    await memoTag(page, 'work').click();
    await memoTag(page, 'home').click();
    await expect.poll(() => resultsLine(page), WAIT).toBe(found('', ['work', 'home']));
    await tagChip(page, 'work').click();
    await expect.poll(() => resultsLine(page), WAIT).toBe(found('', ['home']));
    await expect.poll(() => isFocused(searchBox(page))).toBe(true);
  });

  test('focuses the search on "/" (not while typing elsewhere) and clears it on Escape', async ({ tabs }) => {
    const { page } = await signedInWithMemos(tabs);
    await page.getByRole('heading', { name: 'My memos' }).focus();
    await page.keyboard.press('/');
    await expect.poll(() => isFocused(searchBox(page))).toBe(true);
    expect(await searchBox(page).inputValue()).toBe('');

    await page.keyboard.type('tund');
    await expect.poll(() => resultsLine(page), WAIT).toBe(found('tund'));
    await memoTag(page, 'work').click();
    await tagChip(page, 'work').waitFor(WAIT);
    await searchBox(page).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => resultsLine(page), WAIT).toBe('');
    expect(await searchBox(page).inputValue()).toBe('');
    expect(await tagChip(page, 'work').count()).toBe(0);
    expect(await isFocused(searchBox(page))).toBe(true);
    expect(await listedTitles(page)).toHaveLength(20);
    await page.keyboard.press('Escape'); // nothing left to clear: the search lets go of the focus
    expect(await isFocused(searchBox(page))).toBe(false);

    // In the editor, "/" is a character of the memo; a memo made while the search hides it keeps the focus in the editor.
    await searchBox(page).fill(TYPED_WORD);
    await page.getByRole('button', { name: 'New memo' }).click();
    await page.getByLabel('Content').focus();
    await page.keyboard.type('a/b');
    expect(await page.getByLabel('Content').inputValue()).toBe('a/b');
    expect(await isFocused(searchBox(page))).toBe(false);
    await page.getByLabel('Title').fill('Hidden by the search');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => statusText(page), WAIT).toBe('Memo created.');
    await expect.poll(() => isFocused(page.getByLabel('Title'))).toBe(true);
    expect(await listedTitles(page)).not.toContain('Hidden by the search');
    await searchFor(page, 'hidden', resultsText(1, { query: 'hidden', tags: [] }));
    expect(await listedTitles(page)).toEqual(['Hidden by the search']);
    expect(await page.getByLabel('Title').inputValue()).toBe('Hidden by the search');
  });

  test('updates the results live when another tab edits a memo, and keeps the open memo while it stops matching', async ({ tabs }) => {
    const first = await signedInWithMemos(tabs);
    const second = await tabs.openBeside(first);
    await signIn(second.page, 'alice', TEST_USERS.alice);
    await replicaLoaded(second.page);
    await searchFor(first.page, TYPED_WORD, found(TYPED_WORD));
    await searchFor(second.page, TYPED_WORD, found(TYPED_WORD));
    const [title] = await listedTitles(second.page);
    const memo = memos.find((seeded) => seeded.title === title)!;

    await second.page.getByRole('region', { name: 'My memos' }).getByRole('button', { name: title, exact: true }).click();
    await second.page.getByRole('heading', { name: 'Edit memo' }).waitFor(WAIT);
    await saveContent(second.page, memo.content.replace(TYPED_WORD, 'steppe'));
    const fewer = resultsText(countWith(memos, TYPED_WORD) - 1, { query: TYPED_WORD, tags: [] });
    await expect.poll(() => resultsLine(first.page), WAIT).toBe(fewer);
    expect(await listedTitles(first.page)).not.toContain(title);
    // The tab that edited it: out of its results, still open in its editor.
    await expect.poll(() => resultsLine(second.page), WAIT).toBe(fewer);
    expect(await second.page.getByLabel('Title').inputValue()).toBe(title);

    await saveContent(second.page, memo.content);
    await expect.poll(() => resultsLine(first.page), WAIT).toBe(found(TYPED_WORD));
    expect(await listedTitles(first.page)).toContain(title);
    await untilSynced(second.page);
  });

  test("searches the store once per keystroke: the live query's first answer, no second search in the render", async ({ tabs }) => {
    let network!: DeviceNetwork;
    let searches!: ReplicaSearchCounter;
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice, {
      beforeLoad: async (page) => {
        network = await DeviceNetwork.of(page.context());
        searches = await countReplicaSearches(page);
      },
    });
    await replicaLoaded(page);
    await network.setOffline(true); // nothing from the server re-runs the search while the keys are counted
    await searchBox(page).focus();
    await searches.take();
    const perKeystroke: number[] = [];
    for (let length = 1; length <= TYPED_WORD.length; length++) {
      const prefix = TYPED_WORD.slice(0, length);
      await page.keyboard.press(prefix.at(-1)!);
      await searchShown(page, prefix);
      perKeystroke.push(await searches.take());
    }
    await page.keyboard.press('Backspace');
    await searchShown(page, TYPED_WORD.slice(0, -1));
    perKeystroke.push(await searches.take());
    expect(perKeystroke).toEqual(Array.from({ length: TYPED_WORD.length + 1 }, () => 1));
    await network.setOffline(false);
  });

  test('pages through one search with "Load more", and starts again at the first page when the search changes', async ({ tabs }) => {
    const { page } = await signedInWithMemos(tabs);
    const listedCount = async () => (await listedTitles(page)).length;
    const loadMore = page.getByRole('button', { name: 'Load more' });
    // Two searches with more than two pages of memos each: a prefix of the typed word, and one letter more.
    const [first, second] = [TYPED_WORD.slice(0, 2), TYPED_WORD.slice(0, 3)];
    expect(Math.min(countWith(memos, first), countWith(memos, second))).toBeGreaterThan(2 * LIST_STEP);
    await searchBox(page).fill(first);
    await searchShown(page, first);
    expect(await listedCount()).toBe(LIST_STEP);
    await loadMore.click();
    await expect.poll(listedCount, WAIT).toBe(2 * LIST_STEP);

    await searchBox(page).fill(second);
    await searchShown(page, second);
    expect(await listedCount()).toBe(LIST_STEP);
    await loadMore.click();
    await expect.poll(listedCount, WAIT).toBe(2 * LIST_STEP);
    // Back to the first search: a change too, so its first page again.
    await searchBox(page).fill(first);
    await searchShown(page, first);
    expect(await listedCount()).toBe(LIST_STEP);
  });

  test('searches the device with the network gone, edits made offline included', async ({ tabs }) => {
    let network!: DeviceNetwork;
    const { page } = await signedInWithMemos(tabs, { network: (taken) => (network = taken) });
    await network.setOffline(true);

    await searchFor(page, TYPED_WORD, found(TYPED_WORD));
    await createMemo(page, { title: 'Seen offline', content: `a ${TYPED_WORD} sighting, written with no network`, tags: 'field' });
    await expect.poll(() => resultsLine(page), WAIT).toBe(resultsText(countWith(memos, TYPED_WORD) + 1, { query: TYPED_WORD, tags: [] }));
    expect(await listedTitles(page)).toContain('Seen offline');
    await memoTag(page, 'field').click();
    await expect.poll(() => resultsLine(page), WAIT).toBe(resultsText(1, { query: TYPED_WORD, tags: ['field'] }));
    await expect.poll(() => syncText(page), WAIT).toBe('offline · 1 change waiting');

    await network.setOffline(false);
    await untilSynced(page);
  });
});
