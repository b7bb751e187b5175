/**
 * The `loopback` CNI plugin: sets lo up in the pod's namespace. containerd runs it as its own
 * network, "cni-loopback", before the pod network (go-cni's WithLoNetwork).
 */
import type { Network } from '../../net/network';
import type { CniResult } from '../types';
import { flat } from '../../sim/flat';

/** The network configuration containerd passes for it. */
export const LOOPBACK_CONFLIST = { cniVersion: '1.0.0', name: 'cni-loopback', plugins: [{ type: 'loopback' }] };

export function loopbackAdd(net: Network, netns: string): CniResult {
  const ns = net.ns(netns);
  net.setUp(ns, 'lo', true);
  const lo = net.link(ns, 'lo')!;
  return {
    cniVersion: '1.0.0',
    interfaces: [{ name: 'lo', mac: lo.mac, sandbox: flat(`/var/run/netns/${netns}`) }],
    ips: [{ address: '127.0.0.1/8', interface: 0 }],
    routes: [],
    dns: {},
  };
}

export function loopbackCheck(net: Network, netns: string): void {
  const lo = net.link(net.ns(netns), 'lo');
  if (!lo) throw new Error('Link not found');
  if (!lo.up) throw new Error('loopback interface is down');
}

/** DEL sets lo down; a namespace about to be removed needs nothing else. */
export function loopbackDel(net: Network, netns: string): void {
  const ns = net.namespaces.get(netns);
  if (ns) net.setUp(ns, 'lo', false);
}
