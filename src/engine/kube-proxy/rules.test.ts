import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../api/types';
import { emptyIptables } from '../net/iptables';
import { iptablesSave } from '../shell/files';
import { buildProxyRules } from './rules';
import { restoreProxyRules } from './restore';

const web: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { type: 'NodePort', selector: { app: 'web' }, clusterIP: '10.96.120.7', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] },
};
const empty: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nothing', namespace: 'default' }, spec: { selector: { app: 'none' }, clusterIP: '10.96.5.5', ports: [{ port: 8080, protocol: 'TCP' }] } };
const slice: EndpointSlice = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: ['10.244.2.2', '10.244.1.3', '10.244.2.3', '10.244.1.9'].map((ip, i) => ({ addresses: [ip], conditions: { ready: i !== 3 } })),
  ports: [{ port: 80, protocol: 'TCP' }],
};

describe('kube-proxy iptables rules', () => {
  const state = emptyIptables();
  restoreProxyRules(state, buildProxyRules({ services: [web, empty], slices: [slice], clusterCIDR: '10.244.0.0/16' }));
  const nat = iptablesSave(state, 'nat', 0).split('\n');

  it('lays out KUBE-SERVICES → KUBE-SVC → KUBE-SEP with 1/n probabilities, ready endpoints only, sorted', () => {
    const svc = nat.filter((l) => /^-A KUBE-SVC-/.test(l));
    expect(svc[0]).toMatch(/^-A (KUBE-SVC-[A-Z2-7]{16}) ! -s 10\.244\.0\.0\/16 -d 10\.96\.120\.7\/32 -p tcp -m comment --comment "default\/web cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ$/);
    expect(svc.slice(1).map((l) => l.replace(/KUBE-S(VC|EP)-[A-Z2-7]{16}/g, 'X'))).toEqual([
      '-A X -m comment --comment "default/web -> 10.244.1.3:80" -m statistic --mode random --probability 0.33333333349 -j X',
      '-A X -m comment --comment "default/web -> 10.244.2.2:80" -m statistic --mode random --probability 0.50000000000 -j X',
      '-A X -m comment --comment "default/web -> 10.244.2.3:80" -j X',
    ]);
    expect(nat).toContain('-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000');
    expect(nat).toContain('-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN');
    expect(nat).toContain('-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000');
    expect(nat).toContain('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
    expect(nat.filter((l) => l.includes('-j DNAT'))).toHaveLength(3);
    expect(nat.find((l) => l.includes('--to-destination 10.244.1.3:80'))).toMatch(/^-A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment "default\/web" -m tcp -j DNAT --to-destination 10\.244\.1\.3:80$/);
  });

  it('sends NodePorts through KUBE-EXT and puts the nodeports jump last', () => {
    const services = nat.filter((l) => l.startsWith('-A KUBE-SERVICES'));
    expect(services.at(-1)).toBe('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
    expect(nat.find((l) => l.startsWith('-A KUBE-NODEPORTS'))).toMatch(/^-A KUBE-NODEPORTS -p tcp -m comment --comment "default\/web" -m tcp --dport 30080 -j KUBE-EXT-[A-Z2-7]{16}$/);
  });

  it('REJECTs a service without endpoints in filter', () => {
    const filter = iptablesSave(state, 'filter', 0);
    expect(filter).toContain('-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "default/nothing has no endpoints" -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable');
    expect(nat.some((l) => l.includes('10.96.5.5'))).toBe(false);
  });

  it('keeps counters of unchanged rules across syncs and inserts its jumps once', () => {
    const dnat = Object.values(state.nat).flatMap((c) => c.rules).find((r) => r.spec.includes('10.244.1.3:80'))!;
    dnat.packets = 7;
    restoreProxyRules(state, buildProxyRules({ services: [web, empty], slices: [slice], clusterCIDR: '10.244.0.0/16' }));
    expect(Object.values(state.nat).flatMap((c) => c.rules).find((r) => r.spec.includes('10.244.1.3:80'))!.packets).toBe(7);
    expect(state.nat.PREROUTING.rules).toHaveLength(1);
  });
});

describe('kube-proxy iptables rules for LoadBalancer Services', () => {
  const lb = (policy: 'Cluster' | 'Local'): Service => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { type: 'LoadBalancer', selector: { app: 'shop' }, clusterIP: '10.96.50.5', externalTrafficPolicy: policy, healthCheckNodePort: policy === 'Local' ? 31999 : undefined, ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30500 }] },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.100' }] } },
  });
  const shopSlice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'shop-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'shop' } },
    addressType: 'IPv4',
    endpoints: [
      { addresses: ['10.244.1.4'], conditions: { ready: true }, nodeName: 'node-1' },
      { addresses: ['10.244.2.4'], conditions: { ready: true }, nodeName: 'node-2' },
    ],
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  };
  const save = (policy: 'Cluster' | 'Local', nodeName: string): { nat: string[]; filter: string[] } => {
    const st = emptyIptables();
    restoreProxyRules(st, buildProxyRules({ services: [lb(policy)], slices: [shopSlice], clusterCIDR: '10.244.0.0/16', nodeName }));
    const norm = (t: 'nat' | 'filter'): string[] => iptablesSave(st, t, 0).split('\n').map((l) => l.replace(/KUBE-(SVC|SEP|EXT|SVL)-[A-Z2-7]{16}/g, 'KUBE-$1-X'));
    return { nat: norm('nat'), filter: norm('filter') };
  };

  it('Cluster: the loadbalancer IP and the NodePort go through KUBE-EXT, which masquerades', () => {
    const { nat } = save('Cluster', 'node-1');
    expect(nat).toContain('-A KUBE-SERVICES -d 203.0.113.100/32 -p tcp -m comment --comment "default/shop:http loadbalancer IP" -m tcp --dport 80 -j KUBE-EXT-X');
    expect(nat).toContain('-A KUBE-NODEPORTS -p tcp -m comment --comment "default/shop:http" -m tcp --dport 30500 -j KUBE-EXT-X');
    expect(nat.filter((l) => l.startsWith('-A KUBE-EXT-X'))).toEqual(['-A KUBE-EXT-X -m comment --comment "masquerade traffic for default/shop:http external destinations" -j KUBE-MARK-MASQ', '-A KUBE-EXT-X -j KUBE-SVC-X']);
  });

  it('Local: outside traffic only reaches this node\'s endpoints, unmasqueraded, through KUBE-SVL', () => {
    const { nat, filter } = save('Local', 'node-1');
    expect(nat.filter((l) => l.startsWith('-A KUBE-EXT-X'))).toEqual([
      '-A KUBE-EXT-X -s 10.244.0.0/16 -m comment --comment "pod traffic for default/shop:http external destinations" -j KUBE-SVC-X',
      '-A KUBE-EXT-X -m comment --comment "masquerade LOCAL traffic for default/shop:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-X -m comment --comment "route LOCAL traffic for default/shop:http external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-X',
      '-A KUBE-EXT-X -j KUBE-SVL-X',
    ]);
    expect(nat.filter((l) => l.startsWith('-A KUBE-SVL-X'))).toEqual(['-A KUBE-SVL-X -m comment --comment "default/shop:http -> 10.244.1.4:80" -j KUBE-SEP-X']);
    expect(filter).toContain('-A KUBE-NODEPORTS -p tcp -m comment --comment "default/shop:http health check node port" -m tcp --dport 31999 -j ACCEPT');
  });

  it('Local on a node without endpoints: DROP in KUBE-EXTERNAL-SERVICES', () => {
    const { nat, filter } = save('Local', 'node-3');
    expect(nat.some((l) => l.includes('KUBE-SVL'))).toBe(false);
    expect(filter).toContain('-A KUBE-EXTERNAL-SERVICES -d 203.0.113.100/32 -p tcp -m comment --comment "default/shop:http has no local endpoints" -m tcp --dport 80 -j DROP');
    expect(filter).toContain('-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/shop:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30500 -j DROP');
    expect(filter).toContain('-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES');
  });

  it('headless and ExternalName Services produce no rules', () => {
    const headless: Service = { ...lb('Cluster'), spec: { type: 'ClusterIP', clusterIP: 'None', selector: { app: 'shop' }, ports: [{ port: 80 }] } };
    const extName: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } };
    const p = buildProxyRules({ services: [headless, extName], slices: [shopSlice], clusterCIDR: '10.244.0.0/16', nodeName: 'node-1' });
    expect(p.nat.rules.filter(([c]) => c === 'KUBE-SERVICES' || c === 'KUBE-NODEPORTS').map(([, w]) => w.at(-1))).toEqual(['KUBE-NODEPORTS']);
    expect(p.filter.rules.filter(([c]) => /KUBE-(SERVICES|NODEPORTS|EXTERNAL-SERVICES)/.test(c))).toEqual([]);
    expect(p.nat.chains.some((c) => /KUBE-(SVC|SEP)-/.test(c))).toBe(false);
  });
});
