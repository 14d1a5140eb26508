import { parseArgs } from 'node:util';
import type { AwsCredentials } from '@memo-api/client';
import { describeError, formatTable } from './checkRows.js';
import { deploymentConfig, type DeploymentSource } from './deploymentConfig.js';
import { verifyDeployment, type VerifyDeploymentOptions } from './verifyDeployment.js';

export const USAGE = 'Usage: npm run verify -- --stack <stack name> [--region <region>] | --config <client config path or URL>';

export interface VerifyCommandIo {
  /** Where the table and messages go (the CLI: console.log). */
  readonly print: (text: string) => void;
  /** The operator's credentials; default: the AWS SDK's default chain. */
  readonly credentials?: AwsCredentials;
  readonly timings?: VerifyDeploymentOptions['timings'];
}

/**
 * `npm run verify`: finds the deployment, runs every check, prints the table.
 *
 * @example
 * process.exitCode = await verifyCommand(process.argv.slice(2), { print: console.log });
 * @returns the exit code: 0 when every check passed, 1 when one failed or the deployment could not be read, 2 on bad arguments
 */
export async function verifyCommand(argv: readonly string[], io: VerifyCommandIo): Promise<number> {
  let source: DeploymentSource;
  try {
    source = sourceOf(argv);
  } catch (error) {
    io.print(`${describeError(error)}\n${USAGE}`);
    return 2;
  }
  let report: Awaited<ReturnType<typeof verifyDeployment>>;
  try {
    const config = await deploymentConfig(source, io.credentials);
    io.print(`Verifying ${config.graphqlUrl} (real-time ${config.realtimeUrl}, user pool ${config.userPoolId ?? 'none'})`);
    report = await verifyDeployment({
      config,
      ...(io.credentials ? { credentials: io.credentials } : {}),
      ...(io.timings ? { timings: io.timings } : {}),
    });
  } catch (error) {
    io.print(`Verification could not run: ${describeError(error)}`);
    return 1;
  }
  io.print(formatTable(report.rows));
  const failed = report.rows.filter(({ passed }) => !passed).length;
  io.print(failed === 0 ? `All ${report.rows.length} checks passed.` : `${failed} of ${report.rows.length} checks failed.`);
  return failed === 0 ? 0 : 1;
}

function sourceOf(argv: readonly string[]): DeploymentSource {
  const { values } = parseArgs({
    args: [...argv],
    options: { stack: { type: 'string' }, region: { type: 'string' }, config: { type: 'string' } },
    strict: true,
  });
  if (values.stack && values.config) throw new Error('Give --stack or --config, not both');
  if (values.stack) return { stack: values.stack, ...(values.region ? { region: values.region } : {}) };
  if (values.config) return { config: values.config };
  throw new Error('Name the deployment with --stack or --config');
}
