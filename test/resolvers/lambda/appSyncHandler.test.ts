import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handlerLogger } from '../../../resolvers/lib/logger.js';
import { createMemoTable } from '../../helpers/memoTable.js';
import { resolveField, resolveOk } from '../../helpers/resolveField.js';

const SECRET_CONTENT = 'my bank PIN is 4321';

beforeAll(createMemoTable);
afterEach(() => vi.restoreAllMocks());

describe('handler logging', () => {
  it('logs each operation with its name and memoId, never the memo content', async () => {
    const info = vi.spyOn(handlerLogger(), 'info');
    const memo = await resolveOk('createMemo', { input: { title: SECRET_CONTENT, content: SECRET_CONTENT, tags: [SECRET_CONTENT] } });
    await resolveOk('updateMemo', { input: { memoId: memo.memoId, content: `${SECRET_CONTENT}!` } });

    expect(info).toHaveBeenCalledWith('resolved', expect.objectContaining({ operation: 'createMemo', memoId: memo.memoId }));
    expect(info).toHaveBeenCalledWith('resolved', expect.objectContaining({ operation: 'updateMemo', memoId: memo.memoId }));
    expect(JSON.stringify(info.mock.calls)).not.toContain(SECRET_CONTENT);
  });

  it('logs a rejection with its errorType and the field at fault, not the bad value', async () => {
    const info = vi.spyOn(handlerLogger(), 'info');
    await resolveField('createMemo', { input: { content: SECRET_CONTENT, title: SECRET_CONTENT.repeat(20) } });
    expect(info).toHaveBeenCalledWith(
      'rejected',
      expect.objectContaining({ operation: 'createMemo', errorType: 'ValidationError', errorInfo: { field: 'input.title' } }),
    );
    expect(JSON.stringify(info.mock.calls)).not.toContain(SECRET_CONTENT);
  });
});
