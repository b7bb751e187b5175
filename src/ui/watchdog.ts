/**
 * The watchdog's rule, apart from the worker plumbing so it can be tested: a call is hung when
 * `hungMs` pass without its answer and without a progress report that shows progress. A long
 * legitimate call (booting 1,000 nodes) reports every ~250 ms and is never killed; an endless
 * loop in one handler reports nothing; a loop that reports but whose step, counts, simulated
 * clock and etcd revision stay the same is alive but stuck — its reports do not reset the timer.
 */
import type { Progress } from '../engine/sim/progress';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What must change for a report to count as progress. */
export function progressKey(p: Progress): string {
  return [p.step, p.action ?? '', p.nodesReady, p.pods, p.podsScheduled, p.podsRunning, p.simMs, p.revision].join('|');
}

interface Watched {
  handle: unknown;
  ms: number;
  onHung: (stalled: boolean) => void;
}

export class Watchdog {
  private calls = new Set<Watched>();
  private key: string | undefined;
  /** Reports since the last one that showed progress: the worker is alive, but stuck. */
  private idleReports = 0;

  constructor(
    readonly hungMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Watches one call (for `ms`, the default unless the call needs longer); the returned function stops watching it (its answer came). */
  watch(onHung: (stalled: boolean) => void, ms = this.hungMs): () => void {
    const w: Watched = { handle: undefined, ms, onHung };
    this.calls.add(w);
    this.arm(w);
    return () => {
      this.timers.clear(w.handle);
      this.calls.delete(w);
      if (this.calls.size === 0) {
        this.key = undefined;
        this.idleReports = 0;
      }
    };
  }

  /** A progress report from the worker: when it shows progress, every watched call's time starts again. */
  report(p: Progress): void {
    const key = progressKey(p);
    if (key === this.key) {
      this.idleReports++;
      return;
    }
    this.key = key;
    this.idleReports = 0;
    for (const w of this.calls) {
      this.timers.clear(w.handle);
      this.arm(w);
    }
  }

  /** Stops every timer (the worker is gone). */
  dispose(): void {
    for (const w of this.calls) this.timers.clear(w.handle);
    this.calls.clear();
  }

  private arm(w: Watched): void {
    w.handle = this.timers.set(() => {
      if (this.calls.has(w)) w.onHung(this.idleReports > 0);
    }, w.ms);
  }
}
