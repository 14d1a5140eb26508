import { mkdir } from 'node:fs/promises';
import { print } from 'graphql';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { CreateMemoDocument, DeleteMemoDocument, GetMemoDocument, UpdateMemoDocument } from '../../../sdk/src/generated/operations.js';
import { buildWebApp, isWebAppStale } from '../../../web/buildIfStale.js';
import { TEST_USERS } from '../../helpers/localCredentials.js';
import { CHROMIUM, systemPartFor } from '../../helpers/systemParts.js';
import { postGraphQL, useLocalApiProcess } from '../../local/helpers/localApiProcess.js';
import { AppTabs, CHROMIUM_FLAGS, SCREENSHOTS } from './memoApp.js';

// A browser test drives Chromium, the runtime and the store at once: on a busy 2-core machine one
// took 30 s where it takes 13 s alone. A hang still fails, two minutes later.
vi.setConfig({ testTimeout: 120_000 });

/** Debian's chromium (.ci/run installs it) or CHROMIUM_PATH; without one, skipped (fails on CI). */
export const chromiumPath = systemPartFor('the web app browser suite', CHROMIUM);

// The SDK's documents (each selects ...MemoFields), as another client or tab sends them.
export const CREATE = print(CreateMemoDocument);
export const GET = print(GetMemoDocument);
export const UPDATE = print(UpdateMemoDocument);
export const DELETE = print(DeleteMemoDocument);

/**
 * A browser suite's setup, for a test file's top level: a local runtime of its own, the web app
 * built when stale, one Chromium. `test` has the `tabs` fixture, which opens (signed-in) tabs and,
 * after the test, checks them for script errors and off-origin requests, then closes them.
 * When every test is skipped, vitest runs none of the hooks: no runtime, no build, no browser.
 */
export function useBrowserSuite() {
  const localApi = useLocalApiProcess();
  let browser: Browser;
  const appUrl = () => localApi().url.replace(/\/graphql$/, '/app/');

  beforeAll(async () => {
    if (await isWebAppStale()) await buildWebApp();
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const test = it.extend<{ tabs: AppTabs }>({
    tabs: async ({}, use) => {
      const tabs = new AppTabs(browser, appUrl());
      try {
        await use(tabs);
        for (const tab of tabs.opened)
          expect({ errors: tab.pageErrors, foreign: tab.foreignRequests }).toEqual({ errors: [], foreign: [] });
      } finally {
        await tabs.close();
      }
    },
  });

  /** A GraphQL call as `username`, straight to the API (what another device of the user does). */
  async function callAs(username: keyof typeof TEST_USERS, query: string, variables: Record<string, unknown> = {}) {
    const { status, body } = await postGraphQL(localApi().url, { query, variables }, await localApi().authHeaders(username));
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return body.data;
  }

  return { test, localApi, callAs };
}
