/** Keeps the row that decided the current step in view, scrolling only its own list. */
import { useEffect, type RefObject } from 'react';

export function useScrollToMark(ref: RefObject<HTMLElement | null>, key: unknown): void {
  useEffect(() => {
    const box = ref.current;
    const row = box?.querySelector<HTMLElement>('.is-decided');
    if (!box || !row || box.hidden) return;
    const top = row.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top + row.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }, [ref, key]);
}
