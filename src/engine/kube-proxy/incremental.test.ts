/**
 * A sync reuses what an unchanged Service gave last time (perService): the result must be
 * exactly a fresh build's, counters must survive for unchanged rules and must not be shared
 * between tables, and a chain edited by hand is rebuilt.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../api/types';
import { emptyIptables } from '../net/iptables';
import { createIpset, ipsetMatches, replaceMembers, type IpsetState } from '../net/ipset';
import { iptablesSave } from '../shell/files';
import { buildNftables } from './nftablesMode';
import { buildProxyRules } from './rules';
import { restoreProxyRules } from './restore';

const svc = (name: string, ip: string, extra: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { selector: { app: name }, clusterIP: ip, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], ...extra },
});
const slice = (name: string, ips: string[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${name}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } },
  addressType: 'IPv4',
  endpoints: ips.map((ip, i) => ({ addresses: [ip], conditions: { ready: true }, nodeName: `node-${(i % 2) + 1}` })),
  ports: [{ port: 80, protocol: 'TCP' }],
});

const services = [svc('web', '10.96.0.20', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }), svc('api', '10.96.0.30', { sessionAffinity: 'ClientIP' }), svc('empty', '10.96.0.40')];
const slices = [slice('web', ['10.244.1.2', '10.244.2.2']), slice('api', ['10.244.1.3', '10.244.2.3', '10.244.2.4'])];
const input = { services, slices, clusterCIDR: '10.244.0.0/16', nodeName: 'node-1' };

describe('kube-proxy syncs that reuse unchanged Services', () => {
  it('iptables: a second build gives the same words (the same arrays) and equals a build from fresh objects', () => {
    const a = buildProxyRules(input);
    const b = buildProxyRules({ ...input, slices: [...slices] });
    expect(b.nat.rules.every(([, w], i) => w === a.nat.rules[i][1])).toBe(true);
    expect(buildProxyRules(structuredClone(input))).toEqual(a);
    // Another node's Local-policy chains differ: its own endpoints only.
    expect(buildProxyRules({ ...input, nodeName: 'node-2' })).toEqual(buildProxyRules(structuredClone({ ...input, nodeName: 'node-2' })));
  });

  it('iptables: unchanged chains keep their counters, a hand-edited chain is rebuilt, output as a fresh restore', () => {
    const state = emptyIptables();
    restoreProxyRules(state, buildProxyRules(input));
    const sep = Object.values(state.nat).find((c) => c.name.startsWith('KUBE-SEP-'))!;
    sep.rules[1].packets = 7;
    const svcChain = Object.values(state.nat).find((c) => c.name.startsWith('KUBE-SVC-'))!;
    svcChain.rules.push({ ...svcChain.rules[0], spec: '-j ACCEPT' });
    restoreProxyRules(state, buildProxyRules({ ...input, slices: [...slices] }));
    expect(state.nat[sep.name].rules[1].packets).toBe(7);
    expect(state.nat[svcChain.name].rules.some((r) => r.spec === '-j ACCEPT')).toBe(false);
    const fresh = emptyIptables();
    restoreProxyRules(fresh, buildProxyRules(structuredClone(input)));
    fresh.nat[sep.name].rules[1].packets = 7;
    expect(iptablesSave(state, undefined, 0)).toBe(iptablesSave(fresh, undefined, 0));
  });

  it('nftables: a replayed Service gives the table a fresh build gives, with its own rule objects', () => {
    const a = buildNftables(input);
    const b = buildNftables({ ...input, slices: [...slices] });
    expect(b).toEqual(buildNftables(structuredClone(input)));
    expect(b).toEqual(a);
    const chain = Object.keys(a.chains).find((c) => c.startsWith('endpoint-'))!;
    a.chains[chain].rules[0].packets = 3;
    expect(b.chains[chain].rules[0].packets).toBe(0);
  });
});

describe('ipset lookups', () => {
  it('a plain member is found by its text, others by trying them, as a scan would', () => {
    const sets: IpsetState = {};
    const ipPort = createIpset(sets, 'KUBE-CLUSTER-IP', 'hash:ip,port');
    replaceMembers(ipPort, ['10.96.0.10,udp:53', '10.96.0.20,tcp:80', '10.96.0.30,tcp:080']);
    const loop = createIpset(sets, 'KUBE-LOOP-BACK', 'hash:ip,port,ip');
    replaceMembers(loop, ['10.244.1.2,tcp:80,10.244.1.2']);
    const ports = createIpset(sets, 'KUBE-NODE-PORT-TCP', 'bitmap:port');
    replaceMembers(ports, ['30080']);
    const p = (dst: string, dport: number, src = '10.244.9.9') => ({ src, dst, proto: 'tcp', dport });
    expect(ipsetMatches(ipPort, ['dst', 'dst'], p('10.96.0.20', 80))).toBe(true);
    expect(ipsetMatches(ipPort, ['dst', 'dst'], p('10.96.0.20', 81))).toBe(false);
    // Not plain (a leading zero): still matched through Number(), as before.
    expect(ipsetMatches(ipPort, ['dst', 'dst'], p('10.96.0.30', 80))).toBe(true);
    expect(ipsetMatches(ipPort, ['dst', 'dst'], { ...p('10.96.0.10', 53), proto: 'udp' })).toBe(true);
    expect(ipsetMatches(loop, ['dst', 'dst', 'src'], p('10.244.1.2', 80, '10.244.1.2'))).toBe(true);
    expect(ipsetMatches(loop, ['dst', 'dst', 'src'], p('10.244.1.2', 80, '10.244.1.3'))).toBe(false);
    expect(ipsetMatches(ports, ['dst'], p('192.168.56.11', 30080))).toBe(true);
    expect(ipsetMatches(ports, ['dst'], p('192.168.56.11', 30081))).toBe(false);
  });
});
