/** What the "/" shortcut needs of a keydown (a KeyboardEvent has it). */
export interface ShortcutKey {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly defaultPrevented: boolean;
  readonly target: EventTarget | null;
}

/** Elements "/" is typed into, never taken from. */
const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * Whether a keydown is the "/" that moves the focus to the search: a plain "/" (no Ctrl, ⌘ or Alt)
 * nobody handled, pressed outside anything one types in (an input, a textarea, a select, an
 * editable element) and outside a dialog (a modal dialog keeps the focus).
 */
export function startsSearch(event: ShortcutKey): boolean {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return false;
  const target = event.target as { tagName?: string; isContentEditable?: boolean; closest?: (selector: string) => unknown } | null;
  if (!target || typeof target.tagName !== 'string') return true;
  if (TYPING.has(target.tagName.toUpperCase()) || target.isContentEditable === true) return false;
  return !target.closest?.('dialog');
}
