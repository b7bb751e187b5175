import { afterEach, describe, expect, it } from 'vitest';
import { Simulation } from './simulation';
import { progressTick, setProgressSink, type Progress } from './progress';
import { bigScenario } from '../../bench/scenario';

afterEach(() => setProgressSink(undefined));

/** A wall clock that moves `step` ms each time it is read: every tick past the interval reports. */
function steppingClock(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

describe('progress reports', () => {
  it('report at most once per interval of wall time', () => {
    const got: Progress[] = [];
    let now = 0;
    setProgressSink((p) => got.push(p), { intervalMs: 250, now: () => now });
    const measure = (): Progress => ({ step: 'join', nodes: 1, nodesReady: 0, pods: 0, podsScheduled: 0, podsRunning: 0, simMs: now, revision: 1 });
    progressTick(measure);
    now = 100;
    progressTick(measure);
    now = 249;
    progressTick(measure);
    now = 250;
    progressTick(measure);
    expect(got.map((p) => p.simMs)).toEqual([0, 250]);
    // No sink: nothing is measured at all.
    setProgressSink(undefined);
    progressTick(() => {
      throw new Error('measured without a sink');
    });
  });

  it('follow a boot: kubeadm init, nodes joining and becoming Ready, manifests, addons', () => {
    const got: Progress[] = [];
    setProgressSink((p) => got.push(p), { now: steppingClock(1000) });
    const sim = Simulation.create(bigScenario(12));
    const steps = [...new Set(got.map((p) => p.step))];
    // In boot order (a step of fewer than 256 events may pass unreported).
    const order = ['init', 'join', 'manifests', 'addons'];
    expect(steps.slice(0, 2)).toEqual(['init', 'join']);
    expect(steps.map((s) => order.indexOf(s))).toEqual([...steps.map((s) => order.indexOf(s))].sort());
    const joins = got.filter((p) => p.step === 'join');
    expect(joins.every((p) => p.nodes === 13)).toBe(true);
    // Ready nodes, the simulated clock and etcd's revision only grow.
    for (let i = 1; i < got.length; i++) {
      expect(got[i].simMs).toBeGreaterThanOrEqual(got[i - 1].simMs);
      expect(got[i].revision).toBeGreaterThanOrEqual(got[i - 1].revision);
      expect(got[i].nodesReady).toBeGreaterThanOrEqual(got[i - 1].nodesReady);
    }
    expect(joins[joins.length - 1].nodesReady).toBeGreaterThan(joins[0].nodesReady);
    expect(sim.nodes().length).toBe(13);
  });

  it('name the action a replay runs, and count the pods it schedules', () => {
    const scenario = bigScenario(3);
    const actions = [
      { type: 'exec' as const, target: 'control-plane', command: 'kubectl create deployment web --image=nginx:1.27 --replicas=40' },
      { type: 'sleep' as const, ms: 1000 },
    ];
    const got: Progress[] = [];
    setProgressSink((p) => got.push(p), { now: steppingClock(1000) });
    Simulation.replay(scenario, actions);
    const replayed = got.filter((p) => p.action !== undefined);
    expect(replayed.map((p) => `${p.action}/${p.actions}`)).toContain('1/2');
    expect(replayed.map((p) => `${p.action}/${p.actions}`)).toContain('2/2');
    const last = replayed.filter((p) => p.action === 1).pop()!;
    expect(last.pods).toBeGreaterThan(0);
    expect(last.podsScheduled).toBeLessThanOrEqual(last.pods);
  });

  it('never change the simulation: the same state with and without reports', () => {
    const plain = Simulation.create(bigScenario(4)).stateHash();
    setProgressSink(() => undefined, { now: steppingClock(1000) });
    expect(Simulation.create(bigScenario(4)).stateHash()).toBe(plain);
  });
});
