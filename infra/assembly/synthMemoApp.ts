import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { MemoApiStack } from '../memoApiStack.js';
import { addMemoApi } from '../memoApp.js';
import { codeAssetKey, findFieldWiring } from './templateLookup.js';

export interface SynthesizedMemoApp {
  readonly app: App;
  readonly stack: MemoApiStack;
  readonly template: Template;
  /** The cloud assembly folder (bundled assets live in `asset.<hash>` below it). */
  readonly outdir: string;
  /** The bundled handler CDK built for `fieldName`: `asset.<hash>/index.mjs` in the assembly. */
  readonly bundleOf: (fieldName: string) => string;
  /** Deletes the cloud assembly folder. */
  readonly dispose: () => void;
}

/**
 * Synthesizes the app exactly as `npm run synth` does, cdk-nag included (a finding without
 * acknowledgement makes this throw), into a fresh temporary folder. `bundle: false` skips the
 * esbuild step (assets become placeholders) for tests that only read the template.
 */
export function synthMemoApp(
  options: { context?: Record<string, string>; bundle?: boolean; beforeSynth?: (stack: MemoApiStack) => void } = {},
): SynthesizedMemoApp {
  const outdir = mkdtempSync(join(tmpdir(), 'memo-cdk-'));
  const app = new App({
    outdir,
    context: { ...options.context, ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}) },
  });
  try {
    const stack = addMemoApi(app);
    options.beforeSynth?.(stack);
    const assembly = app.synth();
    const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template as Record<string, unknown>);
    const bundleOf = (fieldName: string) => {
      const assetHash = codeAssetKey(findFieldWiring(template, fieldName).fn).replace(/\.zip$/, '');
      return join(outdir, `asset.${assetHash}`, 'index.mjs');
    };
    return { app, stack, template, outdir, bundleOf, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
  } catch (error) {
    // A cdk-nag failure says only "Validation failed": carry the findings in the error itself.
    const report = join(outdir, 'validation-report.json');
    const findings = existsSync(report) ? readFileSync(report, 'utf8') : '';
    rmSync(outdir, { recursive: true, force: true });
    throw findings ? new Error(`${(error as Error).message}\n${findings}`, { cause: error }) : error;
  }
}
