import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../api/types';
import { formatTable, prioText } from '../net/nftFormat';
import { runNftChain, type NftPacket } from '../net/nftables';
import { buildNftables, endpointChainBase, serviceChainBase } from './nftablesMode';

const svc = (name: string, clusterIP: string, extra: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { clusterIP, ports: [{ name: 'http', port: 80, protocol: 'TCP' }], ...extra },
});

const slice = (service: string, ips: string[], node = 'node-1'): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${service}-abc`, namespace: 'default', labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true }, nodeName: node })),
});

const pkt = (dst: string, dport: number | undefined, proto = 'tcp', src = '10.244.1.5'): NftPacket => ({ src, dst, proto, dport, length: 60, ctstate: 'new', mark: 0, isLocal: () => false, random: () => 0.7, now: 0 });

describe('kube-proxy nftables rule layout', () => {
  it('names chains as kube-proxy does: 8 base32 characters of the SHA-256, then ns/name/proto/port', () => {
    // The examples in pkg/proxy/nftables/proxier.go's comments.
    expect(serviceChainBase('ns1', 'svc1', 'TCP', 'p80')).toBe('ULMVA6XW-ns1/svc1/tcp/p80');
    expect(endpointChainBase('ns1', 'svc1', 'tcp', 'p80', '10.180.0.1', 80)).toBe('5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80');
  });

  it('prints priorities as nft 1.0.6 does: names only on the hooks they belong to', () => {
    expect(prioText(-110, 'prerouting')).toBe('dstnat - 10');
    expect(prioText(-110, 'forward')).toBe('-110');
    expect(prioText(-90, 'output')).toBe('-90');
    expect(prioText(-100, 'output')).toBe('-100');
    expect(prioText(100, 'postrouting')).toBe('srcnat');
    expect(prioText(0, 'forward')).toBe('filter');
  });

  it('builds table ip kube-proxy: base chains, verdict maps, a service chain with numgen, endpoint chains that DNAT', () => {
    const t = buildNftables({ services: [svc('web', '10.96.0.20'), svc('empty', '10.96.0.30')], slices: [slice('web', ['10.244.1.2', '10.244.2.2'])], clusterCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', nodeName: 'node-1', nodeIP: '192.168.56.11' });
    expect(t.base).toEqual(['filter-prerouting', 'filter-input', 'filter-forward', 'filter-output', 'filter-output-post-dnat', 'nat-prerouting', 'nat-output', 'nat-postrouting']);
    const base = serviceChainBase('default', 'web', 'tcp', 'http');
    const ep = (ip: string): string => `endpoint-${endpointChainBase('default', 'web', 'tcp', 'http', ip, 8080)}`;
    expect(t.sets['service-ips'].elements).toEqual({ '10.96.0.20 . tcp . 80': `goto service-${base}` });
    expect(t.sets['no-endpoint-services'].elements).toEqual({ '10.96.0.30 . tcp . 80': 'goto reject-chain' });
    expect(Object.keys(t.sets['cluster-ips'].elements)).toEqual(['10.96.0.30', '10.96.0.20']);
    expect(t.chains[`service-${base}`].rules.map((r) => r.text)).toEqual([
      'ip daddr 10.96.0.20 tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade',
      `numgen random mod 2 vmap { 0 : goto ${ep('10.244.1.2')}, 1 : goto ${ep('10.244.2.2')} }`,
    ]);
    expect(t.chains[ep('10.244.2.2')].rules.map((r) => r.text)).toEqual(['ip saddr 10.244.2.2 jump mark-for-masquerade', 'meta l4proto tcp dnat to 10.244.2.2:8080']);
    const text = formatTable(t, 0);
    expect(text.split('\n').slice(0, 8)).toEqual([
      'table ip kube-proxy {',
      '\tcomment "rules for kube-proxy"',
      '\tset cluster-ips {',
      '\t\ttype ipv4_addr',
      '\t\tcomment "Active ClusterIPs"',
      '\t\telements = { 10.96.0.30, 10.96.0.20 }',
      '\t}',
      '',
    ]);
    expect(text).toContain('\tmap no-endpoint-services {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n\t\tcomment "vmap to drop or reject packets to services with no endpoints"\n\t\telements = { 10.96.0.30 . tcp . 80 comment "default/empty:http" : goto reject-chain }\n\t}');
    expect(text).toContain('\tchain filter-forward {\n\t\ttype filter hook forward priority -110; policy accept;\n\t\tct state new jump service-endpoints-check\n\t\tct state new jump cluster-ips-check\n\t}');
    expect(text).toContain('\tchain nat-prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tjump services\n\t}');
    expect(text).toContain('\tchain services {\n\t\tip daddr . meta l4proto . th dport vmap @service-ips\n\t\tip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports\n\t}');
    expect(text).toContain('\tchain cluster-ips-check {\n\t\tip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"\n\t\tip daddr 10.96.0.0/12 drop comment "Drop traffic to unallocated ClusterIPs"\n\t}');
    expect(text).toContain('\tchain masquerading {\n\t\tmeta mark & 0x00004000 == 0x00000000 return\n\t\tmeta mark set meta mark ^ 0x00004000\n\t\tmasquerade fully-random\n\t}');
    expect(text.endsWith('}')).toBe(true);
  });

  it('dispatches with one map lookup: DNAT for a service port, reject for another port or a ping', () => {
    const t = buildNftables({ services: [svc('web', '10.96.0.20')], slices: [slice('web', ['10.244.1.2', '10.244.2.2'])], clusterCIDR: '10.244.0.0/16', nodeName: 'node-1' });
    const v = runNftChain(t, 'nat-prerouting', pkt('10.96.0.20', 80))!;
    expect(v.verdict).toBe('dnat');
    expect(v.to).toBe('10.244.2.2:8080');
    expect(v.path.map((s) => s.chain)).toEqual(['nat-prerouting', 'services', `service-${serviceChainBase('default', 'web', 'tcp', 'http')}`]);
    expect(v.path[1].element).toBe(`10.96.0.20 . tcp . 80 : goto service-${serviceChainBase('default', 'web', 'tcp', 'http')}`);
    expect(runNftChain(t, 'nat-prerouting', pkt('10.96.0.20', 81))).toBeUndefined();
    const ping = runNftChain(t, 'filter-forward', pkt('10.96.0.20', undefined, 'icmp'))!;
    expect(ping.verdict).toBe('reject');
    expect(ping.chain).toBe('cluster-ips-check');
    expect(ping.path.map((s) => s.rule)).toEqual(['ct state new jump cluster-ips-check']);
    // Off-cluster clients are marked for masquerade on the way in.
    expect(runNftChain(t, 'nat-prerouting', pkt('10.96.0.20', 80, 'tcp', '192.168.56.1'))!.mark).toBe(0x4000);
  });
});
