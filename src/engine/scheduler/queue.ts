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
    h.push({ id, prio, seq: this.seq++ });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  pop(): string | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    this.ids.delete(top.id);
    return top.id;
  }
}
