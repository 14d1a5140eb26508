import { useEffect, type RefObject } from 'react';
import { startsSearch } from './searchShortcut.js';

/** "/" anywhere on the page but where one types moves the focus to the search box (and is not typed). */
export function useSearchShortcut(input: RefObject<HTMLInputElement>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!startsSearch(event) || !input.current) return;
      event.preventDefault();
      input.current.focus();
      input.current.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [input]);
}
