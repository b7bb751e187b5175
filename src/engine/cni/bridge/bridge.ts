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
  net.addAddress(pod, args.ifname, lease.ip, lease.prefix);
  const routes: CniResult['routes'] = [];
  if (conf.isDefaultGateway) {
    net.addRoute(pod, { dst: 'default', via: lease.gateway, dev: args.ifname });
    routes.push({ dst: '0.0.0.0/0', gw: lease.gateway });
  }
  for (const r of conf.ipam.routes ?? []) {
    const gw = r.gw ?? lease.gateway;
    net.addRoute(pod, { dst: r.dst, via: gw, dev: args.ifname });
    routes.push({ dst: r.dst, gw });
  }
  return {
    cniVersion: '1.0.0',
    interfaces: [
      { name: conf.bridge, mac: br.mac },
      { name: hostIf, mac: hostSide.mac },
      { name: args.ifname, mac: podSide.mac, sandbox: `/var/run/netns/${args.netns}` },
    ],
    ips: [{ address: `${lease.ip}/${lease.prefix}`, gateway: lease.gateway, interface: 2 }],
    routes,
    dns: {},
  };
}
