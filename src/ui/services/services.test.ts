import { describe, expect, it } from 'vitest';
import { Simulation } from '../../engine/sim/simulation';
import { buildNodeNetwork } from '../../engine/sim/nodeNetwork';
import { buildServiceGraph, dnsRecords, portText, shownServices } from './model';
import { ipvsHits, parseNetId, parseRuleId, routeId, ruleId, rulesHit } from '../inspector/selection';
import { decodeState, encodeState } from '../../engine/scenario/url';
import { defaultScenario } from '../../engine/scenario/defaults';

function exposed(): Simulation {
  const sim = Simulation.create();
  sim.exec('control-plane', 'kubectl expose deployment web --port=80');
  return sim;
}

describe('Services view model', () => {
  it('draws web → its 3 endpoints → the pods on node-1 and node-2', () => {
    const snap = exposed().snapshot();
    const web = snap.services.find((s) => s.id === 'default/web')!;
    expect(web.type).toBe('ClusterIP');
    expect(web.endpoints.map((e) => [e.node, e.ready])).toEqual([['node-1', true], ['node-2', true], ['node-2', true]]);
    const { nodes, edges } = buildServiceGraph(snap, [web]);
    expect(nodes.filter((n) => n.type === 'endpoint')).toHaveLength(3);
    const machines = nodes.filter((n) => n.type === 'machine').map((n) => [n.type === 'machine' && n.name, n.type === 'machine' && n.pods]);
    expect(machines).toEqual([['node-1', 1], ['node-2', 2]]);
    const toPods = edges.filter((e) => e.target.startsWith('pod:'));
    expect(toPods).toHaveLength(3);
    for (const e of toPods) expect(nodes.some((n) => n.id === e.target)).toBe(true);
  });

  it('hides kube-system Services unless system pods are shown; a Service matching nothing has no endpoints', () => {
    const sim = exposed();
    sim.exec('control-plane', 'kubectl create service clusterip nothing --tcp=80:80');
    const snap = sim.snapshot();
    expect(shownServices(snap, false).map((s) => s.id)).toEqual(['default/kubernetes', 'default/nothing', 'default/web']);
    expect(shownServices(snap, true).map((s) => s.id)).toContain('kube-system/kube-dns');
    const nothing = snap.services.find((s) => s.name === 'nothing')!;
    expect(nothing.endpoints).toEqual([]);
    const { edges } = buildServiceGraph(snap, [nothing]);
    expect(edges).toEqual([]);
  });

  it('lists the DNS names CoreDNS serves: A for the ClusterIP, SRV for named ports', () => {
    const dns = exposed().snapshot().services.find((s) => s.id === 'kube-system/kube-dns')!;
    const recs = dnsRecords(dns);
    expect(recs[0]).toEqual({ name: 'kube-dns.kube-system.svc.cluster.local', type: 'A', data: '10.96.0.10' });
    expect(recs).toContainEqual({ name: '_dns._udp.kube-dns.kube-system.svc.cluster.local', type: 'SRV', data: '0 100 53 kube-dns.kube-system.svc.cluster.local' });
    expect(portText(dns.ports[0])).toBe('dns 53/UDP');
    const headless = { ...dns, clusterIP: 'None', ports: [] };
    expect(dnsRecords(headless).filter((r) => r.type === 'A').map((r) => r.name)).toContain(`${dns.endpoints[0].ip.replace(/\./g, '-')}.kube-dns.kube-system.svc.cluster.local`);
  });
});

