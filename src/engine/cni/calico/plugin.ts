/**
 * The calico CNI plugin (with calico-ipam): no bridge. Per pod a veth pair whose host end is
 * cali<hash> (MAC ee:ee:ee:ee:ee:ee, proxy_arp on, no address) and whose pod end is eth0 with
 * a /32 from the node's IPAM block; in the pod `default via 169.254.1.1 dev eth0` — an address
 * nobody has: the host end answers the ARP for it by proxy ARP — and on the host a /32 route
 * to the pod through its cali interface.
 */
import type { SimContext } from '../../sim/context';
import type { CniArgs, CniResult } from '../types';
import { autoAssign, releaseByHandle } from './ipam';
import { vethName } from './names';
import { flat } from '../../sim/flat';

/** The "calico" entry of 10-calico.conflist. */
export interface CalicoConf {
  type: 'calico';
  nodename?: string;
  mtu?: number;
  ipam?: { type: string };
  policy?: { type: string };
}

export const CALICO_GATEWAY = '169.254.1.1';
export const CALICO_HOST_MAC = 'ee:ee:ee:ee:ee:ee';
/** IPIP costs 20 bytes: calico-node's auto-detected veth MTU on a 1500-byte network. */
export const CALICO_MTU = 1480;

const handleOf = (containerId: string): string => `k8s-pod-network.${containerId}`;

export function calicoAdd(ctx: SimContext, nodeName: string, args: CniArgs, conf: CalicoConf): CniResult {
  const net = ctx.net;
  const host = net.ns(nodeName);
  const pod = net.ns(args.netns);
  if (conf.ipam?.type !== 'calico-ipam') throw new Error(`unsupported IPAM plugin "${conf.ipam?.type ?? ''}" (calico-ipam expected)`);
  const ip = autoAssign(ctx, nodeName, handleOf(args.containerId));
  const mtu = conf.mtu || CALICO_MTU;
  const name = vethName(args.podNamespace, args.podName);
  // A leftover interface of an earlier sandbox of the same pod is replaced, as the plugin does.
  if (net.link(host, name)) net.deleteLink(host, name);
  const [hostSide, podSide] = net.addVethPair(host, name, pod, args.ifname, mtu);
  hostSide.mac = CALICO_HOST_MAC;
  hostSide.up = true;
  podSide.up = true;
  net.addAddress(pod, args.ifname, ip, 32);
  net.addRoute(pod, { dst: `${CALICO_GATEWAY}/32`, dev: args.ifname, scope: 'link' });
  net.addRoute(pod, { dst: 'default', via: CALICO_GATEWAY, dev: args.ifname });
  host.sysctl[`net.ipv4.conf.${name}.proxy_arp`] = '1';
  host.sysctl[`net.ipv4.neigh.${name}.proxy_delay`] = '0';
  host.sysctl[`net.ipv4.conf.${name}.forwarding`] = '1';
  net.addRoute(host, { dst: `${ip}/32`, dev: name, scope: 'link' });
  return {
    cniVersion: '1.0.0',
    interfaces: [
      { name, mac: CALICO_HOST_MAC },
      { name: args.ifname, mac: podSide.mac, sandbox: flat(`/var/run/netns/${args.netns}`) },
    ],
    ips: [{ address: `${ip}/32`, interface: 1 }],
    routes: [{ dst: '0.0.0.0/0', gw: CALICO_GATEWAY }],
    dns: {},
  };
}

/** DEL: the address goes back to the block; the veth (and its /32 route) went with the netns. */
export function calicoDel(ctx: SimContext, nodeName: string, containerId: string): void {
  releaseByHandle(ctx, nodeName, handleOf(containerId));
}
