import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { WAIT } from './memoApp.js';

/** The search box of the memo list. */
export const searchBox = (page: Page) => page.getByRole('search').getByRole('searchbox', { name: 'Search' });

/** The line that says how many memos the search found ('' when nothing is searched). */
export const resultsLine = (page: Page) => page.locator('.search-results').innerText();

/** The chips of the tags searched (the list "Tag filters"): each a button named "Stop filtering by tag <tag>". */
export const tagChip = (page: Page, tag: string) =>
  page.getByRole('list', { name: 'Tag filters' }).getByRole('button', { name: `Stop filtering by tag ${tag}`, exact: true });

/** A tag button of the listed memos (the first of that name). */
export const memoTag = (page: Page, tag: string) =>
  page.getByRole('region', { name: 'My memos' }).locator('.memo-item').getByRole('button', { name: tag, exact: true }).first();

/** What is marked (<mark>) in the listed entries, in order. */
export const markedTexts = (page: Page) => page.getByRole('region', { name: 'My memos' }).locator('mark').allInnerTexts();

/** Types `query` into the search and waits for the results line to say `expected`. */
export async function searchFor(page: Page, query: string, expected: string): Promise<void> {
  await searchBox(page).fill(query);
  await expect.poll(() => resultsLine(page), WAIT).toBe(expected);
}

/**
 * The keystroke-to-results timing, in the page: armed before a key is pressed, it notes
 * performance.now() at the keydown (capture phase, before the app sees it), then watches the list
 * (MutationObserver) until the results line reads `expected` — the list is rendered in the same
 * commit — and notes that time and the next animation frame's (the frame that paints it).
 * Source text: this file is type-checked for Node, without the DOM.
 */
export async function armKeystrokeTiming(page: Page, expected: string): Promise<void> {
  await page.evaluate(`(() => {
    const expected = ${JSON.stringify(expected)};
    window.__keystrokeTiming = new Promise((resolve, reject) => {
      let keydownAt;
      const region = document.querySelector('.memo-list');
      const shown = () => document.querySelector('.search-results')?.textContent === expected;
      const observer = new MutationObserver(() => {
        if (keydownAt === undefined || !shown()) return;
        observer.disconnect();
        const domAt = performance.now();
        requestAnimationFrame(() => resolve({ dom: domAt - keydownAt, frame: performance.now() - keydownAt }));
      });
      observer.observe(region, { subtree: true, childList: true, characterData: true });
      window.addEventListener('keydown', () => (keydownAt = performance.now()), { capture: true, once: true });
      setTimeout(() => reject(new Error('results never read ' + expected)), 15000);
    });
  })()`);
}

/** The timing armed by armKeystrokeTiming, once the results are shown: milliseconds from the keydown. */
export const keystrokeTiming = (page: Page) => page.evaluate<{ dom: number; frame: number }>('window.__keystrokeTiming');

/** The median and the largest of some numbers. */
export function p50AndMax(values: readonly number[]): { p50: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const p50 = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { p50, max: sorted.at(-1)! };
}

/** A count of how often the app's store ran a search of its replica. */
export interface ReplicaSearchCounter {
  /** The searches since the counter started or was last read. */
  take(): Promise<number>;
}

/**
 * Counts the runs of the store's own search (LocalReplica.search in sdk/src/offline/localReplica.ts,
 * what `store.search` and a watched search both run) with V8's precise coverage through the
 * DevTools protocol: the real store, unchanged, counted as it runs. The function is found in the
 * bundle by its name and by the field only it reads (`indexDue`), which minifying keeps (a property name).
 * Call before the page loads (AppTabs' `beforeLoad`), so the bundle is counted from its first run.
 */
export async function countReplicaSearches(page: Page): Promise<ReplicaSearchCounter> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Debugger.enable'); // script sources, to tell the replica's `search` from the others
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  const sources = new Map<string, Promise<string>>();
  const sourceOf = (scriptId: string) => {
    if (!sources.has(scriptId))
      sources.set(
        scriptId,
        cdp.send('Debugger.getScriptSource', { scriptId }).then(({ scriptSource }) => scriptSource),
      );
    return sources.get(scriptId)!;
  };
  return {
    async take() {
      const { result } = await cdp.send('Profiler.takePreciseCoverage');
      let found = 0;
      let count = 0;
      for (const script of result) {
        for (const fn of script.functions) {
          if (fn.functionName !== 'search' || !script.url.includes('/app/')) continue;
          const whole = fn.ranges[0]!;
          if (!(await sourceOf(script.scriptId)).slice(whole.startOffset, whole.endOffset).includes('indexDue')) continue;
          found += 1;
          count += whole.count;
        }
      }
      if (found !== 1) throw new Error(`expected one replica search in the app's bundle, found ${found}`);
      return count;
    },
  };
}
