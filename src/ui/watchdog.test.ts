import { describe, expect, it } from 'vitest';
import { Watchdog, type Timers } from './watchdog';
import type { Progress } from '../engine/sim/progress';

/** Timers driven by hand: `advance(ms)` fires what is due. */
function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    set: (fn, ms) => {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (h) => void due.delete(h as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const first = [...due.entries()].filter(([, d]) => d.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!first) break;
        due.delete(first[0]);
        now = first[1].at;
        first[1].fn();
      }
      now = end;
    },
  };
}

const report = (over: Partial<Progress> = {}): Progress => ({ step: 'join', nodes: 1000, nodesReady: 0, pods: 0, podsScheduled: 0, podsRunning: 0, simMs: 0, revision: 1, ...over });

describe('the watchdog', () => {
  it('kills a call that neither answers nor reports, after hungMs', () => {
    const timers = manualTimers();
    const dog = new Watchdog(30_000, timers);
    const hung: boolean[] = [];
    dog.watch((stalled) => hung.push(stalled));
    timers.advance(29_999);
    expect(hung).toEqual([]);
    timers.advance(1);
    expect(hung).toEqual([false]);
  });

  it('keeps a long call alive while its reports show progress (booting 1,000 nodes for two minutes)', () => {
    const timers = manualTimers();
    const dog = new Watchdog(30_000, timers);
    const hung: boolean[] = [];
    dog.watch((stalled) => hung.push(stalled));
    for (let i = 1; i <= 480; i++) {
      timers.advance(250);
      dog.report(report({ nodesReady: Math.floor(i / 2), simMs: 1000 + i * 50 }));
    }
    expect(hung).toEqual([]);
  });

  it('kills a loop that reports but does not move (same counts, same simulated time), and says it stalled', () => {
    const timers = manualTimers();
    const dog = new Watchdog(30_000, timers);
    const hung: boolean[] = [];
    dog.watch((stalled) => hung.push(stalled));
    timers.advance(10_000);
    dog.report(report({ nodesReady: 431, simMs: 22_000 }));
    for (let i = 0; i < 119; i++) {
      timers.advance(250);
      dog.report(report({ nodesReady: 431, simMs: 22_000 }));
    }
    expect(hung).toEqual([]);
    timers.advance(250);
    // 30 s after the last report that showed progress.
    expect(hung).toEqual([true]);
  });

  it('counts a moving simulated clock, a new step, a new replayed action or etcd writes as progress', () => {
    const timers = manualTimers();
    const dog = new Watchdog(1000, timers);
    const hung: boolean[] = [];
    dog.watch((stalled) => hung.push(stalled));
    const steps = [report({ simMs: 1 }), report({ simMs: 2 }), report({ step: 'manifests', simMs: 2 }), report({ step: 'action', action: 1, actions: 9, simMs: 2 }), report({ step: 'action', action: 2, actions: 9, simMs: 2 }), report({ step: 'action', action: 2, actions: 9, simMs: 2, podsScheduled: 5, pods: 5 }), report({ step: 'action', action: 2, actions: 9, simMs: 2, podsScheduled: 5, pods: 5, revision: 2 })];
    for (const s of steps) {
      timers.advance(900);
      dog.report(s);
    }
    expect(hung).toEqual([]);
    // Then silence: hung, and not a stall (nothing reported since the last progress).
    timers.advance(1000);
    expect(hung).toEqual([false]);
  });

  it('forgets an answered call, and gives each call its own limit', () => {
    const timers = manualTimers();
    const dog = new Watchdog(1000, timers);
    const hung: string[] = [];
    const stop = dog.watch(() => hung.push('a'));
    dog.watch(() => hung.push('boot'), 5000);
    timers.advance(500);
    stop();
    timers.advance(1000);
    expect(hung).toEqual([]);
    timers.advance(3500);
    expect(hung).toEqual(['boot']);
  });

  it('stops every timer when the worker is gone', () => {
    const timers = manualTimers();
    const dog = new Watchdog(1000, timers);
    const hung: number[] = [];
    dog.watch(() => hung.push(1));
    dog.dispose();
    timers.advance(5000);
    expect(hung).toEqual([]);
  });
});
