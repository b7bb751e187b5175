import { describe, expect, it } from 'vitest';
import { emptyIptables } from '../net/iptables';
import { iptablesSave } from '../shell/files';
import { buildProxyRules } from '../kube-proxy/rules';
import { restoreProxyRules } from '../kube-proxy/restore';
import { Simulation } from '../sim/simulation';
import { measure, measuredCap, scaleLens, syntheticCluster, walkSeries } from './scaleLens';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 80
`;
const svc = (name: string): string => `---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 80
`;

/** kube-proxy's lines in `iptables-save -t nat`: its chains' rules. */
const kubeLines = (sim: Simulation, node: string): number => sim.exec(node, 'iptables-save -t nat').output.split('\n').filter((l) => /^-A KUBE-/.test(l)).length;

describe('scale lens', () => {
  it('counts exactly what kube-proxy writes on a simulated node for the same Services', () => {
    const sim = Simulation.create();
    sim.applyManifest(APP);
    sim.sleep(30000);
    const before = kubeLines(sim, 'node-1');
    expect(sim.applyManifest(['a', 'b', 'c'].map(svc).join('')).output).toBe('service/a created\nservice/b created\nservice/c created');
    sim.sleep(3000);
    const added = kubeLines(sim, 'node-1') - before;
    // Each Service: 1 KUBE-SERVICES rule, KUBE-SVC (masq + 2 endpoints), 2 × KUBE-SEP (hairpin + DNAT) = 8.
    expect(added).toBe(24);
    expect(measure('iptables', 3, 2, 3).natRules - measure('iptables', 0, 2, 3).natRules).toBe(added);
  });

  it('matches iptables-save of the payload it built, line for line', () => {
    const r = scaleLens({ nodes: 3, services: 3, endpoints: 2, mode: 'iptables' });
    const state = emptyIptables();
    restoreProxyRules(state, buildProxyRules({ ...syntheticCluster(3, 2, 3), clusterCIDR: '10.244.0.0/16', nodeName: 'node-1' }));
    const rules = (t: 'nat' | 'filter'): number => iptablesSave(state, t, 0).split('\n').filter((l) => l.startsWith('-A ')).length;
    expect(r.natRules).toBe(rules('nat'));
    expect(r.filterRules).toBe(rules('filter'));
    expect(r.kubeServices).toBe(4); // 3 ClusterIPs + the NodePorts rule that must stay last
    // jump, 3 KUBE-SERVICES rules, masq + 2 endpoint rules, hairpin + DNAT
    expect(r.walked).toBe(1 + 3 + 3 + 2);
    expect(r.clusterRules).toBe((r.natRules + r.filterRules) * 3);
    expect(r.extrapolated).toBe(false);
  });

  it('grows monotonically with Services and endpoints in iptables mode, O(n) walk', () => {
    let prev = scaleLens({ nodes: 10, services: 1, endpoints: 5, mode: 'iptables' });
    for (const s of [2, 10, 100, 800, 5000, 10000]) {
      const r = scaleLens({ nodes: 10, services: s, endpoints: 5, mode: 'iptables' });
      expect(r.natRules).toBeGreaterThan(prev.natRules);
      expect(r.kubeServices).toBe(s + 1);
      expect(r.walked - prev.walked).toBe(s - prev.services);
      prev = r;
    }
    expect(prev.extrapolated).toBe(true);
    expect(prev.measuredServices).toBe(measuredCap(5));
    // 10,000 Services × (1 + (1 + 5) + 5 × 2) rules + the fixed ones
    expect(prev.natRules).toBe(measure('iptables', 0, 5, 10).natRules + 10000 * 17);
    expect(scaleLens({ nodes: 10, services: 50, endpoints: 6, mode: 'iptables' }).natRules).toBeGreaterThan(scaleLens({ nodes: 10, services: 50, endpoints: 5, mode: 'iptables' }).natRules);
  });

  it('ipvs mode keeps a fixed iptables ruleset and an O(1) walk; ipsets and IPVS grow instead', () => {
    const small = scaleLens({ nodes: 3, services: 3, endpoints: 2, mode: 'ipvs' });
    const big = scaleLens({ nodes: 3, services: 10000, endpoints: 2, mode: 'ipvs' });
    expect(big.walked).toBe(small.walked);
    expect(big.natRules).toBe(small.natRules);
    expect(big.kubeServices).toBe(5);
    expect(small.lookup).toBe('O(1)');
    expect(small.virtualServers).toBe(3);
    expect(small.realServers).toBe(6);
    // KUBE-CLUSTER-IP 3 + KUBE-IPVS-IPS 3 + KUBE-LOOP-BACK 6
    expect(small.ipsetEntries).toBe(12);
    expect(big.virtualServers).toBe(10000);
    expect(big.realServers).toBe(20000);
  });

  it('marks the published thresholds it crosses', () => {
    const r = scaleLens({ nodes: 100, services: 6000, endpoints: 30, mode: 'iptables' });
    const crossed = r.thresholds.filter((t) => t.crossed).map((t) => t.id);
    expect(crossed).toEqual(['podsPerNode', 'pods', 'iptablesServices']);
    expect(scaleLens({ nodes: 100, services: 6000, endpoints: 1, mode: 'ipvs' }).thresholds.some((t) => t.crossed)).toBe(false);
    expect(() => scaleLens({ nodes: 1, services: 1, endpoints: 1, mode: 'nft' as 'ipvs' })).toThrow(/unknown kube-proxy mode "nft"/);
  });

  it('gives a chart series where iptables grows and ipvs stays flat', () => {
    const s = walkSeries(10, 3, 4);
    expect(s.map((p) => p.services)).toEqual([1, 2500, 5000, 7500, 10000]);
    expect(new Set(s.map((p) => p.ipvs)).size).toBe(1);
    expect(s[4].iptables).toBeGreaterThan(10000);
  });
});
