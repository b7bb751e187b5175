/**
 * The machines and wires of a scenario. Cloud: each node's eth0 on the node network with a
 * default route to the router, which NATs to the internet. Vagrant: each VM also has a
 * VirtualBox NAT interface (enp0s3, 10.0.2.15 on every VM, the default route) and the node
 * network is the host-only network on enp0s8.
 */
import { NODE_RESOLV_CONF } from '../coredns/resolvconf';
import { parseRule } from '../net/iptables';
import type { Network } from '../net/network';
import { buildUplink, ROUTER, UPLINK } from '../net/uplink';
import { cidrContains, nthAddress, prefixLen } from '../net/ip';
import { ContainerRuntime } from '../runtime/runtime';
import type { SimContext } from './context';
import type { Host } from './host';

export const NODE_NETWORK = 'node-network';
export const VAGRANT_NAT = { cidr: '10.0.2.0/24', vm: '10.0.2.15', gateway: '10.0.2.2' };

/** The segment id of each node network: the main one, then net-1, net-2 ... */
export function networkSegments(ctx: SimContext): { id: string; cidr: string }[] {
  const c = ctx.scenario.cluster;
  return [{ id: NODE_NETWORK, cidr: c.nodeNetwork }, ...(c.extraNetworks ?? []).map((cidr, i) => ({ id: `net-${i + 1}`, cidr }))];
}

export function buildTopology(ctx: SimContext): void {
  const { net, scenario } = ctx;
  const segments = networkSegments(ctx);
  segments.forEach((seg, i) => net.addSegment({ id: seg.id, cidr: seg.cidr, description: i === 0 ? (scenario.cluster.topology === 'vagrant' ? 'the host-only network' : 'the node network') : `node network ${i + 1}` }));
  buildUplink(net, segments);
  const vagrant = scenario.cluster.topology === 'vagrant';
  scenario.nodes.forEach((n, i) => {
    const host: Host = { name: n.name, role: n.role, ip: n.ip, runtime: n.runtime, files: { '/etc/resolv.conf': NODE_RESOLV_CONF }, ipam: {}, cniCalls: [], netnsNames: {} };
    ctx.hosts.set(n.name, host);
    ctx.runtimes.set(n.name, new ContainerRuntime(n.runtime, ctx.prng));
    const seg = segments.find((s) => cidrContains(s.cidr, n.ip))!;
    const ns = net.addNamespace(n.name, n.name, 'host');
    if (vagrant) {
      addVagrantNat(net, n.name, i);
      net.addLink(ns, 'enp0s3', 'ether', { up: true, segment: `nat-${n.name}` });
      net.addAddress(ns, 'enp0s3', VAGRANT_NAT.vm, 24);
      net.addRoute(ns, { dst: 'default', via: VAGRANT_NAT.gateway, dev: 'enp0s3', proto: 'dhcp', src: VAGRANT_NAT.vm, metric: 100 });
      net.addLink(ns, 'enp0s8', 'ether', { up: true, segment: seg.id });
      net.addAddress(ns, 'enp0s8', n.ip, prefixLen(seg.cidr));
      return;
    }
    net.addLink(ns, 'eth0', 'ether', { up: true, segment: seg.id });
    net.addAddress(ns, 'eth0', n.ip, prefixLen(seg.cidr));
    net.addRoute(ns, { dst: 'default', via: nthAddress(seg.cidr, 1), dev: 'eth0', proto: 'static' });
  });
}

/** VirtualBox's NAT engine for one VM: 10.0.2.2 on a private network, masquerading to the uplink. */
function addVagrantNat(net: Network, node: string, index: number): void {
  const id = `vbox-nat-${node}`;
  net.addSegment({ id: `nat-${node}`, cidr: VAGRANT_NAT.cidr, description: `VirtualBox NAT of ${node}` });
  const gw = net.addNamespace(id, id, 'router');
  net.addLink(gw, 'eth0', 'ether', { up: true, segment: `nat-${node}` });
  net.addAddress(gw, 'eth0', VAGRANT_NAT.gateway, 24);
  net.addLink(gw, 'eth1', 'ether', { up: true, segment: 'uplink' });
  net.addAddress(gw, 'eth1', nthAddress(UPLINK.cidr, 20 + index), 24);
  net.addRoute(gw, { dst: 'default', via: UPLINK.isp, dev: 'eth1', proto: 'static' });
  gw.iptables.nat.POSTROUTING.rules.push(parseRule(['-s', VAGRANT_NAT.cidr, '-o', 'eth1', '-j', 'MASQUERADE'], 'nat'));
}

export { ROUTER };
