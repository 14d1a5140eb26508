import { describe, expect } from 'vitest';
import { TEST_USERS } from '../helpers/localCredentials.js';
import { seriousAxeViolations } from './helpers/axe.js';
import { chromiumPath, UPDATE, useBrowserSuite } from './helpers/browserSuite.js';
import { createMemo, DESKTOP, memoIdOf, openMemo, PHONE, signIn, WAIT } from './helpers/memoApp.js';
import { memoTag, searchBox, tagChip } from './helpers/searchApp.js';

const { test, callAs } = useBrowserSuite();

describe.skipIf(!chromiumPath)('the web app for assistive technology (axe-core)', () => {
  test.for([
    ['a desktop', DESKTOP],
    ['a phone', PHONE],
  ] as const)(
    'has no serious or critical violations on sign-in, list, search, editor, discard and conflict views on %s',
    async ([screen, viewport], { tabs }) => {
      const title = `Checked on ${screen}`;
      const { page } = await tabs.open(undefined, viewport);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);

      await signIn(page, 'alice', TEST_USERS.alice);
      await createMemo(page, { title, content: 'words', tags: 'a11y, axe' });
      await page.getByRole('button', { name: 'Close' }).click();
      const memoId = await memoIdOf(page, title);
      expect(await seriousAxeViolations(page)).toEqual([]);

      // A search: words marked, a tag chosen from the memo; then one that finds nothing.
      await searchBox(page).fill('word');
      await memoTag(page, 'a11y').click();
      await tagChip(page, 'a11y').waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await searchBox(page).fill('nothing-here');
      await page.getByRole('button', { name: 'Clear search' }).waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Clear search' }).click();
      await tagChip(page, 'a11y').waitFor({ state: 'detached', ...WAIT });

      await openMemo(page, title);
      expect(await seriousAxeViolations(page)).toEqual([]);

      await page.getByLabel('Content').fill('unsaved words');
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('dialog').waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Keep editing' }).click();

      await callAs('alice', UPDATE, { input: { memoId, content: 'changed elsewhere' } });
      await page.getByRole('alert').filter({ hasText: 'changed elsewhere' }).waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').filter({ hasText: 'changed since you opened it' }).waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
  );
});
