import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { TEST_USERS } from '../helpers/localCredentials.js';
import { chromiumPath, CREATE, useBrowserSuite } from './helpers/browserSuite.js';
import { entry, isFocused, PHONE, SCREENSHOTS, WAIT } from './helpers/memoApp.js';

const { test, callAs } = useBrowserSuite();

/** Each item of the header: how many lines its text takes, and its box. */
const headerItems = (page: Page) =>
  page.getByRole('banner').evaluate((header) =>
    [...header.children].map((item) => {
      const range = item.ownerDocument.createRange();
      range.selectNodeContents(item);
      const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)));
      const { top, bottom, left, right } = item.getBoundingClientRect();
      return { text: item.textContent, lines: lines.size, top, bottom, left, right };
    }),
  );

describe.skipIf(!chromiumPath)('the web app on a phone (390 × 844) in headless Chromium', () => {
  test('keeps the header on one line and shows the editor in place of the list, with Back', async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice, { viewport: PHONE });
    for (let n = 1; n <= 8; n += 1)
      await callAs('alice', CREATE, {
        input: { title: `Phone memo ${n}`, content: `A memo long enough to fill its line on a phone, number ${n}` },
      });
    await entry(page, 'Phone memo 8').waitFor(WAIT);

    const items = await headerItems(page);
    expect(items.map((item) => item.text)).toContain('Sign out');
    for (const item of items) expect({ text: item.text, lines: item.lines }).toEqual({ text: item.text, lines: 1 });
    // One row: every item overlaps every other vertically, and none leaves the screen.
    expect(Math.max(...items.map((item) => item.top))).toBeLessThan(Math.min(...items.map((item) => item.bottom)));
    expect(Math.max(...items.map((item) => item.right))).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SCREENSHOTS}/phone-list.png` });

    await entry(page, 'Phone memo 1').click(); // the oldest: the bottom of the list
    await page.getByRole('heading', { name: 'Edit memo' }).waitFor(WAIT);
    expect(await page.getByRole('region', { name: 'My memos' }).isVisible()).toBe(false);
    expect(await page.evaluate<number>('window.scrollY')).toBe(0);
    const title = (await page.getByLabel('Title').boundingBox())!;
    expect(title.y + title.height).toBeLessThanOrEqual(PHONE.height);
    await page.screenshot({ path: `${SCREENSHOTS}/phone-editor.png` });

    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.getByRole('heading', { name: 'Edit memo' }).waitFor({ state: 'detached', ...WAIT });
    expect(await page.getByRole('region', { name: 'My memos' }).isVisible()).toBe(true);
    await expect.poll(() => isFocused(entry(page, 'Phone memo 1'))).toBe(true);
  });
});
