/**
 * flannel's VXLAN backend: flannel.1 (VNI 1, UDP 8472, MTU of the NIC minus 50) holding the
 * node's subnet address (.0/32); per peer a route `SUBNET via PEER.0 dev flannel.1 onlink`,
 * a permanent neighbour PEER.0 → peer VTEP MAC, and an FDB entry VTEP MAC → peer public IP.
 */
import type { Network } from '../../../net/network';
import type { FdbEntry, NetNs, Neighbour, Route } from '../../../net/types';
import { KeyIndex } from './keyIndex';
import type { Backend, PeerLease } from './types';

export const VXLAN_DEV = 'flannel.1';
const routeIx = new KeyIndex<Route>((r) => r.dst);
const neighIx = new KeyIndex<Neighbour>((n) => (n.dev === VXLAN_DEV ? n.ip : undefined));
const fdbIx = new KeyIndex<FdbEntry>((f) => f.mac);
/** One copy of each peer's gateway and MAC text per cluster, not one per node that programs it (a million at 1,000 nodes). */
const shared = new WeakMap<Network, Map<string, string>>();
function intern(net: Network, s: string): string {
  let m = shared.get(net);
  if (!m) shared.set(net, (m = new Map()));
  const had = m.get(s);
  if (had !== undefined) return had;
  m.set(s, s);
  return s;
}
/**
 * A peer's route, neighbour and FDB entry are the same on every node that programs it, so every
 * node shares one frozen copy per peer (three objects per node pair were ~150 MB at 1,000 nodes).
 * Nothing edits these rows in place (`ip route replace`, `ip neigh` write new rows); frozen, an
 * edit that tried would fail loudly rather than change every node at once.
 */
interface PeerRows {
  route: Route;
  neigh: Neighbour;
  fdb: FdbEntry;
}
const peerRows = new WeakMap<Network, Map<string, PeerRows>>();
function rowsFor(net: Network, subnet: string, gw: string, mac: string, publicIp: string): PeerRows {
  let m = peerRows.get(net);
  if (!m) peerRows.set(net, (m = new Map()));
  const had = m.get(subnet);
  if (had && had.neigh.lladdr === mac && had.fdb.dst === publicIp) return had;
  const rows: PeerRows = {
    route: Object.freeze({ dst: subnet, via: gw, dev: VXLAN_DEV, onlink: true }),
    neigh: Object.freeze({ ip: gw, dev: VXLAN_DEV, lladdr: mac, state: 'PERMANENT' }),
    fdb: Object.freeze({ mac, dst: publicIp, permanent: true }),
  };
  // One entry per subnet: a peer that changed (a new VTEP MAC after a restart) replaces it.
  m.set(subnet, rows);
  return rows;
}
export const VNI = 1;
export const VXLAN_PORT = 8472;

export function vxlanBackend(net: Network): Backend {
  return {
    type: 'vxlan',
    setup(ns, subnet, publicIp, iface) {
      const nic = net.link(ns, iface)!;
      const vtep = net.addLink(ns, VXLAN_DEV, 'vxlan', { mtu: nic.mtu - 50, up: true, vxlan: { vni: VNI, local: publicIp, dstport: VXLAN_PORT, dev: iface } });
      net.addAddress(ns, VXLAN_DEV, subnet.split('/')[0], 32);
      return { VNI, VtepMAC: vtep.mac };
    },
    addPeer(ns: NetNs, peer: PeerLease) {
      const vtep = net.link(ns, VXLAN_DEV);
      const mac = intern(net, String(peer.data.VtepMAC ?? ''));
      if (!vtep || !mac) return `failed to add vxlan route for ${peer.subnet}: no VtepMAC announced by ${peer.node}`;
      const gw = intern(net, peer.subnet.split('/')[0]);
      // Replace what is there for this peer; the key indexes keep that O(1) per peer (see keyIndex.ts).
      if (routeIx.has(ns, ns.routes, peer.subnet)) ns.routes = ns.routes.filter((r) => r.dst !== peer.subnet);
      // No route to the subnet is left, so net.addRoute's "File exists" check cannot fire: push directly.
      const { route, neigh, fdb } = rowsFor(net, peer.subnet, gw, mac, peer.publicIp);
      ns.routes.push(route);
      routeIx.pushed(ns, ns.routes, route);
      if (neighIx.has(ns, ns.neigh, gw)) ns.neigh = ns.neigh.filter((n) => !(n.dev === VXLAN_DEV && n.ip === gw));
      ns.neigh.push(neigh);
      neighIx.pushed(ns, ns.neigh, neigh);
      vtep.fdb ??= [];
      if (fdbIx.has(vtep, vtep.fdb, mac)) vtep.fdb = vtep.fdb.filter((f) => f.mac !== mac);
      vtep.fdb.push(fdb);
      fdbIx.pushed(vtep, vtep.fdb, fdb);
      return undefined;
    },
    teardown(ns) {
      // Deleting flannel.1 takes its routes, neighbours and FDB with it.
      if (net.link(ns, VXLAN_DEV)) net.deleteLink(ns, VXLAN_DEV);
    },
  };
}
