// L3 → L2 on transmit: MTU check, neighbour (ARP) resolution across the L2 domain, building the frame.
import type { Packet } from '../packet';
import { lookupRoute } from '../routing';
import type { Link, NetNs } from '../types';
import { tooBig } from './icmp';
import { ipipEncap, vxlanEncap } from './overlay';
import type { Walk } from './state';
import { BROADCAST, clone, COST, type Pos } from './types';

/** L3 → L2: find the next hop's MAC (or, on a VXLAN device, encapsulate). */
export function xmit(w: Walk, ns: NetNs, dev: Link, pkt: Packet, nexthop: string, fwd = false): Pos {
  if (!dev.up) return w.drop(ns, 'xmit', `device ${dev.name} is down`, pkt, dev.name);
  if (pkt.ip.length > dev.mtu && pkt.ip.df) return tooBig(w, ns, dev, pkt, fwd);
  if (dev.kind === 'vxlan') return vxlanEncap(w, ns, dev, pkt, nexthop);
  if (dev.kind === 'ipip') return ipipEncap(w, ns, dev, pkt, nexthop);
  let mac = ns.neigh.find((n) => n.ip === nexthop && n.dev === dev.name && n.lladdr)?.lladdr;
  if (!mac) {
    const owner = resolve(w, ns, dev, nexthop);
    if (!owner) {
      return w.drop(ns, 'arp', `ARP for ${nexthop} on ${dev.name} got no reply (Destination Host Unreachable)`, pkt, dev.name);
    }
    mac = owner.mac;
    const sender = dev.addrs.find((a) => a.scope === 'global')?.address ?? pkt.ip.src;
    w.cap(ns, dev, 'Out', { arp: { op: 'request', srcMac: dev.mac, dstMac: BROADCAST, senderIp: sender, targetIp: nexthop } });
    // The answering interface sees the broadcast arrive and sends the reply.
    const ownerNs = l2Domain(w, ns, dev).find(([, l]) => l === owner)?.[0];
    if (ownerNs) {
      w.cap(ownerNs, owner, 'In', { arp: { op: 'request', srcMac: dev.mac, dstMac: BROADCAST, senderIp: sender, targetIp: nexthop } }, COST.arp / 4);
      w.cap(ownerNs, owner, 'Out', { arp: { op: 'reply', srcMac: mac, dstMac: dev.mac, senderIp: nexthop, targetIp: sender, lladdr: mac } }, COST.arp / 4);
    }
    w.cap(ns, dev, 'In', { arp: { op: 'reply', srcMac: mac, dstMac: dev.mac, senderIp: nexthop, targetIp: sender, lladdr: mac } }, COST.arp / 2);
    ns.neigh.push({ ip: nexthop, dev: dev.name, lladdr: mac, state: 'REACHABLE' });
    const tell = dev.addrs.find((a) => a.scope === 'global')?.address ?? pkt.ip.src;
    const proxy = owner.addrs.some((a) => a.address === nexthop) ? '' : ` (proxy ARP: ${owner.name} answers for an address it does not have)`;
    w.step(ns, 'arp', `ARP: who-has ${nexthop} tell ${tell} → ${nexthop} is-at ${mac}${proxy}`, pkt, pkt, COST.arp, dev.name, `${nexthop} dev ${dev.name} lladdr ${mac} REACHABLE`);
  }
  const after = clone(pkt);
  after.eth = { src: dev.mac, dst: mac, type: 'IPv4' };
  w.step(ns, 'xmit', `frame built for next hop ${nexthop}: ${dev.mac} → ${mac}, out ${dev.name}`, pkt, after, COST.hook, dev.name);
  return { at: 'l2-out', ns, dev, pkt: after };
}

/** ARP: who on this L2 domain owns `ip`? A link with proxy_arp answers for what its host routes elsewhere (Calico's cali*). */
function resolve(w: Walk, ns: NetNs, dev: Link, ip: string): Link | undefined {
  const domain = l2Domain(w, ns, dev);
  for (const [, l] of domain) if (l.up && l.addrs.some((a) => a.address === ip)) return l;
  for (const [n, l] of domain) {
    if (!l.up || n.sysctl[`net.ipv4.conf.${l.name}.proxy_arp`] !== '1') continue;
    const d = lookupRoute(n, ip);
    if (d.kind === 'local' || (d.kind === 'unicast' && d.route.dev !== l.name)) return l;
  }
  return undefined;
}

/** Every interface reachable at layer 2 from `dev`: veth peers, bridge ports, segment NICs. */
export function l2Domain(w: Walk, ns: NetNs, dev: Link): [NetNs, Link][] {
  const seen = new Set<string>();
  const out: [NetNs, Link][] = [];
  const queue: [NetNs, Link][] = [[ns, dev]];
  while (queue.length > 0) {
    const [n, l] = queue.shift()!;
    const key = `${n.id}/${l.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([n, l]);
    if (l.peer) {
      const pn = w.net.namespaces.get(l.peer.ns);
      const pl = pn && w.net.link(pn, l.peer.ifname);
      if (pn && pl) queue.push([pn, pl]);
    }
    if (l.master) {
      const br = w.net.link(n, l.master);
      if (br) queue.push([n, br]);
    }
    if (l.kind === 'bridge') for (const p of n.links) if (p.master === l.name) queue.push([n, p]);
    if (l.segment) for (const port of w.net.segmentPorts(l.segment)) queue.push(port);
  }
  return out.slice(1);
}
