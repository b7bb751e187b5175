import { describe, expect, it } from 'vitest';
import { BIG_LIMITS, bigCluster, bigClusterScenario, checkBigCluster, maxReplicas, maxServices } from './big';
import { decodeState, encodeState, MAX_FRAGMENT_CHARS } from './url';
import { validateScenario } from './validate';
import { MAX_MANIFEST_BYTES } from '../api/manifest';
import { parseScenarioFile } from './file';
import { Simulation } from '../sim/simulation';
import type { Service } from '../api/types';

describe('a big cluster as a scenario', () => {
  it('is a valid scenario whose link holds the biggest size the Scale tab builds, and decodes to the same', () => {
    const { scenario: s, actions } = bigCluster({ workers: BIG_LIMITS.workers, replicas: BIG_LIMITS.replicas, services: maxServices(BIG_LIMITS.workers), kubeProxyMode: 'nftables' });
    expect(s.nodes).toHaveLength(1000);
    expect(s.nodes[999]).toEqual({ name: 'node-999', role: 'worker', ip: '172.16.4.209', runtime: 'containerd' });
    // A /24 per node: 1,000 of them need a /14, as `kubeadm init --pod-network-cidr` would be given.
    expect(s.cluster.podCIDR).toBe('10.244.0.0/14');
    expect(() => validateScenario(structuredClone(s))).not.toThrow();
    // The Services: one apply once the pods run.
    expect(actions).toHaveLength(1);
    expect(actions[0].type === 'apply' && actions[0].manifest.split('\n---\n')).toHaveLength(100);
    const fragment = encodeState({ scenario: s, actions });
    expect(fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expect(decodeState(fragment)).toEqual({ scenario: s, actions });
    // The same spec, the same scenario: a link reproduces it.
    expect(bigClusterScenario({ workers: 999, replicas: 10_000, services: 100, kubeProxyMode: 'nftables' })).toEqual(s);
  });

  it('holds the envelope\'s 10,000 Services on 10 nodes: applied 2,000 at a time, each inside the manifest limit, and the link still fits', () => {
    const { scenario, actions } = bigCluster({ workers: 9, replicas: 100, services: BIG_LIMITS.services, kubeProxyMode: 'ipvs' });
    expect(actions).toHaveLength(5);
    expect(actions.every((a) => a.type === 'apply' && a.manifest.length < MAX_MANIFEST_BYTES)).toBe(true);
    const fragment = encodeState({ scenario, actions });
    expect(fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expect(decodeState(fragment)).toEqual({ scenario, actions });
  });

  it('holds Kubernetes\' whole envelope with hollow nodes: 5,000 nodes, 150,000 replicas scaled once they joined, in a short link', () => {
    const spec = { workers: 9, hollowNodes: 4990, replicas: 150_000, services: 10, kubeProxyMode: 'ipvs' as const };
    expect(checkBigCluster(spec)).toEqual([]);
    const { scenario, actions } = bigCluster(spec);
    expect(scenario.nodes).toHaveLength(10);
    expect(scenario.cluster.hollowNodes).toBe(4990);
    // 5,000 /24s need a /11: 10.244.0.0 with its host bits cleared.
    expect(scenario.cluster.podCIDR).toBe('10.224.0.0/11');
    expect(scenario.manifests).toContain('replicas: 3');
    expect(actions[0]).toEqual({ type: 'exec', target: 'control-plane', command: 'kubectl scale deployment web --replicas=150000' });
    expect(() => validateScenario(structuredClone(scenario))).not.toThrow();
    const fragment = encodeState({ scenario, actions });
    expect(fragment.length).toBeLessThan(4_000);
    expect(checkBigCluster({ ...spec, hollowNodes: 4991 })).toEqual(['hollow nodes: must be a whole number from 0 to 4,990, not 4991']);
    expect(checkBigCluster({ ...spec, hollowNodes: 100 })).toEqual(['replicas: must be a whole number from 0 to 13,000, not 150000']);
    expect(maxReplicas(4990)).toBe(150_000);
  });

  it('names what is wrong with a spec', () => {
    expect(checkBigCluster({ workers: 0, replicas: 1.5, services: -1, kubeProxyMode: 'userspace' as 'ipvs' })).toEqual([
      'worker nodes: must be a whole number from 1 to 999, not 0',
      'replicas: must be a whole number from 0 to 10,000, not 1.5',
      'Services: must be a whole number from 0 to 10,000, not -1',
      'kube-proxy mode: must be iptables, ipvs or nftables, not userspace',
    ]);
    // kube-proxy programs every Service on every node: the product is bounded too.
    expect(maxServices(99)).toBe(1000);
    expect(maxServices(999)).toBe(100);
    expect(checkBigCluster({ workers: 999, replicas: 0, services: 101, kubeProxyMode: 'ipvs' })).toEqual(['Services × nodes: 101 × 1000 is more than 100,000 (kube-proxy programs every Service on every node): at most 100 Services on 1000 nodes']);
    expect(() => bigClusterScenario({ workers: 3, replicas: 10_001, services: 0, kubeProxyMode: 'ipvs' })).toThrow('replicas: must be a whole number from 0 to 10,000, not 10001');
  });

  it('boots as a scenario file would: the replicas scheduled over the workers, the Services with the backend as endpoints', () => {
    const file = parseScenarioFile(JSON.stringify(bigCluster({ workers: 4, replicas: 12, services: 3, kubeProxyMode: 'ipvs' })), 'cluster.json');
    const sim = Simulation.replay(file.scenario, file.actions);
    const web = sim.pods().filter((p) => p.metadata.name.startsWith('web-'));
    expect(web).toHaveLength(12);
    expect(web.every((p) => p.status?.phase === 'Running' && p.spec.nodeName?.startsWith('node-'))).toBe(true);
    const svcs = (sim.ctx.api.peekAll('Service') as Service[]).filter((x) => x.metadata.name.startsWith('svc-'));
    expect(svcs.map((x) => x.metadata.name)).toEqual(['svc-0', 'svc-1', 'svc-2']);
    expect(sim.exec('node-1', 'ipvsadm -Ln').output).toContain(`TCP  ${svcs[0].spec.clusterIP}:80 rr`);
    expect(sim.exec('control-plane', 'kubectl get endpoints svc-2 --no-headers').output).toMatch(/^svc-2 +(10\.244\.\d+\.\d+:80,?){3} /m);
  });
});
