/**
 * A plain-text table (Markdown pipe syntax, padded so it also reads in a terminal), ending with
 * an empty line: the form every bench section prints and docs/performance.md quotes.
 */
export function textTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => String(row[i]).length)));
  const format = (cells: readonly (string | number)[]) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i]!)).join(' | ')} |`;
  return [format(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(format), ''];
}
