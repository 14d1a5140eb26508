import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStorage } from '@memo-api/client/node';
import { OfflineStorageFullError } from '../../../sdk/src/offline/offlineStorageFullError.js';
import type { Memo } from '../../../sdk/src/offline/types.js';

// fileStorage (@memo-api/client/node) on a real file system: a snapshot replaced whole by rename, and a
// journal of the batches since, appended per commit.
const dirs: string[] = [];
const scratchDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'memo-file-storage-'));
  dirs.push(dir);
  return dir;
};
const mounts: string[] = [];
afterAll(() => {
  for (const mount of mounts) execFileSync('umount', [mount]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const memo = (memoId: string, content: string): Memo => ({
  memoId,
  ownerId: 'owner',
  title: null,
  content,
  tags: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});

/** A file system of `bytes` (tmpfs), where writing more fails with ENOSPC as a full disk does; undefined where mounting is not allowed. */
function tinyFileSystem(bytes: number): string | undefined {
  const dir = scratchDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  mounts.push(dir);
  return dir;
}

describe('fileStorage', () => {
  it('starts empty, keeps every batch across instances, and leaves no temporary file behind', async () => {
    const path = join(scratchDir(), 'state.json');
    const storage = fileStorage(path);
    expect(await storage.load()).toEqual({ cursor: null, memos: [], outbox: [], conflicts: [] });
    await storage.commit({ putMemos: [memo('a', 'one'), memo('b', 'two')], cursor: 'c1' });
    await storage.commit({
      deleteMemos: ['a'],
      putOutbox: [{ seq: 2, kind: 'delete', memoId: 'b', base: memo('b', 'two'), queuedAt: 't' }],
    });
    const reopened = await fileStorage(path).load();
    expect(reopened).toMatchObject({ cursor: 'c1', memos: [{ memoId: 'b' }], outbox: [{ seq: 2, kind: 'delete' }] });
    await fileStorage(path).commit({ replaceMemos: true, putMemos: [memo('c', 'three')], deleteOutbox: [2] });
    expect(await storage.load()).toMatchObject({ memos: [{ memoId: 'c' }], outbox: [] });
    expect(readdirSync(join(path, '..')).sort()).toEqual(['state.json', 'state.json.journal']);
  });

  it('appends a commit to the journal, leaving the snapshot alone, and folds the journal into it once it outgrows it', async () => {
    const path = join(scratchDir(), 'state.json');
    const storage = fileStorage(path);
    const big = Array.from({ length: 100 }, (_, i) => memo(`m${i}`, 'x'.repeat(1000)));
    await storage.commit({ putMemos: big, cursor: 'c0' });
    const snapshot = readFileSync(path, 'utf8');
    const snapshotBytes = statSync(path).size;
    let journalBytes = 0;
    let commits = 0;
    for (; commits < 200 && readFileSync(path, 'utf8') === snapshot; commits++) {
      const batch = { putMemos: [memo(`m${commits % 100}`, `edit ${commits} `.repeat(60))], cursor: `c${commits + 1}` };
      await storage.commit(batch);
      if (readFileSync(path, 'utf8') !== snapshot) break;
      // Only the batch (and, first, the journal's header line) was written.
      const grown = statSync(`${path}.journal`).size - journalBytes;
      expect(grown).toBeGreaterThanOrEqual(JSON.stringify(batch).length + 1);
      expect(grown).toBeLessThan(JSON.stringify(batch).length + 80);
      journalBytes += grown;
    }
    // Folded once the journal passed the snapshot's size: the new snapshot holds every commit, the old journal is gone.
    expect(journalBytes).toBeGreaterThan(snapshotBytes - 1000);
    expect(commits).toBeLessThan(200);
    expect(readdirSync(join(path, '..'))).toEqual(['state.json']);
    const reopened = await fileStorage(path).load();
    expect(reopened.cursor).toBe(`c${commits + 1}`);
    expect(reopened.memos.find((each) => each.memoId === `m${commits % 100}`)!.content).toBe(`edit ${commits} `.repeat(60));
  });

  it('drops a torn last line (a crash mid-append, never acknowledged) and appends after the whole lines', async () => {
    const path = join(scratchDir(), 'state.json');
    await fileStorage(path).commit({ putMemos: [memo('a', 'one')] });
    await fileStorage(path).commit({ putMemos: [memo('b', 'two')] });
    appendFileSync(`${path}.journal`, '{"putMemos":[{"memoId":"torn","content":"half');
    const storage = fileStorage(path);
    expect((await storage.load()).memos.map((each) => each.memoId).sort()).toEqual(['a', 'b']);
    await storage.commit({ putMemos: [memo('c', 'three')] });
    expect((await fileStorage(path).load()).memos.map((each) => each.memoId).sort()).toEqual(['a', 'b', 'c']);
    for (const line of readFileSync(`${path}.journal`, 'utf8').trimEnd().split('\n'))
      expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('never applies a journal the snapshot does not name (one a crash left after folding it in)', async () => {
    const path = join(scratchDir(), 'state.json');
    const storage = fileStorage(path);
    await storage.commit({ putMemos: [memo('a', 'one')] });
    await storage.commit({ replaceMemos: true, putMemos: [memo('b', 'two')] });
    const oldJournal = readFileSync(`${path}.journal`, 'utf8');
    await storage.commit({ putMemos: [memo('c', 'x'.repeat(100 * 1024))] }); // outgrows the snapshot: folded
    expect(readdirSync(join(path, '..'))).toEqual(['state.json']);
    writeFileSync(`${path}.journal`, oldJournal); // as if the crash came before its removal
    // Replayed, its replaceMemos would drop c.
    expect((await fileStorage(path).load()).memos.map((each) => each.memoId).sort()).toEqual(['b', 'c']);
    await fileStorage(path).commit({ putMemos: [memo('d', 'four')] });
    expect((await fileStorage(path).load()).memos.map((each) => each.memoId).sort()).toEqual(['b', 'c', 'd']);
  });

  it('commits on top of what another process wrote to the file since this storage last read it', async () => {
    const path = join(scratchDir(), 'state.json');
    const storage = fileStorage(path);
    await storage.commit({ putMemos: [memo('mine', 'one')] });
    writeFileSync(path, JSON.stringify({ cursor: 'theirs', memos: [memo('theirs', 'two')], outbox: [], conflicts: [] }));
    await storage.commit({ putMemos: [memo('next', 'three')] });
    const reopened = await fileStorage(path).load();
    expect(reopened.cursor).toBe('theirs');
    expect(reopened.memos.map((each) => each.memoId).sort()).toEqual(['next', 'theirs']);
  });

  it('rejects a batch the disk has no room for with OfflineStorageFullError, the old file intact', async (context) => {
    const dir = tinyFileSystem(64 * 1024);
    if (!dir) return context.skip('cannot mount a small tmpfs here (needs root): no full disk to try');
    const path = join(dir, 'state.json');
    const storage = fileStorage(path);
    await storage.commit({ putMemos: [memo('kept', 'small')] });
    const before = readFileSync(path, 'utf8');
    const huge = memo('huge', 'x'.repeat(200 * 1024));
    await expect(storage.commit({ putMemos: [huge] })).rejects.toBeInstanceOf(OfflineStorageFullError);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['state.json']);
    expect((await storage.load()).memos.map((each) => each.memoId)).toEqual(['kept']);
  });
});
