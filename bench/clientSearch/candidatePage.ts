import type { Browser } from 'playwright-core';
import type { IndexedMemo, SearchRequest } from './clientSearchAdapter.js';
import type { PageBench } from './pageHarness.js';

/** One candidate's page in Chromium, driven a step at a time (pageHarness.ts), so candidates can take turns. */
export interface CandidatePage {
  /** Builds a new index over every memo (after a collection, so no earlier garbage is paid for); ms. */
  build(): Promise<number>;
  /** The page's live JS heap after a collection, bytes. */
  heapBytes(): Promise<number>;
  search(requests: readonly SearchRequest[], keepIds: boolean): Promise<{ ms: number[]; ids: string[][] }>;
  change(replacements: readonly IndexedMemo[], removals: readonly string[]): Promise<{ replaceMs: number[]; removeMs: number[] }>;
  close(): Promise<void>;
}

/**
 * Opens `origin`/index.html in a browser context of its own (its own renderer: no heap, cache or
 * compiled code shared with another candidate), then loads the candidate's bundle and the memos.
 */
export async function openCandidatePage(browser: Browser, origin: string, adapterPath: string, corpusPath: string): Promise<CandidatePage> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction('globalThis.clientSearchBench !== undefined');
    const cdp = await context.newCDPSession(page);
    // By name, arguments as JSON in a string: no bundler helper of this process leaks into the page.
    const call = <M extends keyof PageBench>(method: M, ...args: unknown[]) =>
      page.evaluate<Awaited<ReturnType<PageBench[M]>>>(
        `globalThis.clientSearchBench.${method}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`,
      );
    const heapBytes = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await call('load', adapterPath, corpusPath);
    return {
      build: async () => {
        await heapBytes();
        return call('build');
      },
      heapBytes,
      search: (requests, keepIds) => call('search', requests, keepIds),
      change: (replacements, removals) => call('change', replacements, removals),
      close: () => context.close(),
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}
