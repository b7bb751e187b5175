/**
 * Simulated time and the single event queue. Events run in (time, sequence) order, so two
 * events at the same millisecond always run in the order they were scheduled.
 */
import { progressTick, type Progress } from './progress';

export interface SimEvent {
  at: number;
  seq: number;
  /** Who acts, for the event log and debugging ("scheduler", "kubelet/node-1"). */
  actor: string;
  /** Periodic housekeeping (lease renewals) does not keep `settle()` busy. */
  background: boolean;
  run: () => void;
}

export class Clock {
  now = 0;
  /** What a progress report says about the cluster (set by the Simulation); the loops report every few hundred events. */
  progress?: () => Progress;
  private seq = 0;
  private queue: SimEvent[] = [];
  private foreground = 0;
  /**
   * How many events one settle (or runUntil) may run before it is called a runaway loop. The
   * simulation raises it for big clusters: every flanneld watches every node, so booting N
   * nodes takes about N² events.
   */
  eventBudget = 1_000_000;

  schedule(delayMs: number, actor: string, run: () => void, background = false): void {
    const ev: SimEvent = { at: this.now + Math.max(0, delayMs), seq: this.seq++, actor, background, run };
    // A binary min-heap on (at, seq): seq is unique, so the order is total and the same as a
    // sorted list's, without shifting a big array on every insert and every step.
    const q = this.queue;
    let i = q.length;
    q.push(ev);
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (!before(ev, q[parent])) break;
      q[i] = q[parent];
      i = parent;
    }
    q[i] = ev;
    if (!background) this.foreground++;
  }

  /** Runs the next event; false when none is due at or before `until`. */
  step(until = Infinity): boolean {
    const ev = this.queue[0];
    if (!ev || ev.at > until) return false;
    this.popMin();
    if (!ev.background) this.foreground--;
    this.now = ev.at;
    ev.run();
    return true;
  }

  /** Runs every event due up to `until`, then moves the clock there. */
  runUntil(until: number, maxEvents = this.eventBudget): void {
    let n = 0;
    while (this.step(until)) {
      if (++n > maxEvents) throw new Error(`simulation did not settle: more than ${maxEvents} events before t=${until}ms`);
      if ((n & 255) === 0) progressTick(this.progress);
    }
    this.now = Math.max(this.now, until);
  }

  /** Runs until only background events remain (or `limitMs` of simulated time passed). */
  settle(limitMs = 600_000, maxEvents = this.eventBudget): void {
    const stop = this.now + limitMs;
    let n = 0;
    while (this.foreground > 0) {
      if (!this.step(stop)) break;
      if (++n > maxEvents) throw new Error(`simulation did not settle after ${maxEvents} events`);
      if ((n & 255) === 0) progressTick(this.progress);
    }
  }

  private popMin(): void {
    const q = this.queue;
    const last = q.pop()!;
    const n = q.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && before(q[l + 1], q[l]) ? l + 1 : l;
      if (!before(q[c], last)) break;
      q[i] = q[c];
      i = c;
    }
    q[i] = last;
  }

  pending(): number {
    return this.queue.length;
  }

  getSeq(): number {
    return this.seq;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
