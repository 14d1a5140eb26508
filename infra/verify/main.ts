/**
 * `npm run verify -- --stack NAME` (or `--config PATH|URL`): checks a deployment end to end with
 * two throw-away users and the operator's IAM credentials, prints a pass/fail table, and exits 1
 * when a check failed (docs/deploy.md, "Verify a deployment").
 */
import { verifyCommand } from './verifyCommand.js';

process.exitCode = await verifyCommand(process.argv.slice(2), { print: (text) => console.log(text) });
