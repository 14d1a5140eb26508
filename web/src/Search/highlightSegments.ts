/** A part of a text a search matched: UTF-16 offsets, `end` excluded (what the SDK's matchRanges returns). */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A run of a text, marked when the search matched it. */
export interface TextSegment {
  readonly text: string;
  readonly marked: boolean;
}

/**
 * The text cut into runs, marked where `ranges` say: ranges are clamped to the text, sorted, and
 * overlapping or touching ones joined, so each matched character is marked once. No ranges: one
 * unmarked run (an empty text: none).
 *
 * @example
 * highlightSegments('Team meeting', [{ start: 5, end: 9 }]); // [{ text: 'Team ', marked: false }, { text: 'meet', marked: true }, { text: 'ing', marked: false }]
 */
export function highlightSegments(text: string, ranges: readonly TextRange[]): TextSegment[] {
  const merged: { start: number; end: number }[] = [];
  const clamped = ranges
    .map(({ start, end }) => ({ start: Math.max(0, start), end: Math.min(text.length, end) }))
    .filter(({ start, end }) => start < end)
    .sort((a, b) => a.start - b.start);
  for (const range of clamped) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  const segments: TextSegment[] = [];
  let at = 0;
  for (const { start, end } of merged) {
    if (start > at) segments.push({ text: text.slice(at, start), marked: false });
    segments.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false });
  return segments;
}

/** How many characters the preview keeps before the first match, so the match is seen with a little of what leads to it. */
const LEAD = 20;

/**
 * A preview of `length` UTF-16 units of a memo's content that shows its first match: the start of
 * the content when the first match lies in it, else a window from a word a little before the match
 * (starting "…"), with the ranges moved to the preview's offsets. Never cuts a surrogate pair.
 */
export function previewOf(content: string, ranges: readonly TextRange[], length: number): { text: string; ranges: TextRange[] } {
  const first = ranges.reduce<TextRange | undefined>((a, b) => (a && a.start <= b.start ? a : b), undefined);
  let from = first && first.end > length ? Math.max(0, first.start - LEAD) : 0;
  // From the start of a word (the first space after the cut, when it comes before the match).
  const space = from > 0 ? content.slice(from, first!.start).search(/\s\S/) : -1;
  if (space >= 0) from += space + 1;
  if (from > 0 && isLowSurrogate(content.charCodeAt(from))) from -= 1;
  let to = Math.min(content.length, from + length);
  if (to < content.length && isLowSurrogate(content.charCodeAt(to))) to -= 1;
  const lead = from > 0 ? '…' : '';
  const shift = lead.length - from;
  return {
    text: lead + content.slice(from, to),
    ranges: ranges
      .map(({ start, end }) => ({ start: Math.max(start, from) + shift, end: Math.min(end, to) + shift }))
      .filter((r) => r.start < r.end),
  };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
