import { describe, expect, it } from 'vitest';
import { REQUIRED, WRITABLE_FIELDS } from '../../../resolvers/lib/writableFields.js';
import { EDITABLE_FIELDS, optimisticMemo, withChanges } from '../../../sdk/src/offline/memoFields.js';

// The offline store cannot import the resolvers (it ships in the SDK), so it keeps its own copy of
// two facts of the contract: which fields an edit may set, and what a field reads as when a write
// leaves it out. These checks fail when the copy and the server's rule table disagree.
describe("the offline store's fields agree with the server's WRITABLE_FIELDS", () => {
  it('edits exactly the writable fields', () => {
    expect([...EDITABLE_FIELDS].sort()).toEqual(Object.keys(WRITABLE_FIELDS).sort());
  });

  it('shows a field a create leaves out, or an update clears, as the server stores it (its `absent`)', () => {
    const created = optimisticMemo('m', 'owner', { content: 'only content' }, '2026-01-01T00:00:00.000Z');
    for (const [field, { absent }] of Object.entries(WRITABLE_FIELDS)) {
      if (absent === REQUIRED) continue;
      expect(created[field as keyof typeof created], field).toEqual(absent);
      const cleared = withChanges({ ...created }, { [field]: null }, created.updatedAt);
      expect(cleared[field as keyof typeof cleared], field).toEqual(absent);
    }
  });
});
