import { afterEach, describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { PLAYGROUND_LIMITS } from './apiserver';

const saved = { ...PLAYGROUND_LIMITS };
afterEach(() => Object.assign(PLAYGROUND_LIMITS, saved));

describe('the playground limits', () => {
  it('refuse pods past the limit with a clear message, and controllers survive it', () => {
    PLAYGROUND_LIMITS.pods = 8;
    const sim = Simulation.create();
    const r = sim.exec('control-plane', 'kubectl scale deployment web --replicas=10');
    expect(r.exitCode).toBe(0);
    sim.sleep(5000);
    expect(sim.pods()).toHaveLength(8);
    expect(sim.exec('control-plane', 'kubectl run extra --image=busybox:1.36').output).toMatch(/forbidden: the playground runs at most 8 pods/);
    expect(sim.exec('control-plane', 'kubectl get events').output).toMatch(/FailedCreate/);
  });
});
