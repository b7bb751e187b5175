/**
 * The scheduling queue's activeQ: a binary heap ordered like the PrioritySort plugin (higher
 * spec.priority first, then first in, first out), with a set so a pod is queued once. A pod's
 * priority is resolved at admission and immutable, so it is read once, when the pod is queued.
 */
interface Entry {
  id: string;
  prio: number;
  seq: number;
}

const before = (a: Entry, b: Entry): boolean => a.prio > b.prio || (a.prio === b.prio && a.seq < b.seq);

export class SchedulingQueue {
  private heap: Entry[] = [];
  private ids = new Set<string>();
  private seq = 0;

  get length(): number {
    return this.heap.length;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds the pod unless it already waits (it keeps its place, as before). */
  push(id: string, prio: number): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    const h = this.heap;
    const e: Entry = { id, prio, seq: this.seq++ };
    // Sift up by moving parents down into the hole (the same places as swapping, but a
    // destructuring swap allocates an array and an iterator result per level).
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(e, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = e;
  }

  pop(): string | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      // Sift `last` down from the root, moving the better child up into the hole.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let best = last;
        if (l < n && before(h[l], best)) {
          m = l;
          best = h[l];
        }
        if (r < n && before(h[r], best)) m = r;
        if (m === i) break;
        h[i] = h[m];
        i = m;
      }
      h[i] = last;
    }
    this.ids.delete(top.id);
    return top.id;
  }
}
