// The host-side netfilter hooks (iptables/nftables via Netfilter) and IPVS's LOCAL_IN/LOCAL_OUT scheduling.
import { formatRoute } from '../iproute2';
import { findVirtualService, schedule } from '../ipvs';
import type { Hook } from '../netfilter';
import type { Packet } from '../packet';
import { lookupRoute } from '../routing';
import type { Link, NetNs } from '../types';
import { icmpErrorReply } from './icmp';
import type { Walk } from './state';
import { clone, COST, type Pos } from './types';

const IPVS_DEV = 'kube-ipvs0';

/**
 * Runs one netfilter hook and records what it did. Returns the packet as it leaves the hook,
 * or undefined when it was dropped (the reason is in `w.dropReason`).
 */
export function hook(w: Walk, ns: NetNs, hookName: Hook, pkt: Packet, inIface?: string, outIface?: string): Packet | undefined {
  const r = w.nf.run(ns, hookName, pkt, inIface, outIface);
  for (const ev of r.events) {
    w.step(ns, ev.stage, ev.summary, ev.before, ev.after, COST.hook, outIface ?? inIface, ev.decidedBy);
    if (ev.dropped) {
      w.dropReason = `${ev.dropped} in ${w.label(ns)} (${hookName})`;
      // REJECT answers the sender (ICMP port unreachable: "Connection refused").
      if (ev.dropped.startsWith('REJECT') && w.leg === 'request') w.rejected = { ns, pkt: ev.before, dev: w.net.link(ns, inIface ?? outIface ?? 'lo') ?? w.net.link(ns, 'lo')! };
      return undefined;
    }
  }
  return r.pkt;
}

export function dropped(w: Walk): Pos {
  const rej = w.rejected;
  if (rej) {
    w.rejected = undefined;
    return icmpErrorReply(w, rej.ns, rej.dev, rej.pkt, 'port-unreachable');
  }
  return { at: 'done', outcome: 'dropped', reason: w.dropReason };
}

/**
 * IPVS (kube-proxy's ipvs mode): a new connection to a virtual service, which is a local
 * address on kube-ipvs0, gets a real server as its destination and is routed out again.
 */
export function ipvs(w: Walk, ns: NetNs, dev: Link, pkt: Packet, where: 'LOCAL_IN' | 'LOCAL_OUT'): Pos | undefined {
  if (w.leg !== 'request' || pkt.l4.proto === 'icmp') return undefined;
  const vs = findVirtualService(ns.ipvs, pkt.l4.proto, pkt.ip.dst, pkt.l4.dport);
  if (!vs || !w.nf.isNewConnection(ns, pkt)) return undefined;
  const name = `${vs.proto}  ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.persistent}` : ''}`;
  const pick = schedule(vs, pkt.ip.src, w.now(), pkt.ip.length);
  if (!pick) {
    // ip_vs_leave: no real server to schedule, so the kernel answers port unreachable.
    w.step(ns, 'ipvs', `IPVS ${where}: virtual service ${vs.proto} ${vs.address}:${vs.port} has no real servers (the Service has no ready endpoints)`, pkt, pkt, COST.hook, IPVS_DEV, name);
    return icmpErrorReply(w, ns, dev, pkt, 'port-unreachable');
  }
  const rs = pick.server;
  const after = clone(pkt);
  delete after.eth;
  after.ip.dst = rs.address;
  if (after.l4.proto !== 'icmp') after.l4.dport = rs.port;
  w.nf.ipvsNat(ns, pkt, after);
  const decided = `${name}\n  -> ${rs.address}:${rs.port} Masq ${rs.weight}`;
  w.step(ns, 'ipvs', `IPVS ${where}: virtual service ${vs.proto} ${vs.address}:${vs.port} → real server ${rs.address}:${rs.port} (Masq; ${pick.how}; conntrack remembers it for the reply)`, pkt, after, COST.hook, IPVS_DEV, decided);
  const d = lookupRoute(ns, after.ip.dst);
  if (d.kind === 'local') return { at: 'local', ns, dev: w.net.link(ns, 'lo')!, pkt: after };
  if (d.kind !== 'unicast') return w.drop(ns, 'route', `no route to the real server ${after.ip.dst} in ${w.label(ns)}`, after);
  const out = w.net.link(ns, d.route.dev)!;
  w.step(ns, 'route', `route to the real server ${after.ip.dst}: ${d.route.via ? `via ${d.route.via} ` : ''}dev ${out.name}`, after, after, COST.route, out.name, formatRoute(d.route));
  const post = hook(w, ns, 'POSTROUTING', after, undefined, out.name);
  if (!post) return dropped(w);
  return { at: 'xmit', ns, dev: out, pkt: post, nexthop: d.nexthop };
}
