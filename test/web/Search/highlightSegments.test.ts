import { describe, expect, it } from 'vitest';
import { matchRanges } from '../../../sdk/src/offline.js';
import { highlightSegments, previewOf } from '../../../web/src/Search/highlightSegments.js';

const marked = (segments: { text: string; marked: boolean }[]) => segments.filter((s) => s.marked).map((s) => s.text);

describe('highlightSegments', () => {
  it('cuts a text into runs, marked where the ranges say, and loses no character', () => {
    const text = 'Team meeting at the Café';
    const segments = highlightSegments(text, [
      { start: 5, end: 9 },
      { start: 20, end: 24 },
    ]);
    expect(segments).toEqual([
      { text: 'Team ', marked: false },
      { text: 'meet', marked: true },
      { text: 'ing at the ', marked: false },
      { text: 'Café', marked: true },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('joins overlapping and touching ranges, sorts them and clamps them to the text', () => {
    const segments = highlightSegments('abcdefgh', [
      { start: 6, end: 20 },
      { start: 2, end: 4 },
      { start: 3, end: 5 },
      { start: 5, end: 6 },
      { start: -3, end: 1 },
      { start: 4, end: 4 },
    ]);
    expect(segments).toEqual([
      { text: 'a', marked: true },
      { text: 'b', marked: false },
      { text: 'cdefgh', marked: true },
    ]);
  });

  it('gives one unmarked run without ranges, and nothing for an empty text', () => {
    expect(highlightSegments('plain', [])).toEqual([{ text: 'plain', marked: false }]);
    expect(highlightSegments('', [{ start: 0, end: 3 }])).toEqual([]);
  });

  it('marks what the SDK says a search matches, accents and case included', () => {
    const text = 'Résumé for the MEETING';
    expect(marked(highlightSegments(text, matchRanges(text, { query: 'resume mee' })))).toEqual(['Résumé', 'MEE']);
  });
});

describe('previewOf', () => {
  it('keeps the start of the content when the first match is in it', () => {
    const content = `meet ${'x'.repeat(100)}`;
    expect(previewOf(content, [{ start: 0, end: 4 }], 20)).toEqual({ text: content.slice(0, 20), ranges: [{ start: 0, end: 4 }] });
  });

  it('starts a little before a later first match, with "…", and moves the ranges with it', () => {
    const content = `${'a'.repeat(100)} budget ${'b'.repeat(100)}`;
    const preview = previewOf(content, [{ start: 101, end: 107 }], 40);
    expect(preview.text.startsWith('…')).toBe(true);
    expect(preview.text.length).toBe(41);
    expect(marked(highlightSegments(preview.text, preview.ranges))).toEqual(['budget']);
  });

  it('starts the window at a word, not inside one', () => {
    const content = `${'word '.repeat(30)}budget`;
    const preview = previewOf(content, [{ start: 150, end: 156 }], 40);
    expect(preview.text).toMatch(/^…word word .*budget$/);
    expect(marked(highlightSegments(preview.text, preview.ranges))).toEqual(['budget']);
  });

  it('drops ranges outside the preview and cuts no surrogate pair', () => {
    const content = `${'😀'.repeat(30)} end`;
    const preview = previewOf(content, [{ start: 61, end: 64 }], 11);
    expect(preview.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(previewOf(content, [], 11).text).toBe('😀'.repeat(5));
    expect(
      previewOf(
        'short',
        [
          { start: 0, end: 2 },
          { start: 90, end: 95 },
        ],
        80,
      ).ranges,
    ).toEqual([{ start: 0, end: 2 }]);
  });
});
