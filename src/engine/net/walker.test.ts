import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { Pod } from '../api/types';

let sim: Simulation;
const pod = (name: string): Pod => sim.pods().find((p) => p.metadata.name === name || p.metadata.name.startsWith(name))!;

beforeAll(() => {
  sim = Simulation.create();
});

describe('the default cluster', () => {
  it('gives every node a /24 and every pod an address from its node\'s /24', () => {
    const cidrs = Object.fromEntries(sim.nodes().map((n) => [n.metadata.name, n.spec.podCIDR]));
    expect(cidrs).toEqual({ 'control-plane': '10.244.0.0/24', 'node-1': '10.244.1.0/24', 'node-2': '10.244.2.0/24' });
    const pods = sim.pods().filter((p) => p.metadata.namespace === 'default');
    expect(pods).toHaveLength(4);
    for (const p of pods) {
      expect(p.status?.phase).toBe('Running');
      const prefix = cidrs[p.spec.nodeName!]!.replace('.0/24', '.');
      expect(p.status?.podIP?.startsWith(prefix)).toBe(true);
    }
    // The three web replicas are spread over both workers, none on the tainted control plane.
    const webNodes = new Set(pods.filter((p) => p.metadata.labels?.app === 'web').map((p) => p.spec.nodeName));
    expect(webNodes).toEqual(new Set(['node-1', 'node-2']));
  });

  it('wires each pod: eth0 in its netns, a veth peer on cni0, flannel.1 with routes to the peers', () => {
    for (const p of sim.pods().filter((x) => x.metadata.namespace === 'default')) {
      const ns = sim.podNetns(`default/${p.metadata.name}`)!;
      const eth0 = ns.links.find((l) => l.name === 'eth0')!;
      expect(eth0.addrs[0].address).toBe(p.status?.podIP);
      const host = sim.ctx.net.ns(p.spec.nodeName!);
      const veth = host.links.find((l) => l.name === eth0.peer!.ifname)!;
      expect(veth.master).toBe('cni0');
    }
    const n1 = sim.ctx.net.ns('node-1');
    expect(n1.links.find((l) => l.name === 'cni0')!.addrs[0].address).toBe('10.244.1.1');
    const vtep = n1.links.find((l) => l.name === 'flannel.1')!;
    expect(vtep.vxlan).toEqual({ vni: 1, local: '192.168.56.11', dstport: 8472, dev: 'eth0' });
    expect(vtep.mtu).toBe(1450);
    expect(n1.routes.find((r) => r.dst === '10.244.2.0/24')).toEqual({ dst: '10.244.2.0/24', via: '10.244.2.0', dev: 'flannel.1', onlink: true });
  });
});

