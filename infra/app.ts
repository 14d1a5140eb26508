import { App } from 'aws-cdk-lib';
import { addMemoApi } from './memoApp.js';

// The CDK app cdk.json runs (`npx tsx infra/app.ts`); context flags are documented in memoApp.ts.
const app = new App();
addMemoApi(app);
app.synth();
