import type { ClientSearchAdapter, CreateAdapter, IndexedMemo, SearchRequest } from './clientSearchAdapter.js';

/**
 * The page's side of the client search bench, bundled apart from the adapters (so a bundle's size
 * is the library and its adapter only) and driven from Node one step at a time: every time below
 * is taken inside Chromium with performance.now() (the page is cross-origin isolated, so its clock
 * is fine-grained).
 */
let memos: IndexedMemo[] = [];
let createAdapter: CreateAdapter | undefined;
let adapter: ClientSearchAdapter | undefined;

const built = () => {
  if (!adapter) throw new Error('build first');
  return adapter;
};

const pageBench = {
  /** Imports one candidate's bundle and fetches the memos; returns how many. */
  async load(adapterUrl: string, corpusUrl: string): Promise<number> {
    createAdapter = ((await import(adapterUrl)) as { createAdapter: CreateAdapter }).createAdapter;
    memos = (await (await fetch(corpusUrl)).json()) as IndexedMemo[];
    return memos.length;
  },
  /** A new index over every memo, ms; it replaces the last one, which is then garbage. */
  build(): number {
    if (!createAdapter) throw new Error('load first');
    adapter = undefined;
    const fresh = createAdapter();
    const started = performance.now();
    fresh.build(memos);
    const ms = performance.now() - started;
    adapter = fresh;
    return ms;
  },
  /** Runs the searches in order, one at a time, as keystrokes would; ms of each and, when asked, the ids found. */
  async search(requests: SearchRequest[], keepIds: boolean): Promise<{ ms: number[]; ids: string[][] }> {
    const index = built();
    const ms: number[] = [];
    const ids: string[][] = [];
    for (const request of requests) {
      const started = performance.now();
      const found = await index.search(request);
      ms.push(performance.now() - started);
      if (keepIds) ids.push(found);
    }
    return { ms, ids };
  },
  /** Replaces, then removes, memos one at a time: ms of each. */
  async change(replacements: IndexedMemo[], removals: string[]): Promise<{ replaceMs: number[]; removeMs: number[] }> {
    const index = built();
    const timed = async (run: () => void | Promise<void>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    const replaceMs: number[] = [];
    for (const memo of replacements) replaceMs.push(await timed(() => index.replace(memo)));
    const removeMs: number[] = [];
    for (const id of removals) removeMs.push(await timed(() => index.remove(id)));
    return { replaceMs, removeMs };
  },
};

export type PageBench = typeof pageBench;

(globalThis as { clientSearchBench?: PageBench }).clientSearchBench = pageBench;
