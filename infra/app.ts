import { App } from 'aws-cdk-lib';
import { addMemoApi } from './memoApp.js';
import { addGithubDeployRoles } from './pipeline/githubDeployRoles.js';

// The CDK app cdk.json runs (`npx tsx infra/app.ts`); context flags are documented in memoApp.ts.
// The GitHub deploy roles join only with `-c githubRepo=OWNER/REPO` (infra/pipeline/githubDeployRoles.ts).
const app = new App();
addMemoApi(app);
addGithubDeployRoles(app);
app.synth();
