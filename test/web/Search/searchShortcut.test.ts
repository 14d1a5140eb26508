import { describe, expect, it } from 'vitest';
import { startsSearch, type ShortcutKey } from '../../../web/src/Search/searchShortcut.js';

/** A stand-in for the element a key went to: what startsSearch reads of it. */
const element = (tagName: string, options: { editable?: boolean; inDialog?: boolean } = {}) =>
  ({
    tagName,
    isContentEditable: options.editable ?? false,
    closest: (selector: string) => (selector === 'dialog' && options.inDialog ? {} : null),
  }) as unknown as EventTarget;

const key = (fields: Partial<ShortcutKey>): ShortcutKey => ({
  key: '/',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  defaultPrevented: false,
  target: element('BODY'),
  ...fields,
});

describe('the "/" shortcut', () => {
  it.each([
    ['on the page', key({}), true],
    ['on a button of the list', key({ target: element('BUTTON') }), true],
    ['with no target', key({ target: null }), true],
    ['another key', key({ key: '?' }), false],
    ['with Ctrl', key({ ctrlKey: true }), false],
    ['with ⌘', key({ metaKey: true }), false],
    ['with Alt', key({ altKey: true }), false],
    ['already handled', key({ defaultPrevented: true }), false],
    ['in an input', key({ target: element('INPUT') }), false],
    ['in a textarea', key({ target: element('TEXTAREA') }), false],
    ['in a select', key({ target: element('SELECT') }), false],
    ['in an editable element', key({ target: element('DIV', { editable: true }) }), false],
    ['in a dialog', key({ target: element('BUTTON', { inDialog: true }) }), false],
  ])('%s: %s', (_, event, starts) => {
    expect(startsSearch(event)).toBe(starts);
  });
});
