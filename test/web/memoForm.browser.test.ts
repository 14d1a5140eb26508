import { describe, expect } from 'vitest';
import { TEST_USERS } from '../helpers/localCredentials.js';
import { chromiumPath, useBrowserSuite } from './helpers/browserSuite.js';
import { createMemo, describedBy, entry, isFocused, openMemo, WAIT } from './helpers/memoApp.js';
import { conflictPanel } from './helpers/offlineApp.js';

const { test } = useBrowserSuite();
const LONG_TAG = 'this-tag-is-far-too-long-for-the-memo-api-to-take-it'; // 52 characters

describe.skipIf(!chromiumPath)('the memo form in headless Chromium', () => {
  test("checks the fields with the API's own rules before sending, and names them as the user sees them", async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice);
    const writes: string[] = [];
    page.on('request', (request) => request.postData()?.includes('createMemo') && writes.push(request.url()));
    await page.getByRole('button', { name: 'New memo' }).click();
    await page.getByLabel('Title').fill('x'.repeat(201));
    await page.getByLabel('Content').fill('  \n\t ');
    await page.getByLabel('Tags').fill(`a, A, ${LONG_TAG}`);
    await page.getByRole('button', { name: 'Create' }).click();

    await expect.poll(() => describedBy(page.getByLabel('Content'))).toContain('Content must not be blank.');
    expect(await page.getByLabel('Content').getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page.getByLabel('Title'))).toContain('Title must be at most 200 characters (this one has 201).');
    expect(await describedBy(page.getByLabel('Tags'))).toContain(`The tag "${LONG_TAG}" must be at most 50 characters.`);
    expect(await page.getByRole('main').innerText()).not.toContain('input.');
    await expect.poll(() => isFocused(page.getByLabel('Title'))).toBe(true);
    expect(writes).toEqual([]);

    // Fixed, the errors go and the memo is created.
    await page.getByLabel('Title').fill('Checked');
    await page.getByLabel('Content').fill('now with words');
    await page.getByLabel('Tags').fill('a, A');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Edit memo' }).waitFor(WAIT);
    expect(await page.getByLabel('Content').getAttribute('aria-invalid')).toBe(null);
  });

  test('shows a memo the API refuses as a conflict to settle, naming a refused tag by its text as typed', async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice);
    // An API whose rules differ from the form's (an older or newer server): it refuses the second tag sent.
    const refusal = {
      path: ['createMemo'],
      errorType: 'ValidationError',
      message: 'input.tags[1] must be at most 50 characters',
      errorInfo: { field: 'input.tags[1]' },
    };
    await page.route('**/graphql', (route) =>
      route.request().postData()?.includes('createMemo') ? route.fulfill({ json: { data: null, errors: [refusal] } }) : route.continue(),
    );
    await createMemo(page, { title: 'Refused', content: 'some words', tags: 'misc, Misc, work' });

    // Kept on the device at once; the server's refusal comes back as a conflict, with the user's text intact.
    const panel = conflictPanel(page, 'Refused');
    await panel.waitFor(WAIT);
    expect(await panel.innerText()).toContain('The server refused the new memo made here: The tag "work" must be at most 50 characters.');
    expect(await page.getByRole('main').innerText()).not.toContain('input.');
    await panel.getByRole('button', { name: 'See both' }).click();
    expect(await panel.getByRole('region', { name: 'Mine (this device)' }).innerText()).toContain('some words');
    await panel.getByRole('button', { name: 'Drop my edit' }).click();
    await panel.waitFor({ state: 'detached', ...WAIT });
    await entry(page, 'Refused').waitFor({ state: 'detached', ...WAIT });
  });

  test('keeps one of the tags that differ only in case, in the first spelling, and says so', async ({ tabs }) => {
    const { page } = await tabs.signedIn('alice', TEST_USERS.alice);
    await page.getByRole('button', { name: 'New memo' }).click();
    expect(await describedBy(page.getByLabel('Tags'))).toContain('Case does not matter');
    await page.getByRole('button', { name: 'Close' }).click();
    await createMemo(page, { title: 'Tag case', content: 'c', tags: 'misc, Misc, Work, work ,MISC' });
    await openMemo(page, 'Tag case');
    expect(await page.getByLabel('Tags').inputValue()).toBe('misc, Work');
  });
});
