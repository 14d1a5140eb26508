import { highlightSegments, type TextRange } from './highlightSegments.js';

/** A text with what the search matched in `<mark>` (no ranges: the text as it is). */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly TextRange[] | undefined }) {
  if (!ranges || ranges.length === 0) return <>{text}</>;
  return (
    <>
      {highlightSegments(text, ranges).map((segment, index) => (segment.marked ? <mark key={index}>{segment.text}</mark> : segment.text))}
    </>
  );
}
