import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { NODE_RESOLV_CONF, parseResolvConf, podHostsFile, podResolvConf, searchCandidates } from './resolvconf';

const pod = (spec: Partial<Pod['spec']> = {}, ns = 'shop'): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: ns }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } });

describe('resolv.conf as the kubelet writes it', () => {
  it('ClusterFirst: the namespace search list, the cluster DNS, ndots:5', () => {
    expect(podResolvConf(pod(), NODE_RESOLV_CONF, '10.96.0.10')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('Default and hostNetwork use the node file; ClusterFirstWithHostNet does not', () => {
    expect(podResolvConf(pod({ dnsPolicy: 'Default' }), NODE_RESOLV_CONF, '10.96.0.10')).toBe(NODE_RESOLV_CONF);
    expect(podResolvConf(pod({ hostNetwork: true }), NODE_RESOLV_CONF, '10.96.0.10')).toBe(NODE_RESOLV_CONF);
    expect(podResolvConf(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), NODE_RESOLV_CONF, '10.96.0.10')).toContain('nameserver 10.96.0.10\n');
  });

  it('None takes dnsConfig as the whole file; otherwise dnsConfig is merged', () => {
    const cfg = { nameservers: ['1.1.1.1'], searches: ['example.com'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] };
    expect(podResolvConf(pod({ dnsPolicy: 'None', dnsConfig: cfg }), NODE_RESOLV_CONF, '10.96.0.10')).toBe('search example.com\nnameserver 1.1.1.1\noptions ndots:2 edns0\n');
    expect(podResolvConf(pod({ dnsConfig: cfg }), NODE_RESOLV_CONF, '10.96.0.10')).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local example.com\nnameserver 10.96.0.10\nnameserver 1.1.1.1\noptions ndots:2 edns0\n',
    );
  });

  it('/etc/hosts carries the pod IP with its hostname (and FQDN with a subdomain)', () => {
    expect(podHostsFile(pod(), '10.244.1.2').split('\n').slice(-2)).toEqual(['10.244.1.2\tclient', '']);
    expect(podHostsFile(pod({ hostname: 'db-0', subdomain: 'db' }), '10.244.1.2')).toContain('10.244.1.2\tdb-0.db.shop.svc.cluster.local\tdb-0\n');
  });
});

describe('search list with ndots', () => {
  const conf = parseResolvConf('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  it('fewer dots than ndots: the search domains first, then the name itself', () => {
    expect(searchCandidates('web', conf)).toEqual(['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
    expect(searchCandidates('example.com', conf)).toEqual(['example.com.default.svc.cluster.local', 'example.com.svc.cluster.local', 'example.com.cluster.local', 'example.com']);
  });
  it('enough dots, or a trailing dot: the name first / only', () => {
    expect(searchCandidates('a.b.c.d.e.f', conf)[0]).toBe('a.b.c.d.e.f');
    expect(searchCandidates('example.com.', conf)).toEqual(['example.com']);
  });
});
