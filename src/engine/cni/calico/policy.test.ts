import { describe, expect, it } from 'vitest';
import type { NetworkPolicy, Pod } from '../../api/types';
import { evaluate, type PolicyWorld } from './policy';

const pod = (name: string, ns: string, labels: Record<string, string>, ip: string, ports: Pod['spec']['containers'][0]['ports'] = []): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { containers: [{ name: 'c', image: 'nginx', ports }] },
  status: { phase: 'Running', podIP: ip },
});
const np = (name: string, spec: Partial<NetworkPolicy['spec']>, ns = 'default'): NetworkPolicy => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec: { podSelector: {}, ...spec } });
const world = (...policies: NetworkPolicy[]): PolicyWorld => ({ policies, namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns, ...(ns === 'monitoring' ? { team: 'ops' } : {}) }) });

const web = pod('web', 'default', { app: 'web' }, '10.244.1.2', [{ containerPort: 8080, name: 'http' }]);
const client = pod('client', 'default', { app: 'client' }, '10.244.2.2');
const other = pod('other', 'default', { app: 'other' }, '10.244.2.3');
const prom = pod('prom', 'monitoring', { app: 'client' }, '10.244.2.4');
const ext = { ip: '203.0.113.9' };

describe('NetworkPolicy semantics', () => {
  const cases: [string, PolicyWorld, Pod, { ip: string; pod?: Pod }, 'tcp' | 'udp' | 'icmp', number | undefined, boolean][] = [
    ['no policy: not isolated', world(), web, { ip: client.status!.podIP!, pod: client }, 'tcp', 80, true],
    ['deny-all (no rules) drops', world(np('deny-all', {})), web, { ip: '10.244.2.2', pod: client }, 'tcp', 80, false],
    ['policy in another namespace does not isolate', world(np('deny-all', {}, 'monitoring')), web, { ip: '10.244.2.2', pod: client }, 'tcp', 80, true],
    ['podSelector not matching the pod does not isolate', world(np('x', { podSelector: { matchLabels: { app: 'db' } } })), web, { ip: '10.244.2.2', pod: client }, 'tcp', 80, true],
    ['empty from allows all', world(np('all', { ingress: [{}] })), web, ext, 'icmp', undefined, true],
    ['from podSelector: selected pod allowed', world(np('a', { ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] })), web, { ip: '10.244.2.2', pod: client }, 'tcp', 80, true],
    ['from podSelector: other pod denied', world(np('a', { ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] })), web, { ip: '10.244.2.3', pod: other }, 'tcp', 80, false],
    ['podSelector alone: same namespace only', world(np('a', { ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] })), web, { ip: '10.244.2.4', pod: prom }, 'tcp', 80, false],
    ['namespaceSelector: any pod there', world(np('a', { ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }] })), web, { ip: '10.244.2.4', pod: prom }, 'tcp', 80, true],
    ['namespaceSelector AND podSelector', world(np('a', { ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'other' } } }] }] })), web, { ip: '10.244.2.4', pod: prom }, 'tcp', 80, false],
    ['two peers are OR', world(np('a', { ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }, { podSelector: { matchLabels: { app: 'other' } } }] }] })), web, { ip: '10.244.2.3', pod: other }, 'tcp', 80, true],
    ['ipBlock allows the range', world(np('a', { ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }] })), web, ext, 'tcp', 80, true],
    ['ipBlock except carves out', world(np('a', { ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.8/29'] } }] }] })), web, ext, 'tcp', 80, false],
    ['port matches', world(np('a', { ingress: [{ ports: [{ protocol: 'TCP', port: 80 }] }] })), web, ext, 'tcp', 80, true],
    ['other port denied', world(np('a', { ingress: [{ ports: [{ protocol: 'TCP', port: 80 }] }] })), web, ext, 'tcp', 443, false],
    ['protocol must match', world(np('a', { ingress: [{ ports: [{ protocol: 'UDP', port: 80 }] }] })), web, ext, 'tcp', 80, false],
    ['ports exclude ICMP', world(np('a', { ingress: [{ ports: [{ port: 80 }] }] })), web, ext, 'icmp', undefined, false],
    ['endPort range', world(np('a', { ingress: [{ ports: [{ port: 8000, endPort: 9000 }] }] })), web, ext, 'tcp', 8080, true],
    ['named port resolves on the destination pod', world(np('a', { ingress: [{ ports: [{ port: 'http' }] }] })), web, ext, 'tcp', 8080, true],
    ['named port: another number denied', world(np('a', { ingress: [{ ports: [{ port: 'http' }] }] })), web, ext, 'tcp', 80, false],
    ['Egress-only policy leaves ingress open', world(np('e', { policyTypes: ['Egress'] })), web, ext, 'tcp', 80, true],
    ['policies add up (union)', world(np('deny', {}), np('allow', { ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] })), web, { ip: '10.244.2.2', pod: client }, 'tcp', 80, true],
  ];
  it.each(cases)('%s', (_name, w, p, peer, proto, port, allowed) => {
    expect(evaluate(w, 'Ingress', p, peer, proto, port).allowed).toBe(allowed);
  });

  it('egress: deny-all egress blocks DNS unless allowed to port 53', () => {
    const deny = np('deny-egress', { policyTypes: ['Egress'] });
    const dns = { ip: '10.244.0.2' };
    expect(evaluate(world(deny), 'Egress', client, dns, 'udp', 53).allowed).toBe(false);
    const allowDns = np('allow-dns', { policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] });
    expect(evaluate(world(deny, allowDns), 'Egress', client, dns, 'udp', 53)).toMatchObject({ allowed: true, allowedBy: allowDns });
    expect(evaluate(world(deny, allowDns), 'Egress', client, { ip: '10.244.1.2', pod: web }, 'tcp', 80).allowed).toBe(false);
    // Egress only appears when egress rules exist or policyTypes says so.
    expect(evaluate(world(np('i', {})), 'Egress', client, dns, 'udp', 53).allowed).toBe(true);
    expect(evaluate(world(np('ie', { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] })), 'Egress', client, { ip: '1.1.1.1' }, 'udp', 53).allowed).toBe(false);
  });
});
