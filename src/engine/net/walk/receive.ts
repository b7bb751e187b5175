// IP receive (ip_rcv): PREROUTING, then local delivery through INPUT or forwarding through FORWARD and POSTROUTING.
import { formatRoute } from '../iproute2';
import type { Packet } from '../packet';
import { lookupRoute } from '../routing';
import type { Link, NetNs } from '../types';
import { INTERNET } from '../uplink';
import { dropped, hook, ipvs } from './hooks';
import { icmpErrorReply } from './icmp';
import { blackhole } from './output';
import type { Walk } from './state';
import { clone, COST, isPrivate, type Pos } from './types';

/** IP receive: PREROUTING, then local delivery or forwarding. */
export function ipIn(w: Walk, ns: NetNs, dev: Link, frame: Packet): Pos {
  const pkt = hook(w, ns, 'PREROUTING', frame, dev.name);
  const ingress = w.bridgeIngress;
  w.bridgeIngress = undefined;
  if (!pkt) return dropped(w);
  if (ingress?.ns === ns.id && pkt.ip.dst !== frame.ip.dst && ns.sysctl['net.bridge.bridge-nf-call-iptables'] === '1') w.hairpinFrom = ingress;
  const d = lookupRoute(ns, pkt.ip.dst);
  if (d.kind === 'local') {
    w.step(ns, 'route', `${pkt.ip.dst} is local to ${w.label(ns)}: deliver (INPUT)`, pkt, pkt, COST.route, dev.name, `local ${pkt.ip.dst} dev ${d.dev} table local proto kernel scope host src ${pkt.ip.dst}`);
    const input = hook(w, ns, 'INPUT', pkt, dev.name);
    if (!input) return dropped(w);
    return ipvs(w, ns, dev, input, 'LOCAL_IN') ?? { at: 'local', ns, dev, pkt: input };
  }
  if (ns.sysctl['net.ipv4.ip_forward'] !== '1') {
    return w.drop(ns, 'route', `${pkt.ip.dst} is not local and net.ipv4.ip_forward=0 on ${w.label(ns)}: the kernel does not route`, pkt, dev.name, 'net.ipv4.ip_forward = 0');
  }
  if (d.kind === 'unreachable') {
    if (ns.host === INTERNET && isPrivate(pkt.ip.dst)) {
      return w.drop(ns, 'route', `the internet does not route private addresses: ${pkt.ip.dst} left the node network through a default route. Is there a route for its pod subnet on the nodes, or on the router (a cloud route)?`, pkt, dev.name);
    }
    return w.drop(ns, 'route', `no route to ${pkt.ip.dst} on ${w.label(ns)}`, pkt, dev.name);
  }
  if (d.kind === 'blackhole') return blackhole(w, ns, pkt, d.route);
  if (pkt.ip.ttl <= 1) {
    const at = w.drop(ns, 'route', `TTL exceeded in transit at ${w.label(ns)}`, pkt, dev.name);
    if (!w.opts.icmpErrors || w.leg === 'reply') return at;
    return icmpErrorReply(w, ns, dev, pkt, 'time-exceeded');
  }
  const out = w.net.link(ns, d.route.dev)!;
  const after = clone(pkt);
  after.ip.ttl -= 1;
  delete after.eth;
  const via = d.route.via ? `via ${d.route.via} ` : '';
  w.step(ns, 'route', `forward ${pkt.ip.dst}: ${via}dev ${out.name}, TTL ${pkt.ip.ttl} → ${after.ip.ttl}`, pkt, after, COST.route, out.name, formatRoute(d.route));
  const fwd = hook(w, ns, 'FORWARD', after, dev.name, out.name);
  if (!fwd) return dropped(w);
  const post = hook(w, ns, 'POSTROUTING', fwd, undefined, out.name);
  if (!post) return dropped(w);
  return { at: 'xmit', ns, dev: out, pkt: post, nexthop: d.nexthop, fwd: true };
}
