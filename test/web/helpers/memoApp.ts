import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export { CHROMIUM_FLAGS } from '../../helpers/systemParts.js';
export { UNDO_DELETE_MS as UNDO_MS } from '../../../web/src/Memos/undoDeleteDelay.js';
/** Signing in hashes a password, and events cross a WebSocket: slower than a second on a busy machine. */
export const WAIT = { timeout: 15_000 };
export const SCREENSHOTS = 'test-output/web';
export interface Viewport {
  readonly width: number;
  readonly height: number;
}
export const DESKTOP: Viewport = { width: 1200, height: 800 };
/** A phone held upright (an iPhone 14's CSS pixels). */
export const PHONE: Viewport = { width: 390, height: 844 };

/** One browser tab on the app, with what went wrong in it. */
export interface AppTab {
  readonly page: Page;
  /** Uncaught errors of the page's scripts. */
  readonly pageErrors: string[];
  /** Requests to anywhere but the runtime (a CDN, another host). */
  readonly foreignRequests: string[];
}

/**
 * Opens tabs on the app at `appUrl` and closes them at the end. Each tab is a browser context of
 * its own: the app keeps its session in sessionStorage, which is per tab anyway, and Chromium
 * throttles the frames of a background tab in a shared window, which makes every Playwright click
 * there wait about 2 s for a stable element.
 */
export class AppTabs {
  private readonly contexts: BrowserContext[] = [];
  readonly opened: AppTab[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly appUrl: string,
  ) {}

  /** A new tab on the app; `beforeLoad` prepares the page first (e.g. installs a fake clock). */
  async open(beforeLoad?: (page: Page) => Promise<void>, viewport = DESKTOP): Promise<AppTab> {
    const context = await this.browser.newContext({ viewport });
    this.contexts.push(context);
    return this.openIn(context, beforeLoad);
  }

  /** Another tab of the same browser as `tab` (one context: the same IndexedDB, service worker and network), not signed in yet. */
  openBeside(tab: AppTab): Promise<AppTab> {
    return this.openIn(tab.page.context());
  }

  private async openIn(context: BrowserContext, beforeLoad?: (page: Page) => Promise<void>): Promise<AppTab> {
    const page = await context.newPage();
    const origin = new URL(this.appUrl).host;
    const tab: AppTab = { page, pageErrors: [], foreignRequests: [] };
    page.on('pageerror', (error) => tab.pageErrors.push(error.message));
    page.on(
      'request',
      (request) => new URL(request.url()).host !== origin && !request.url().startsWith('data:') && tab.foreignRequests.push(request.url()),
    );
    page.on('websocket', (socket) => new URL(socket.url()).host !== origin && tab.foreignRequests.push(socket.url()));
    await beforeLoad?.(page);
    await page.goto(this.appUrl);
    this.opened.push(tab);
    return tab;
  }

  /** A new tab, signed in as `username` through the sign-in form. */
  async signedIn(
    username: string,
    password: string,
    options: { beforeLoad?: (page: Page) => Promise<void>; viewport?: Viewport } = {},
  ): Promise<AppTab> {
    const tab = await this.open(options.beforeLoad, options.viewport);
    await signIn(tab.page, username, password);
    return tab;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
  }
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await listShown(page);
}

/** Waits for the signed-in screen: the list heading, the real-time connection ("Live") and the list's first page. */
export async function listShown(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'My memos' }).waitFor(WAIT);
  await page.getByText('Live', { exact: true }).waitFor(WAIT);
  await expect.poll(() => page.getByRole('region', { name: 'My memos' }).getAttribute('aria-busy'), WAIT).toBe('false');
}

/** A memo's entry in the list: a button named by its title. */
export const entry = (page: Page, title: string) =>
  page.getByRole('region', { name: 'My memos' }).getByRole('button', { name: title, exact: true });

/** The titles the list shows, in order. */
export const listedTitles = (page: Page) => page.getByRole('region', { name: 'My memos' }).locator('.memo-title').allInnerTexts();

/** Creates a memo through the editor and waits until the app says so. */
export async function createMemo(page: Page, memo: { title: string; content: string; tags?: string }): Promise<void> {
  await page.getByRole('button', { name: 'New memo' }).click();
  await page.getByLabel('Title').fill(memo.title);
  await page.getByLabel('Content').fill(memo.content);
  if (memo.tags) await page.getByLabel('Tags').fill(memo.tags);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => statusText(page), WAIT).toBe('Memo created.');
}

/** What the workspace's status line says. */
export const statusText = (page: Page) => page.getByRole('status').innerText();

/** The memo id of a listed memo (its entry's id is `memo-<memoId>`). */
export const memoIdOf = async (page: Page, title: string) => (await entry(page, title).getAttribute('id'))!.replace(/^memo-/, '');

/** The text of what describes the element (aria-describedby): a field's hint and error, an entry's details. */
export const describedBy = (locator: Locator) =>
  locator.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id: string) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** Opens a memo from the list in the editor. */
export async function openMemo(page: Page, title: string): Promise<void> {
  await entry(page, title).click();
  await page.getByRole('heading', { name: 'Edit memo' }).waitFor(WAIT);
}

/** The session the app keeps in the tab's sessionStorage (undefined when signed out). */
export async function storedSession(page: Page): Promise<{ idToken: string; refreshToken: string; expiresAt: number } | undefined> {
  const [stored] = await page.evaluate<string[]>('Object.values(sessionStorage)');
  return stored === undefined ? undefined : JSON.parse(stored);
}

/** Whether the element the locator finds has the focus. */
export const isFocused = (locator: Locator) => locator.evaluate((element) => element === element.ownerDocument.activeElement);
