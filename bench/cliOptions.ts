/** What `npm run bench -- …` was asked to do. */
export interface BenchOptions {
  help: boolean;
  quick: boolean;
  /** Overwrite the committed results (bench/results/latest.json and latency.svg). */
  record: boolean;
  /** Write the result files here instead. */
  outDir: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [--quick] [--record | --out DIR] [--help]

Measures the memo API on this machine, prints the tables and writes latest.json and
latency.svg to bench/results/local/ (git-ignored; --quick: bench/results/local/quick/).

  --quick    smoke run (~15 s): every figure produced, none meaningful
  --record   write the committed bench/results/latest.json and latency.svg instead
             (full runs only: refused with --quick)
  --out DIR  write the result files to DIR instead
  --help     print this

Environment:
  DYNAMODB_ENDPOINT=URL  run against this DynamoDB-compatible endpoint (e.g. DynamoDB Local)
                         instead of an in-memory dynalite; the bench creates a uniquely
                         named table there and deletes it at the end
  CHROMIUM_PATH=FILE     the Chromium section 10 (client search) runs in; by default
                         /usr/bin/chromium or another usual path, else the section is skipped`;

/** The command line is wrong; the message says how. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses the bench's arguments.
 *
 * @throws {UsageError} on an unknown flag, --out without a folder, or a combination that would
 * write noise into the committed results (--quick --record) or be ambiguous (--record --out)
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { help: false, quick: false, record: false, outDir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--record') options.record = true;
    else if (arg === '--out') {
      const dir = argv[++i];
      if (!dir || dir.startsWith('--')) throw new UsageError('--out needs a folder: --out DIR');
      options.outDir = dir;
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  if (options.record && options.quick) {
    throw new UsageError(
      "--record is refused with --quick: a smoke run's figures are meaningless and must not replace the committed results",
    );
  }
  if (options.record && options.outDir) throw new UsageError('--record writes bench/results/; drop --out, or drop --record');
  return options;
}
