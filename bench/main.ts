import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { latencyChartSvg } from './chart.js';
import { formatReport } from './report.js';
import { FULL, QUICK, runBench } from './runBench.js';

// `npm run bench [-- --quick] [-- --out DIR]`: prints the tables and writes latest.json + latency.svg.
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? args[outIndex + 1]! : fileURLToPath(new URL(quick ? './results/quick' : './results', import.meta.url));

// A log line per request would flood the tables below (and measure stdout); warnings still show.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const results = await runBench(quick ? QUICK : FULL, (line) => console.error(`[bench] ${line}`));
console.log(formatReport(results));

mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
const concurrency = Math.max(...results.settings.concurrencies);
writeFileSync(
  `${outDir}/latency.svg`,
  latencyChartSvg(
    `Latency per operation at concurrency ${concurrency}: endpoint vs raw DynamoDB`,
    results.endpointVsRaw.filter((c) => c.concurrency === concurrency),
  ),
);
console.error(`[bench] wrote ${outDir}/latest.json and latency.svg`);
