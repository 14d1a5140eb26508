import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStorage } from '@memo-api/client/node';
import { OfflineStorageFullError } from '../../../sdk/src/offline/offlineStorageFullError.js';
import type { Memo } from '../../../sdk/src/offline/types.js';

// fileStorage (@memo-api/client/node) on a real file system: one JSON file, replaced whole by rename.
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
    expect(readdirSync(join(path, '..'))).toEqual(['state.json']);
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
