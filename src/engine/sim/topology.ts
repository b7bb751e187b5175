/**
 * The machines and wires of a scenario: each node's root namespace with eth0 on the node
 * network, a default route to the gateway, and the uplink to the internet behind it.
 */
import type { Network } from '../net/network';
import { buildUplink } from '../net/uplink';
import { ContainerRuntime } from '../runtime/runtime';
import type { SimContext } from './context';
import type { Host } from './host';

export const NODE_NETWORK = 'node-network';

export function buildTopology(ctx: SimContext): void {
  const { net, scenario } = ctx;
  const [base, prefix] = scenario.cluster.nodeNetwork.split('/');
  net.addSegment({ id: NODE_NETWORK, cidr: scenario.cluster.nodeNetwork, description: 'the node network' });
  const gw = base.replace(/\.0$/, '.1');
  buildUplink(net, scenario.cluster.nodeNetwork, gw, Number(prefix));
  for (const n of scenario.nodes) {
    const host: Host = { name: n.name, role: n.role, ip: n.ip, runtime: n.runtime, files: {}, ipam: {}, cniCalls: [], netnsNames: {} };
    ctx.hosts.set(n.name, host);
    ctx.runtimes.set(n.name, new ContainerRuntime(n.runtime, ctx.prng));
    addNodeMachine(net, n.name, n.ip, Number(prefix), gw);
  }
}

function addNodeMachine(net: Network, name: string, ip: string, prefix: number, gw: string): void {
  const ns = net.addNamespace(name, name, 'host');
  net.addLink(ns, 'eth0', 'ether', { up: true, segment: NODE_NETWORK });
  net.addAddress(ns, 'eth0', ip, prefix);
  net.addRoute(ns, { dst: 'default', via: gw, dev: 'eth0', proto: 'static' });
}
