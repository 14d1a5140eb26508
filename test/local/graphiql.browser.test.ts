import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateMemoDocument } from '../../generated/sdk.js';
import * as urql from './examples/urqlClient.js';
import { useLocalApiProcess } from './helpers/localApiProcess.js';

/** Debian's chromium (.ci/run installs it); flags from shared/README.md. */
const CHROMIUM = '/usr/bin/chromium';
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

const localApi = useLocalApiProcess();
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
});

describe('GraphiQL in headless Chromium', () => {
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

  it('runs the example subscription over the real-time endpoint and shows a memo created elsewhere', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(localApi().url.replace(/\/graphql$/, '/'));
    await page.locator('.graphiql-execute-button').click();
    await page.getByRole('menuitem', { name: 'OnCreateMemo', exact: true }).click();
    // GraphiQL shows a stop button while the subscription is open.
    await expect.poll(() => page.locator('.graphiql-execute-button').getAttribute('aria-label')).toMatch(/stop/i);

    const client = urql.createMemoClient(localApi().url, localApi().apiKey);
    await expect
      .poll(async () => {
        await client.mutation(CreateMemoDocument, { input: { content: 'seen by the browser' } }).toPromise();
        return page.locator('.result-window').innerText();
      }, { timeout: 15_000 })
      .toContain('seen by the browser');
  });
});
