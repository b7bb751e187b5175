import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod, Service } from '../api/types';
import { lookup, type ClusterView } from './records';
import { upstreamAnswer } from './upstream';

const svc = (name: string, spec: Service['spec'], ns = 'default'): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec });
const pod = (name: string, ip: string, extra: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra },
  status: { phase: 'Running', podIP: ip },
});
const slice = (svcName: string, eps: [string, string, boolean][]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${svcName}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': svcName } },
  addressType: 'IPv4',
  endpoints: eps.map(([p, ip, ready]) => ({ addresses: [ip], conditions: { ready }, targetRef: { kind: 'Pod', namespace: 'default', name: p } })),
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
});

const view: ClusterView = {
  services: [
    svc('web', { type: 'ClusterIP', clusterIP: '10.96.12.34', ports: [{ name: 'http', port: 80, protocol: 'TCP' }], selector: { app: 'web' } }),
    svc('db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }], selector: { app: 'db' } }),
    svc('ext', { type: 'ExternalName', externalName: 'example.com' }),
    svc('kube-dns', { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }, 'kube-system'),
  ],
  slices: [slice('web', [['web-1', '10.244.1.3', true]]), slice('db', [['db-0', '10.244.1.7', true], ['db-1', '10.244.2.7', true], ['db-2', '10.244.2.8', false]])],
  pods: [pod('web-1', '10.244.1.3'), pod('db-0', '10.244.1.7', { hostname: 'db-0', subdomain: 'db' }), pod('db-1', '10.244.2.7')],
};

const answer = (name: string, type: Parameters<typeof lookup>[2]) => {
  const r = lookup(view, name, type);
  if (r.kind !== 'answer') throw new Error(`${name} was forwarded`);
  return r;
};

describe('CoreDNS kubernetes plugin records', () => {
  it('a Service name is its ClusterIP, authoritative, TTL 30', () => {
    const r = answer('web.default.svc.cluster.local', 'A');
    expect(r.msg).toMatchObject({ rcode: 'NOERROR', aa: true, answers: [{ name: 'web.default.svc.cluster.local.', ttl: 30, type: 'A', data: '10.96.12.34' }] });
    // AAAA for an IPv4 Service: the name exists, no data; the zone's SOA as authority.
    expect(answer('web.default.svc.cluster.local.', 'AAAA').msg).toMatchObject({ rcode: 'NOERROR', answers: [], authority: [{ type: 'SOA' }] });
  });

  it('names that do not exist are NXDOMAIN', () => {
    expect(answer('nope.default.svc.cluster.local', 'A').msg.rcode).toBe('NXDOMAIN');
    expect(answer('web.other.svc.cluster.local', 'A').msg.rcode).toBe('NXDOMAIN');
    expect(answer('web.svc.cluster.local', 'A').msg.rcode).toBe('NXDOMAIN');
    expect(answer('web.cluster.local', 'A').msg.rcode).toBe('NXDOMAIN');
  });

  it('a headless Service answers its ready endpoints; pods with hostname+subdomain get their own name', () => {
    expect(answer('db.default.svc.cluster.local', 'A').msg.answers.map((a) => a.data)).toEqual(['10.244.1.7', '10.244.2.7']);
    expect(answer('db-0.db.default.svc.cluster.local', 'A').msg.answers[0].data).toBe('10.244.1.7');
    expect(answer('10-244-2-7.db.default.svc.cluster.local', 'A').msg.answers[0].data).toBe('10.244.2.7');
    expect(answer('10-244-2-8.db.default.svc.cluster.local', 'A').msg.rcode).toBe('NXDOMAIN');
  });

  it('SRV records name the port and the target', () => {
    expect(answer('_http._tcp.web.default.svc.cluster.local', 'SRV').msg).toMatchObject({
      answers: [{ type: 'SRV', data: '0 100 80 web.default.svc.cluster.local.' }],
      additional: [{ name: 'web.default.svc.cluster.local.', type: 'A', data: '10.96.12.34' }],
    });
    expect(answer('_pg._tcp.db.default.svc.cluster.local', 'SRV').msg.answers.map((a) => a.data)).toEqual(['0 50 5432 db-0.db.default.svc.cluster.local.', '0 50 5432 10-244-2-7.db.default.svc.cluster.local.']);
    expect(answer('_http._udp.web.default.svc.cluster.local', 'SRV').msg.rcode).toBe('NXDOMAIN');
  });

  it('ExternalName is a CNAME whose target is still to resolve', () => {
    const r = answer('ext.default.svc.cluster.local', 'A');
    expect(r.msg.answers).toEqual([{ name: 'ext.default.svc.cluster.local.', ttl: 30, type: 'CNAME', data: 'example.com.' }]);
    expect(r.chase).toBe('example.com.');
  });

  it('pod A records (pods insecure) and PTR for ClusterIPs and endpoints', () => {
    expect(answer('10-244-1-3.default.pod.cluster.local', 'A').msg.answers[0].data).toBe('10.244.1.3');
    expect(answer('10.0.96.10.in-addr.arpa', 'PTR').msg.answers[0].data).toBe('kube-dns.kube-system.svc.cluster.local.');
    expect(answer('3.1.244.10.in-addr.arpa', 'PTR').msg.answers[0].data).toBe('10-244-1-3.web.default.svc.cluster.local.');
    // Unknown reverse names fall through to forward.
    expect(lookup(view, '9.9.244.10.in-addr.arpa', 'PTR').kind).toBe('forward');
  });

  it('names outside cluster.local go to forward; 8.8.8.8 knows a few public names', () => {
    expect(lookup(view, 'example.com', 'A').kind).toBe('forward');
    expect(upstreamAnswer('example.com', 'A')).toMatchObject({ rcode: 'NOERROR', aa: false, ra: true, answers: [{ data: '93.184.215.14' }] });
    expect(upstreamAnswer('nope.example', 'A').rcode).toBe('NXDOMAIN');
  });
});
