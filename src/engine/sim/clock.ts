/**
 * Simulated time and the single event queue. Events run in (time, sequence) order, so two
 * events at the same millisecond always run in the order they were scheduled.
 */
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
  private seq = 0;
  private queue: SimEvent[] = [];
  private foreground = 0;

  schedule(delayMs: number, actor: string, run: () => void, background = false): void {
    const ev: SimEvent = { at: this.now + Math.max(0, delayMs), seq: this.seq++, actor, background, run };
    // Binary insertion keeps the queue sorted; queues here stay small.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.queue[mid];
      if (m.at < ev.at || (m.at === ev.at && m.seq < ev.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, ev);
    if (!background) this.foreground++;
  }

  /** Runs the next event; false when none is due at or before `until`. */
  step(until = Infinity): boolean {
    const ev = this.queue[0];
    if (!ev || ev.at > until) return false;
    this.queue.shift();
    if (!ev.background) this.foreground--;
    this.now = ev.at;
    ev.run();
    return true;
  }

  /** Runs every event due up to `until`, then moves the clock there. */
  runUntil(until: number, maxEvents = 1_000_000): void {
    let n = 0;
    while (this.step(until)) {
      if (++n > maxEvents) throw new Error(`simulation did not settle: more than ${maxEvents} events before t=${until}ms`);
    }
    this.now = Math.max(this.now, until);
  }

  /** Runs until only background events remain (or `limitMs` of simulated time passed). */
  settle(limitMs = 600_000, maxEvents = 1_000_000): void {
    const stop = this.now + limitMs;
    let n = 0;
    while (this.foreground > 0) {
      if (!this.step(stop)) break;
      if (++n > maxEvents) throw new Error(`simulation did not settle after ${maxEvents} events`);
    }
  }

  pending(): number {
    return this.queue.length;
  }

  getSeq(): number {
    return this.seq;
  }
}
