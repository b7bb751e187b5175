// Overlay tunnels: VXLAN (flannel.1) and IP-in-IP (Calico's tunl0) encapsulation and decapsulation.
import { fnv1a32 } from '../../sim/hash';
import { ETH_HEADER, VXLAN_OVERHEAD, type Packet } from '../packet';
import type { Link, NetNs } from '../types';
import type { Walk } from './state';
import { clone, COST, type Pos } from './types';

export function vxlanEncap(w: Walk, ns: NetNs, dev: Link, pkt: Packet, nexthop: string): Pos {
  const neigh = ns.neigh.find((n) => n.ip === nexthop && n.dev === dev.name && n.lladdr);
  if (!neigh) {
    return w.drop(ns, 'vxlan-encap', `${dev.name} has no neighbour entry for ${nexthop} (VXLAN devices do not ARP; flanneld programs these for each peer)`, pkt, dev.name);
  }
  const fdb = dev.fdb?.find((f) => f.mac === neigh.lladdr);
  if (!fdb?.dst) return w.drop(ns, 'vxlan-encap', `${dev.name} has no FDB entry for ${neigh.lladdr}: no remote VTEP known`, pkt, dev.name);
  const vx = dev.vxlan!;
  if (w.net.localAddresses(ns).includes(fdb.dst)) {
    // Every node announced the same public IP: the "remote" VTEP is this very node.
    return w.drop(
      ns,
      'vxlan-encap',
      `${dev.name}'s FDB sends ${neigh.lladdr} to ${fdb.dst} — this node's own address, so the peer VTEP is unreachable. Which public IP did flannel announce for each node? (kubectl get nodes -o yaml | grep public-ip)`,
      pkt,
      dev.name,
      `${neigh.lladdr} dev ${dev.name} dst ${fdb.dst} self permanent`,
    );
  }
  const inner = clone(pkt);
  inner.eth = { src: dev.mac, dst: neigh.lladdr!, type: 'IPv4' };
  // Linux picks the outer UDP source port from a hash of the inner flow (32768–60999).
  const sport = 32768 + (fnv1a32(`${inner.ip.src}>${inner.ip.dst}/${inner.ip.proto}`) % (60999 - 32768 + 1));
  const outer: Packet = {
    ip: { src: vx.local, dst: fdb.dst, ttl: 64, proto: 'udp', id: inner.ip.id, length: inner.ip.length + ETH_HEADER + VXLAN_OVERHEAD },
    l4: { proto: 'udp', sport, dport: vx.dstport },
    vxlan: { vni: vx.vni },
    inner,
  };
  w.step(
    ns,
    'vxlan-encap',
    `${dev.name} encapsulates: inner frame to ${neigh.lladdr} → UDP ${vx.local}:${sport} → ${fdb.dst}:${vx.dstport}, VNI ${vx.vni}`,
    pkt,
    outer,
    COST.encap,
    dev.name,
    `${neigh.lladdr} dev ${dev.name} dst ${fdb.dst} self permanent`,
  );
  w.cap(ns, dev, 'Out', { pkt: inner });
  return { at: 'output', ns, pkt: outer };
}

/**
 * IP-in-IP (Calico's tunl0): the inner IP packet gets an outer IPv4 header, protocol 4, to
 * the next hop (the peer node, `via NODE_IP dev tunl0 onlink`); the outer packet is then
 * routed like any packet this node sends, and its source is the outgoing NIC's address.
 */
export function ipipEncap(w: Walk, ns: NetNs, dev: Link, pkt: Packet, nexthop: string): Pos {
  if (nexthop === pkt.ip.dst) return w.drop(ns, 'ipip-encap', `${dev.name} has no remote endpoint for ${pkt.ip.dst}: an IPIP route needs a gateway (via NODE_IP dev ${dev.name} onlink)`, pkt, dev.name);
  const inner = clone(pkt);
  delete inner.eth;
  const outer: Packet = { ip: { src: '', dst: nexthop, ttl: 64, proto: pkt.ip.proto, id: inner.ip.id, length: inner.ip.length + 20 }, l4: structuredClone(pkt.l4), ipip: true, inner };
  w.cap(ns, dev, 'Out', { pkt: inner });
  w.step(ns, 'ipip-encap', `${dev.name} encapsulates: ${pkt.ip.src} → ${pkt.ip.dst} inside a new IPv4 header (protocol 4, IP-in-IP) to ${nexthop}`, pkt, outer, COST.encap, dev.name);
  return { at: 'output', ns, pkt: outer };
}

/** A tunnel packet delivered locally: the ipip device or the VXLAN socket strips the outer headers. Undefined for any other packet. */
export function decap(w: Walk, ns: NetNs, dev: Link, pkt: Packet): Pos | undefined {
  if (pkt.ipip && pkt.inner) {
    const tunl = ns.links.find((l) => l.kind === 'ipip' && l.up);
    if (!tunl) return w.drop(ns, 'ipip-decap', `IP protocol 4 (IP-in-IP) arrived, but ${w.label(ns)} has no ipip device up (tunl0): the kernel drops it`, pkt, dev.name);
    const inner = clone(pkt.inner);
    w.step(ns, 'ipip-decap', `${tunl.name} strips the outer IPv4 header (${pkt.ip.src} → ${pkt.ip.dst}, protocol 4); the inner packet ${inner.ip.src} → ${inner.ip.dst} arrives on ${tunl.name}`, pkt, inner, COST.encap, tunl.name);
    w.cap(ns, tunl, 'In', { pkt: inner });
    return { at: 'ip-in', ns, dev: tunl, pkt: inner };
  }
  if (pkt.vxlan && pkt.inner && pkt.l4.proto === 'udp') {
    const vx = ns.links.find((l) => l.kind === 'vxlan' && l.vxlan!.dstport === (pkt.l4 as { dport: number }).dport && l.vxlan!.vni === pkt.vxlan!.vni);
    if (!vx) return w.drop(ns, 'vxlan-decap', `UDP port ${pkt.l4.dport}: no VXLAN device with VNI ${pkt.vxlan.vni} listens on ${w.label(ns)}`, pkt, dev.name);
    const inner = clone(pkt.inner);
    w.step(ns, 'vxlan-decap', `UDP ${pkt.l4.dport} → ${vx.name} (VNI ${pkt.vxlan.vni}) strips the outer headers; the inner frame appears on ${vx.name}`, pkt, inner, COST.encap, vx.name);
    return { at: 'l2-in', ns, dev: vx, pkt: inner };
  }
  return undefined;
}