describe('the packet walker', () => {
  it('traces a cross-node ping hop by hop through veth, cni0, flannel.1 and the wire, and back', () => {
    const client = pod('client');
    const remote = sim.pods().find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName !== client.spec.nodeName)!;
    const t = sim.trace('default/client', remote.status!.podIP!);
    expect(t.outcome).toBe('delivered');
    expect(t.replied).toBe(true);
    expect(t.replyTtl).toBe(62);
    const stages = t.steps.filter((s) => s.leg === 'request').map((s) => `${s.nsLabel}:${s.stage}`);
    const order = ['pod default/client:route', 'pod default/client:veth', `${client.spec.nodeName}:bridge`, `${client.spec.nodeName}:route`, `${client.spec.nodeName}:vxlan-encap`, `${client.spec.nodeName}:wire`, `${remote.spec.nodeName}:vxlan-decap`, `${remote.spec.nodeName}:bridge`, `pod default/${remote.metadata.name}:deliver`];
    let at = 0;
    for (const want of order) {
      const i = stages.indexOf(want, at);
      expect(i, `${want} after step ${at} in ${stages.join(' | ')}`).toBeGreaterThanOrEqual(at);
      at = i + 1;
    }
    expect(t.steps.some((s) => s.leg === 'reply' && s.stage === 'vxlan-encap')).toBe(true);
  });

  it('builds real VXLAN headers: outer UDP to 8472 between node IPs, VNI 1, the inner frame intact', () => {
    const t = sim.trace('default/client', '10.244.2.2');
    const encap = t.steps.find((s) => s.stage === 'vxlan-encap')!;
    const outer = encap.after;
    expect(outer.ip).toMatchObject({ src: '192.168.56.11', dst: '192.168.56.12', proto: 'udp', ttl: 64 });
    expect(outer.l4).toMatchObject({ proto: 'udp', dport: 8472 });
    const sport = (outer.l4 as { sport: number }).sport;
    expect(sport).toBeGreaterThanOrEqual(32768);
    expect(sport).toBeLessThanOrEqual(60999);
    expect(outer.vxlan).toEqual({ vni: 1 });
    expect(outer.inner!.ip).toMatchObject({ src: '10.244.1.2', dst: '10.244.2.2', ttl: 63 });
    // The inner frame is addressed to the peer's VTEP MAC, as flanneld programmed it.
    const n2vtep = sim.ctx.net.ns('node-2').links.find((l) => l.name === 'flannel.1')!;
    expect(outer.inner!.eth!.dst).toBe(n2vtep.mac);
    expect(outer.ip.length).toBe(84 + 14 + 8 + 8 + 20);
    expect(encap.decidedBy).toBe(`${n2vtep.mac} dev flannel.1 dst 192.168.56.12 self permanent`);
  });

  it('names each routing decision with the route line that decided it', () => {
    const t = sim.trace('default/client', '10.244.2.2');
    const forward = t.steps.find((s) => s.nsLabel === 'node-1' && s.stage === 'route')!;
    expect(forward.decidedBy).toBe('10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink');
    expect(forward.changed).toContain('ip.ttl');
  });

  it('delivers on the same node through the bridge without VXLAN', () => {
    const client = pod('client');
    const local = sim.pods().find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName === client.spec.nodeName)!;
    const t = sim.trace('default/client', local.status!.podIP!);
    expect(t.outcome).toBe('delivered');
    expect(t.steps.some((s) => s.stage === 'vxlan-encap')).toBe(false);
    expect(t.replyTtl).toBe(64);
  });

  it('drops with a reason a learner can act on', () => {
    const s = Simulation.create();
    s.exec('node-1', 'sleep 1');
    const noHost = s.trace('default/client', '10.244.2.77');
    expect(noHost.outcome).toBe('dropped');
    expect(noHost.reason).toMatch(/ARP for 10.244.2.77 on cni0 got no reply/);
    // Take flannel's peer route away: the packet follows the default route out of the cluster.
    const n1 = s.ctx.net.ns('node-1');
    n1.routes = n1.routes.filter((r) => r.dst !== '10.244.2.0/24');
    n1.iptables.filter.FORWARD.policy = 'DROP';
    n1.iptables.filter.FORWARD.rules = [];
    const blocked = s.trace('default/client', '10.244.2.2');
    expect(blocked.outcome).toBe('dropped');
    expect(blocked.reason).toMatch(/DROP by filter\/FORWARD/);
    expect(blocked.steps.at(-1)!.decidedBy).toBe(':FORWARD DROP');
  });

  it('never loops forever', () => {
    const s = Simulation.create();
    // A routing loop: node-1 sends 10.99.0.0/16 to node-2, node-2 back to node-1.
    s.ctx.net.addRoute(s.ctx.net.ns('node-1'), { dst: '10.99.0.0/16', via: '192.168.56.12', dev: 'eth0' });
    s.ctx.net.addRoute(s.ctx.net.ns('node-2'), { dst: '10.99.0.0/16', via: '192.168.56.11', dev: 'eth0' });
    const t = s.trace('default/client', '10.99.1.1');
    expect(t.outcome).toBe('dropped');
    expect(t.reason).toMatch(/TTL exceeded/);
  });
});
