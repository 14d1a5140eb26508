import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OLDEST_SUPPORTED_MAJOR, unsupportedNode } from '../../local/supportedNode.js';

describe('the supported-Node check npm start runs first', () => {
  it('takes the oldest major release from package.json engines, which .node-version satisfies', () => {
    expect(OLDEST_SUPPORTED_MAJOR).toBe(24);
    const pinned = readFileSync(new URL('../../.node-version', import.meta.url), 'utf8').trim();
    expect(unsupportedNode(pinned)).toBeUndefined();
    expect(unsupportedNode(process.versions.node)).toBeUndefined();
  });

  it('refuses an older Node in one line that says what is needed', () => {
    const message = unsupportedNode('20.20.2');
    expect(message).toBe(
      'Node.js 24 or later is needed (this is v20.20.2); Lambda runs Node.js 24: see .node-version, or README.md "Quick start" for how to get it.',
    );
    expect(message).not.toContain('\n');
  });
});
