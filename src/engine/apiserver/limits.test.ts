import { afterEach, describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { PLAYGROUND_LIMITS } from './limits';
import { LIMITS, validateScenario } from '../scenario/validate';
import { BIG_LIMITS, MAX_PODS_PER_NODE, bigClusterScenario, maxServices } from '../scenario/big';

const saved = { ...PLAYGROUND_LIMITS };
afterEach(() => Object.assign(PLAYGROUND_LIMITS, saved));

describe('the playground limits', () => {
  it('hold the biggest cluster the Scale tab builds: 1,000 nodes, 10,000 replicas besides two DaemonSet pods per node', () => {
    expect(LIMITS.nodes).toBe(1000);
    expect(PLAYGROUND_LIMITS.pods).toBe(12_500);
    expect(BIG_LIMITS.workers + 1).toBeLessThanOrEqual(LIMITS.nodes);
    // kube-proxy and flannel on every node, the static pods, CoreDNS, metrics-server, the client and the backend.
    expect(BIG_LIMITS.replicas + 2 * LIMITS.nodes + 20).toBeLessThanOrEqual(PLAYGROUND_LIMITS.pods);
    // Objects at the two extremes the builder allows (the most nodes, the most Services). Counted in
    // a 10-node, 10,000-replica, 10,000-Service build (72,317 objects): a running pod comes with
    // about six Events (SuccessfulCreate, Scheduled, Pulling, Pulled, Created, Started), a Pending
    // one (past 110 pods per node) with three (SuccessfulCreate, FailedScheduling twice: the
    // correlator's 4,096-entry LRU forgets the first), a Service with an Endpoints and an EndpointSlice.
    const objects = (workers: number): number => {
      const running = Math.min(BIG_LIMITS.replicas, MAX_PODS_PER_NODE * workers) + 2 * (workers + 1) + 20;
      const pending = BIG_LIMITS.replicas - Math.min(BIG_LIMITS.replicas, MAX_PODS_PER_NODE * workers);
      return running * 7 + pending * 4 + 3 * maxServices(workers);
    };
    expect(maxServices(9)).toBe(BIG_LIMITS.services);
    expect(objects(BIG_LIMITS.workers)).toBeLessThanOrEqual(PLAYGROUND_LIMITS.objects);
    expect(objects(9)).toBeLessThanOrEqual(PLAYGROUND_LIMITS.objects);
    // Services × nodes: never more Services than kube-proxy on 1,000 nodes holds.
    expect(BIG_LIMITS.serviceNodes / LIMITS.nodes).toBeGreaterThanOrEqual(100);
  });

  it('refuse a scenario of more nodes, naming the limit', () => {
    const s = bigClusterScenario({ workers: BIG_LIMITS.workers, replicas: 0, services: 0, kubeProxyMode: 'ipvs' });
    expect(() => validateScenario(s)).not.toThrow();
    s.nodes.push({ name: 'one-too-many', role: 'worker', ip: '172.16.9.9', runtime: 'containerd' });
    expect(() => validateScenario(s)).toThrow('scenario.nodes: must list 1 to 1000 nodes');
    expect(() => bigClusterScenario({ workers: 1000, replicas: 0, services: 0, kubeProxyMode: 'ipvs' })).toThrow('worker nodes: must be a whole number from 1 to 999, not 1000');
  });

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

  it('refuse objects past the limit and write nothing', () => {
    const sim = Simulation.create();
    PLAYGROUND_LIMITS.objects = 0;
    const r = sim.exec('control-plane', 'kubectl create configmap extra --from-literal=a=b');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/the playground holds at most 0 objects; delete some before creating configmap "extra"/);
    PLAYGROUND_LIMITS.objects = saved.objects;
    expect(sim.exec('control-plane', 'kubectl get configmap extra').output).toMatch(/NotFound/);
  });
});