describe('selection ids and the rules a trace hit', () => {
  it('round-trips ids, including a route line', () => {
    expect(parseNetId(routeId('node-1', 'node-1', '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink'))).toEqual({ node: 'node-1', netns: 'node-1', rest: '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink' });
    expect(parseRuleId(ruleId('node-1', 'nat', 'KUBE-SERVICES', 3))).toEqual({ node: 'node-1', table: 'nat', chain: 'KUBE-SERVICES', n: 3 });
    expect(parseRuleId('node-1|nat|X')).toBeUndefined();
  });

  it('marks the PREROUTING → KUBE-SERVICES → KUBE-SVC → KUBE-SEP path of a curl to a ClusterIP', () => {
    const sim = exposed();
    const web = sim.snapshot().services.find((s) => s.id === 'default/web')!;
    const trace = sim.trace('default/client', web.clusterIP!, { proto: 'tcp', port: 80 });
    const view = buildNodeNetwork(sim, 'node-1');
    const hit = [...rulesHit(trace, view)].map((id) => {
      const p = parseRuleId(id)!;
      const line = view.chains.find((c) => c.table === p.table && c.name === p.chain)!.rules[p.n - 1].line;
      return `${p.table} ${line.replace(/-[A-Z0-9]{16}/g, '-*')}`;
    });
    expect(hit).toContain('nat -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
    expect(hit.some((h) => /^nat -A KUBE-SERVICES .*default\/web cluster IP.* -j KUBE-SVC-\*$/.test(h))).toBe(true);
    expect(hit.filter((h) => /^nat -A KUBE-SVC-\* .* -j KUBE-SEP-\*$/.test(h))).toHaveLength(1);
    expect(hit.filter((h) => /^nat -A KUBE-SEP-\* .* -j DNAT/.test(h))).toHaveLength(1);
    expect(hit.some((h) => h.startsWith('nat -A OUTPUT'))).toBe(false);
    expect(ipvsHits(trace, 'node-1').services.size).toBe(0);
  });

  it('keeps the new selection kinds and the Services canvas in a shared link', () => {
    const view = { panel: 'trace' as const, selected: { kind: 'rule' as const, id: 'node-1|nat|KUBE-SERVICES|2' }, canvas: 'services' as const };
    expect(decodeState(encodeState({ scenario: defaultScenario(), actions: [], view })).view).toEqual(view);
    const bad = { panel: 'trace' as const, selected: { kind: 'secret', id: 'x' } };
    expect(decodeState(encodeState({ scenario: defaultScenario(), actions: [], view: bad as never })).view?.selected).toBeUndefined();
  });
});

describe('IPVS virtual servers in the Node network view', () => {
  it('lists the virtual servers of kube-proxy in ipvs mode and marks the one a trace went through', async () => {
    const { presetById } = await import('../../engine/scenario/presets');
    const p = presetById('ipvs')!.build();
    const sim = Simulation.replay(p.scenario, p.setup);
    sim.exec('control-plane', 'kubectl expose deployment web --port=80');
    const web = sim.snapshot().services.find((s) => s.id === 'default/web')!;
    const trace = sim.trace('default/client', web.clusterIP!, { proto: 'tcp', port: 80 });
    const view = buildNodeNetwork(sim, 'node-1');
    const vs = view.ipvs.find((v) => v.address === web.clusterIP)!;
    expect(vs).toMatchObject({ proto: 'TCP', port: 80, scheduler: 'rr' });
    expect(vs.servers.map((r) => `${r.address}:${r.port}`)).toEqual(web.endpoints.map((e) => `${e.ip}:80`));
    const hits = ipvsHits(trace, 'node-1');
    expect([...hits.services]).toEqual([`TCP ${web.clusterIP}:80`]);
    expect(hits.servers.size).toBe(1);
  });
});

describe('ip addr text of an interface', () => {
  it('prints a bridge as iproute2 does, with the broadcast address; none for a /32', async () => {
    const { ipAddrText, broadcast } = await import('../inspector/ipText');
    expect(broadcast('10.244.1.1/24')).toBe('10.244.1.255');
    expect(broadcast('192.168.56.11/24')).toBe('192.168.56.255');
    expect(broadcast('10.244.1.0/32')).toBeUndefined();
    const cni0 = { name: 'cni0', kind: 'bridge' as const, mac: '4a:e1:54:cd:e0:c0', mtu: 1450, up: true, addrs: ['10.244.1.1/24'] };
    expect(ipAddrText(cni0, 4)).toBe(
      '4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP\n    link/ether 4a:e1:54:cd:e0:c0 brd ff:ff:ff:ff:ff:ff\n    inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0',
    );
  });
});
