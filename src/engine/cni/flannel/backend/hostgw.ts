/**
 * flannel's host-gw backend: no encapsulation; per peer a plain route
 * `SUBNET via PEER_PUBLIC_IP dev IFACE`. It needs every node on one L2 network: a peer
 * behind a router cannot be a next hop, and flannel refuses the route.
 */
import { cidrContains, networkOf } from '../../../net/ip';
import type { Network } from '../../../net/network';
import type { Backend } from './types';

export function hostGwBackend(net: Network): Backend {
  return {
    type: 'host-gw',
    setup() {
      return {};
    },
    addPeer(ns, peer, iface) {
      const nic = net.link(ns, iface);
      const onLink = nic?.addrs.some((a) => cidrContains(networkOf(a.address, a.prefix), peer.publicIp)) ?? false;
      if (!onLink) {
        return `Error adding route to ${peer.subnet} via ${peer.publicIp}: network is unreachable (host-gw needs ${peer.node} on the same L2 network as ${iface})`;
      }
      ns.routes = ns.routes.filter((r) => r.dst !== peer.subnet);
      net.addRoute(ns, { dst: peer.subnet, via: peer.publicIp, dev: iface });
      return undefined;
    },
    teardown(ns, programmed) {
      ns.routes = ns.routes.filter((r) => !programmed.includes(r.dst));
    },
  };
}
