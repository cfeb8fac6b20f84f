import { useEffect, type KeyboardEvent, type RefObject } from 'react';

export interface MenuOptions {
  /** What counts as inside for a click (default: the menu); e.g. the menu with the button that opens it. */
  readonly inside?: RefObject<HTMLElement | null>;
  /** Tab closes the menu (a menu of items only); false when it holds fields to Tab to. */
  readonly closeOnTab?: boolean;
  /** Opening again (focus to the first item anew) when this changes, e.g. the frame the menu is for. */
  readonly openedFor?: unknown;
}

/**
 * A WAI-ARIA menu's behaviour for the open menu in `menu`: focus moves to its first item, arrows, Home
 * and End move between items (not while typing in a field), Escape (and Tab, when asked) closes, and so
 * does a pointer pressed outside it (`onClose` says which). Returns the menu's key handler.
 */
export function useMenu(menu: RefObject<HTMLElement | null>, onClose: (by: 'key' | 'pointer') => void, options: MenuOptions = {}) {
  const { inside = menu, closeOnTab = true, openedFor } = options;
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!inside.current?.contains(e.target as Node)) onClose('pointer');
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [openedFor]); // eslint-disable-line react-hooks/exhaustive-deps
  return (e: KeyboardEvent<HTMLElement>) => {
    const typing = e.target instanceof HTMLInputElement;
    const buttons = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number) => buttons[(i + buttons.length) % buttons.length]?.focus();
    if (e.key === 'Escape' || (e.key === 'Tab' && closeOnTab)) onClose('key');
    else if (typing) return;
    else if (e.key === 'ArrowDown') focusAt(at + 1);
    else if (e.key === 'ArrowUp') focusAt(at < 0 ? -1 : at - 1);
    else if (e.key === 'Home') focusAt(0);
    else if (e.key === 'End') focusAt(buttons.length - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
}
