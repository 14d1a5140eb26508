import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { OPERATIONS_DEFAULTS, readOperationsSettings, type OperationsLimitName } from '../../infra/operations/operationsSettings.js';

const settingsOf = (context: Record<string, unknown>, stage = 'dev') => readOperationsSettings(new App({ context }).node, stage);
const names = Object.keys(OPERATIONS_DEFAULTS) as OperationsLimitName[];

describe('readOperationsSettings', () => {
  it('gives every default without context, no alarm email, and introspection on the dev stage only', () => {
    const settings = settingsOf({});
    for (const name of names) expect(settings[name]).toBe(OPERATIONS_DEFAULTS[name].default);
    expect(settings.alarmEmail).toBeUndefined();
    expect(settings.introspection).toBe(true);
    expect(settingsOf({}, 'prod').introspection).toBe(false);
    expect(settingsOf({}, 'staging').introspection).toBe(false);
  });

  it.each(names)('takes %s from the context, as -c gives it (text) or cdk.json does (a number), at both ends of its range', (name) => {
    const { min, max } = OPERATIONS_DEFAULTS[name];
    expect(settingsOf({ [name]: String(min) })[name]).toBe(min);
    expect(settingsOf({ [name]: max })[name]).toBe(max);
    expect(() => settingsOf({ [name]: String(max + 1) })).toThrow(`context ${name}=${max + 1}: use a whole number from ${min} to ${max}`);
    expect(() => settingsOf({ [name]: min - 1 })).toThrow(`context ${name}=${min - 1}`);
  });

  it('refuses a value that is neither text nor a number', () => {
    expect(() => settingsOf({ wafRateLimitPerIp: { limit: 5 } })).toThrow(/context wafRateLimitPerIp: use a plain value/);
  });

  it('takes an alarm email, and treats an empty one as none', () => {
    expect(settingsOf({ alarmEmail: 'ops@example.com' }).alarmEmail).toBe('ops@example.com');
    expect(settingsOf({ alarmEmail: '' }).alarmEmail).toBeUndefined();
    expect(() => settingsOf({ alarmEmail: 'ops@localhost' })).toThrow(/context alarmEmail=ops@localhost: use an email address/);
  });
});

describe("docs/operations.md's context keys", () => {
  it('list every setting with its default and range as OPERATIONS_DEFAULTS has them', () => {
    const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Context keys'));
    const rows = new Map(
      [...section.matchAll(/^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|/gm)].map(([, key, defaultValue, range]) => [
        key!,
        [defaultValue!.trim(), range!.trim()],
      ]),
    );
    const plain = (value: number) => value.toLocaleString('en-US');
    for (const name of names) {
      const { default: defaultValue, min, max } = OPERATIONS_DEFAULTS[name];
      expect(rows.get(name), name).toEqual([String(defaultValue), `${plain(min)}–${plain(max)}`]);
    }
    expect(rows.has('alarmEmail')).toBe(true);
  });
});
