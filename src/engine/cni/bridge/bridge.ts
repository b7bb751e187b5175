/**
 * The `bridge` CNI plugin: makes sure the bridge exists (with the gateway address when
 * isGateway), creates a veth pair with one end in the pod's netns, plugs the host end into
 * the bridge, and asks IPAM for an address and routes.
 */
import type { Prng } from '../../sim/prng';
import type { Network } from '../../net/network';
import type { NetNs } from '../../net/types';
import { allocate, type HostLocalState } from '../host-local/ipam';
import type { BridgeConf, CniArgs, CniResult } from '../types';
import { parseRule } from '../../net/iptables';
import { fnv1a32 } from '../../sim/hash';
import { flat } from '../../sim/flat';

/** The chain name the plugin derives for a container: CNI- and a hash of network name and id. */
function masqChain(network: string, containerId: string): string {
  return `CNI-${(fnv1a32(`${network}:${containerId}`).toString(16) + fnv1a32(containerId).toString(16)).slice(0, 24)}`;
}

/**
 * ipMasq: per container, `-s POD_IP -j CNI-xxx` in nat POSTROUTING, and in CNI-xxx an ACCEPT
 * for the pod's own subnet and MASQUERADE for everything else (except multicast).
 */
function addMasquerade(host: NetNs, conf: BridgeConf, containerId: string, ip: string, subnet: string): void {
  const nat = host.iptables.nat;
  const chain = masqChain(conf.name, containerId);
  const comment = ['-m', 'comment', '--comment', `name: "${conf.name}" id: "${containerId}"`];
  nat[chain] = { name: chain, rules: [], packets: 0, bytes: 0 };
  nat[chain].rules.push(parseRule(['-d', subnet, ...comment, '-j', 'ACCEPT'], 'nat'));
  nat[chain].rules.push(parseRule(['!', '-d', '224.0.0.0/4', ...comment, '-j', 'MASQUERADE'], 'nat'));
  nat.POSTROUTING.rules.push(parseRule(['-s', `${ip}/32`, ...comment, '-j', chain], 'nat'));
}

/** DEL removes what ADD installed for the container (its masquerade chain). */
export function bridgeDel(host: NetNs, containerId: string): void {
  const nat = host.iptables.nat;
  for (const name of Object.keys(nat)) {
    if (!name.startsWith('CNI-')) continue;
    const mine = nat[name].rules.some((r) => r.matches.some((m) => m.kind === 'comment' && m.text.endsWith(`id: "${containerId}"`)));
    if (!mine) continue;
    nat.POSTROUTING.rules = nat.POSTROUTING.rules.filter((r) => r.target !== name);
    delete nat[name];
  }
}

export function bridgeAdd(net: Network, prng: Prng, host: NetNs, args: CniArgs, conf: BridgeConf, ipam: HostLocalState): CniResult {
  const pod = net.ns(args.netns);
  const subnet = conf.ipam.ranges[0][0].subnet;
  const mtu = conf.mtu ?? 1500;
  let br = net.link(host, conf.bridge);
  if (!br) {
    br = net.addLink(host, conf.bridge, 'bridge', { mtu, up: true });
  }
  const lease = allocate(ipam, subnet, args.containerId);
  if (conf.isGateway && !br.addrs.some((a) => a.address === lease.gateway)) {
    net.addAddress(host, conf.bridge, lease.gateway, lease.prefix);
  }
  // The host end gets a random name, as the plugin does (veth + 8 hex digits).
  let hostIf = `veth${prng.hex(4)}`;
  while (net.link(host, hostIf)) hostIf = `veth${prng.hex(4)}`;
  const [hostSide, podSide] = net.addVethPair(host, hostIf, pod, args.ifname, mtu);
  hostSide.up = true;
  podSide.up = true;
  net.setMaster(host, hostIf, conf.bridge);
  // hairpinMode lets a frame leave by the port it came in on (a pod reaching itself via its Service).
  hostSide.hairpin = conf.hairpinMode ?? false;
  net.addAddress(pod, args.ifname, lease.ip, lease.prefix);
  const routes: CniResult['routes'] = [];
  if (conf.isDefaultGateway) {
    net.addRoute(pod, { dst: 'default', via: lease.gateway, dev: args.ifname });
    routes.push({ dst: '0.0.0.0/0', gw: lease.gateway });
  }
  for (const r of conf.ipam.routes ?? []) {
    const gw = r.gw ?? lease.gateway;
    const dst = r.dst === '0.0.0.0/0' ? 'default' : r.dst;
    if (!pod.routes.some((x) => x.dst === dst)) net.addRoute(pod, { dst, via: gw, dev: args.ifname });
    routes.push({ dst: r.dst, gw });
  }
  if (conf.ipMasq) addMasquerade(host, conf, args.containerId, lease.ip, subnet);
  return {
    cniVersion: '1.0.0',
    interfaces: [
      { name: conf.bridge, mac: br.mac },
      { name: hostIf, mac: hostSide.mac },
      { name: args.ifname, mac: podSide.mac, sandbox: flat(`/var/run/netns/${args.netns}`) },
    ],
    ips: [{ address: `${lease.ip}/${lease.prefix}`, gateway: lease.gateway, interface: 2 }],
    routes,
    dns: {},
  };
}
