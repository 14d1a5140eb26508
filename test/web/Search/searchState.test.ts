import { describe, expect, it } from 'vitest';
import { isSearching, NO_SEARCH, withoutTag, withTag } from '../../../web/src/Search/searchState.js';

describe('the search state', () => {
  it.each([
    ['nothing', NO_SEARCH, false],
    ['a blank query', { query: '  ', tags: [] }, false],
    ['a word', { query: 'meet', tags: [] }, true],
    ['a tag only', { query: '', tags: ['work'] }, true],
  ])('says whether %s is a search', (_, search, searching) => {
    expect(isSearching(search)).toBe(searching);
  });

  it('adds a tag once, ignoring case and spaces as memos tell tags apart, keeping the first spelling', () => {
    const once = withTag(NO_SEARCH, 'Work');
    expect(once.tags).toEqual(['Work']);
    expect(withTag(once, ' work ')).toBe(once);
    expect(withTag(once, 'home').tags).toEqual(['Work', 'home']);
  });

  it('removes a tag given in any case, and keeps the words', () => {
    const search = { query: 'meet', tags: ['Work', 'home'] };
    expect(withoutTag(search, 'WORK')).toEqual({ query: 'meet', tags: ['home'] });
    expect(withoutTag(search, 'elsewhere')).toEqual(search);
  });
});
