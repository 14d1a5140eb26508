import { describe, expect, it } from 'vitest';
import { describeSearch, noMatchesText, resultsText } from '../../../web/src/Search/describeSearch.js';

describe('describeSearch and the texts built on it', () => {
  it.each([
    [{ query: ' meet ', tags: [] }, '“meet”'],
    [{ query: 'meet', tags: ['work'] }, '“meet” tagged work'],
    [{ query: '', tags: ['work', 'home'] }, 'tagged work and home'],
    [{ query: 'a b', tags: ['x', 'y', 'z'] }, '“a b” tagged x, y and z'],
  ])('says %o as %s', (search, words) => {
    expect(describeSearch(search)).toBe(words);
  });

  it('says what was searched when nothing matches', () => {
    expect(noMatchesText({ query: 'meet', tags: ['work'] })).toBe('No memos match “meet” tagged work');
    expect(noMatchesText({ query: '', tags: ['work'] })).toBe('No memos are tagged work');
  });

  it.each([
    [1, { query: 'meet', tags: [] }, '1 memo matches “meet”'],
    [1234, { query: 'meet', tags: ['work'] }, '1,234 memos match “meet” tagged work'],
    [1, { query: '', tags: ['work'] }, '1 memo is tagged work'],
    [0, { query: '', tags: ['work'] }, '0 memos are tagged work'],
  ])('counts %i found for %o', (count, search, text) => {
    expect(resultsText(count, search)).toBe(text);
  });
});
