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
