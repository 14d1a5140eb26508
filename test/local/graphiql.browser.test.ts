import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, systemPartFor } from '../helpers/systemParts.js';
import { useLocalApiProcess } from './helpers/localApiProcess.js';

/** Debian's chromium (.ci/run installs it) or CHROMIUM_PATH; without one, skipped (fails on CI). */
const chromiumPath = systemPartFor('the browser suite', CHROMIUM);
/** Flags from shared/README.md. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOT = 'test-output/graphiql-create-memo.png';

// When every test is skipped, vitest runs none of these hooks: no runtime, no browser.
const localApi = useLocalApiProcess();
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!chromiumPath)('GraphiQL in headless Chromium', () => {
  it('loads offline, runs the example createMemo and shows the new memo', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(localApi().url.replace(/\/graphql$/, '/'));
    // The header editor is pre-filled with the API key.
    await expect.poll(() => page.locator('.graphiql-editor-tool').innerText()).toContain(localApi().apiKey);

    await page.locator('.graphiql-execute-button').click();
    await page.getByRole('menuitem', { name: 'CreateMemo', exact: true }).click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('"version": 1');
    expect(await result.innerText()).toContain('"content": "My first local memo"');

    await mkdir('test-output', { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(pageErrors).toEqual([]);
    // Every asset came from the local runtime itself: nothing from a CDN.
    const origin = new URL(localApi().url).origin;
    expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
  });

  it("runs the example subscription, fed by the example CreateMemo run in another tab: every field, no error", async () => {
    const open = async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(localApi().url.replace(/\/graphql$/, '/'));
      await page.locator('.graphiql-execute-button').click();
      return page;
    };
    const watcher = await open();
    await watcher.getByRole('menuitem', { name: 'OnCreateMemo', exact: true }).click();
    // GraphiQL shows a stop button while the subscription is open.
    await expect.poll(() => watcher.locator('.graphiql-execute-button').getAttribute('aria-label')).toMatch(/stop/i);

    const writer = await open();
    await writer.getByRole('menuitem', { name: 'CreateMemo', exact: true }).click();
    await expect.poll(() => writer.locator('.result-window').innerText(), { timeout: 15_000 }).toContain('"version": 1');
    const memoId = /"memoId": "([0-9a-f-]{36})"/.exec(await writer.locator('.result-window').innerText())![1]!;

    const event = watcher.locator('.result-window');
    await expect.poll(() => event.innerText(), { timeout: 15_000 }).toContain(memoId);
    const shown = await event.innerText();
    expect(shown).not.toContain('"errors"');
    for (const field of ['title', 'content', 'tags', 'createdAt', 'updatedAt', 'version']) expect(shown).toContain(`"${field}"`);
    await watcher.screenshot({ path: 'test-output/graphiql-subscription.png' });
  });
});
