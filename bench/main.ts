// Lambda runs the functions on Node.js 24: the figures mean something only on that Node.
import '../local/supportedNode.js';
import { parseBenchArgs, USAGE, UsageError, type BenchOptions } from './cliOptions.js';
import { formatReport } from './report.js';
import { resultsDirFor, writeResultFiles } from './resultFiles.js';
import { supplyEmulatorCredentials } from './resolverSeam.js';
import { FULL, QUICK, runBench } from './runBench.js';

// `npm run bench -- --help` lists the flags (cliOptions.ts).
let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

// A log line per request would flood the tables below (and measure stdout); warnings still show.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// The bench's own SDK clients and the handler processes it starts take region and credentials
// from this environment: an emulator's placeholder key unless one is set (the SDK signs with one).
process.env.AWS_REGION ??= 'us-east-1';
supplyEmulatorCredentials(process.env);

const results = await runBench(options.quick ? QUICK : FULL, (line) => console.error(`[bench] ${line}`));
console.log(formatReport(results));

const written = writeResultFiles(resultsDirFor(options), results);
console.error(`[bench] wrote ${written.join(' and ')}`);
if (!options.record && !options.outDir) {
  console.error('[bench] (git-ignored: only a full `npm run bench -- --record` updates the committed bench/results/)');
}
