import { describe, expect, it } from 'vitest';
import { draftChanges, overwritesChange, sameFields } from '../../../web/src/MemoEditor/draftChanges.js';
import { aMemo } from '../helpers/memoFactory.js';

const base = aMemo({ title: 'Groceries', content: 'milk', tags: ['home', 'weekly'] });

describe('draftChanges', () => {
  it.each([
    ['nothing when nothing changed', { title: 'Groceries', content: 'milk', tags: ['home', 'weekly'] }, {}],
    ['the content alone', { title: 'Groceries', content: 'milk, eggs', tags: ['home', 'weekly'] }, { content: 'milk, eggs' }],
    ['a title removed, as null', { title: null, content: 'milk', tags: ['home', 'weekly'] }, { title: null }],
    ['tags in another order', { title: 'Groceries', content: 'milk', tags: ['weekly', 'home'] }, { tags: ['weekly', 'home'] }],
    ['a tag fewer', { title: 'Groceries', content: 'milk', tags: ['home'] }, { tags: ['home'] }],
  ])('sends %s', (_, draft, expected) => {
    expect(draftChanges(base, draft)).toEqual(expected);
  });
});

describe('overwritesChange', () => {
  const elsewhere = aMemo({ ...base, content: 'bread', version: 2 });
  it('says a save of a field changed elsewhere would write over it', () => {
    expect(overwritesChange(base, elsewhere, { content: 'milk, eggs' })).toBe(true);
  });
  it('lets a save of another field through (the two merge)', () => {
    expect(overwritesChange(base, elsewhere, { title: 'Shopping' })).toBe(false);
    expect(overwritesChange(base, aMemo({ ...base, tags: ['home'], version: 2 }), { content: 'milk, eggs' })).toBe(false);
  });
});

describe('sameFields', () => {
  it('compares the fields, not the version', () => {
    expect(sameFields(base, aMemo({ ...base, version: 2 }))).toBe(true);
    expect(sameFields(base, aMemo({ ...base, tags: ['home'] }))).toBe(false);
  });
});
