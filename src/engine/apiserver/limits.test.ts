import { afterEach, describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { PLAYGROUND_LIMITS } from './apiserver';

const saved = { ...PLAYGROUND_LIMITS };
afterEach(() => Object.assign(PLAYGROUND_LIMITS, saved));

describe('the playground limits', () => {
  it('refuse pods past the limit with a clear message, and controllers survive it', () => {
    const sim = Simulation.create();
    // Room for four more pods besides the system pods (static pods, kube-proxy, flannel, CoreDNS) and the scenario's.
    const limit = sim.pods().length + 4;
    PLAYGROUND_LIMITS.pods = limit;
    const r = sim.exec('control-plane', 'kubectl scale deployment web --replicas=10');
    expect(r.exitCode).toBe(0);
    sim.sleep(5000);
    expect(sim.pods()).toHaveLength(limit);
    expect(sim.exec('control-plane', 'kubectl run extra --image=busybox:1.36').output).toMatch(new RegExp(`forbidden: the playground runs at most ${limit} pods`));
    expect(sim.exec('control-plane', 'kubectl get events').output).toMatch(/FailedCreate/);
  });
});
