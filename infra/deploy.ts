/**
 * `npm run deploy [-- cdk options]`: `cdk deploy` with the stack's outputs written to
 * cdk-outputs.json, then the front end's client config (the /config.json shape) written from
 * them to web/public/config.json, which the next `npm run web:build` ships next to the app.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clientConfigFromOutputs, memoStackOutputs } from './clientConfig/fromStackOutputs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUTPUTS_FILE = `${root}cdk-outputs.json`;
export const CLIENT_CONFIG_FILE = `${root}web/public/config.json`;

const cdk = spawnSync('npx', ['cdk', 'deploy', '--no-notices', '--outputs-file', OUTPUTS_FILE, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
if (cdk.status !== 0) process.exit(cdk.status ?? 1);

const config = clientConfigFromOutputs(memoStackOutputs(JSON.parse(readFileSync(OUTPUTS_FILE, 'utf8'))));
mkdirSync(`${root}web/public`, { recursive: true });
writeFileSync(CLIENT_CONFIG_FILE, `${JSON.stringify(config, null, 2)}\n`);
console.log(`Client config written to web/public/config.json (run npm run web:build to ship it with the app).`);
