/**
 * The bridge plugin's CHECK (spec 1.0): with the ADD result as prevResult, verify that the
 * bridge, the host end of the veth (a port of that bridge), the container's interface, its
 * address and its routes are all still there. A plain error is what the plugin returns; the
 * caller wraps it as spec JSON (code 999, as skel does for errors without a code).
 */
import type { Network } from '../../net/network';
import type { BridgeConf, CniArgs, CniResult } from '../types';

export function bridgeCheck(net: Network, hostId: string, args: CniArgs, conf: BridgeConf, prev: CniResult | undefined): void {
  if (!prev) throw new Error('Required prevResult missing');
  const host = net.ns(hostId);
  for (const intf of prev.interfaces) {
    if (intf.sandbox) continue;
    const link = net.link(host, intf.name);
    if (!link) throw new Error(`Interface name ${intf.name} not found`);
    if (intf.name === conf.bridge) {
      if (link.kind !== 'bridge') throw new Error(`Error: Container Interface name in prevResult: ${intf.name} not a bridge`);
    } else if (link.master !== conf.bridge) {
      throw new Error(`Interface ${intf.name} is not a port of bridge ${conf.bridge}`);
    }
  }
  const pod = net.namespaces.get(args.netns);
  if (!pod) throw new Error(`failed to open netns "/var/run/netns/${args.netns}": no such file or directory`);
  const cont = pod.links.find((l) => l.name === args.ifname);
  if (!cont) throw new Error(`Container Interface name in prevResult: ${args.ifname} not found`);
  for (const ip of prev.ips) {
    const [addr, prefix] = ip.address.split('/');
    if (!cont.addrs.some((a) => a.address === addr && a.prefix === Number(prefix))) throw new Error(`Failed to match addr ${ip.address} on interface ${args.ifname}`);
  }
  for (const r of prev.routes) {
    const dst = r.dst === '0.0.0.0/0' ? 'default' : r.dst;
    if (!pod.routes.some((x) => x.dst === dst && (!r.gw || x.via === r.gw))) throw new Error(`Failed to match route ${r.dst}${r.gw ? ` via ${r.gw}` : ''} on interface ${args.ifname}`);
  }
}
