/** Shell-like ↑/↓ history; the line being typed is kept while browsing and restored at the end. */
import { useRef } from 'react';

export function useCommandHistory() {
  const items = useRef<string[]>([]);
  const pos = useRef(0);
  const draft = useRef('');
  return {
    push(cmd: string) {
      if (items.current[items.current.length - 1] !== cmd) items.current.push(cmd);
      pos.current = items.current.length;
      draft.current = '';
    },
    /** Moves by -1 (older) or +1 (newer); returns the line to show, or undefined at the ends. */
    move(delta: -1 | 1, current: string): string | undefined {
      const n = items.current.length;
      if (pos.current === n) draft.current = current;
      const next = pos.current + delta;
      if (next < 0 || next > n) return undefined;
      pos.current = next;
      return next === n ? draft.current : items.current[next];
    },
  };
}
