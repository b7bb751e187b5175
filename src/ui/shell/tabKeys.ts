/** Keyboard use of a tablist (WAI-ARIA): ←/→ move to the next tab (wrapping), Home/End to the first/last. */
import type { KeyboardEvent } from 'react';

export function tabKeys<T extends string>(ids: readonly T[], current: T, select: (id: T) => void, elementId: (id: T) => string): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    const n = ids.length;
    const i = ids.indexOf(current);
    const j = e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : (i + (e.key === 'ArrowRight' ? 1 : n - 1)) % n;
    e.preventDefault();
    select(ids[j]);
    document.getElementById(elementId(ids[j]))?.focus();
  };
}
