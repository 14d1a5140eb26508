/** A grouped bar chart (SVG) of latency percentiles per operation, endpoint beside raw. */
export interface LatencyBars {
  operation: string;
  endpoint: { p50Ms: number; p95Ms: number; p99Ms: number };
  raw: { p50Ms: number; p95Ms: number; p99Ms: number };
}

const PERCENTILES = ['p50Ms', 'p95Ms', 'p99Ms'] as const;
const COLORS = { endpoint: ['#1f5fa8', '#4a86c8', '#8db4e2'], raw: ['#b0531c', '#d97a3f', '#eeb08a'] };

export function latencyChartSvg(title: string, rows: readonly LatencyBars[]): string {
  const width = 860;
  const height = 420;
  const left = 60;
  const bottom = 60;
  const top = 50;
  const plotHeight = height - top - bottom;
  const groupWidth = (width - left - 20) / rows.length;
  const barWidth = (groupWidth - 20) / 6;
  const max = Math.max(1, ...rows.flatMap((row) => PERCENTILES.flatMap((p) => [row.endpoint[p], row.raw[p]])));
  const scale = (ms: number) => (ms / max) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16">${escapeXml(title)}</text>`,
    `<line x1="${left}" y1="${top + plotHeight}" x2="${width - 10}" y2="${top + plotHeight}" stroke="#333"/>`,
  ];
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max * tick) / 4;
    const y = top + plotHeight - scale(value);
    parts.push(`<line x1="${left}" y1="${y}" x2="${width - 10}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end">${value.toFixed(1)} ms</text>`);
  }
  rows.forEach((row, group) => {
    const x0 = left + 10 + group * groupWidth;
    (['endpoint', 'raw'] as const).forEach((side, sideIndex) => {
      PERCENTILES.forEach((p, index) => {
        const value = row[side][p];
        const x = x0 + (sideIndex * 3 + index) * barWidth;
        const y = top + plotHeight - scale(value);
        parts.push(
          `<rect x="${x}" y="${y}" width="${barWidth - 2}" height="${scale(value)}" fill="${COLORS[side][index]}"><title>${row.operation} ${side} ${p.slice(0, 3)}: ${value} ms</title></rect>`,
        );
      });
    });
    parts.push(`<text x="${x0 + 3 * barWidth}" y="${top + plotHeight + 18}" text-anchor="middle">${escapeXml(row.operation)}</text>`);
  });
  const legend = (['endpoint', 'raw'] as const).flatMap((side, sideIndex) =>
    PERCENTILES.map((p, index) => {
      const x = left + (sideIndex * 3 + index) * 130;
      return `<rect x="${x}" y="${height - 24}" width="12" height="12" fill="${COLORS[side][index]}"/><text x="${x + 16}" y="${height - 14}">${side} ${p.slice(0, 3)}</text>`;
    }),
  );
  parts.push(...legend, '</svg>');
  return parts.join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
