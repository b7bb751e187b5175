// The output path of a locally generated packet: routing decision, OUTPUT, re-route after DNAT, POSTROUTING.
import { formatRoute } from '../iproute2';
import type { Packet } from '../packet';
import { lookupRoute } from '../routing';
import type { NetNs, Route } from '../types';
import { INTERNET } from '../uplink';
import { dropped, hook, ipvs } from './hooks';
import type { Walk } from './state';
import { clone, COST, isPrivate, type Pos } from './types';

/** A locally generated packet: routing decision, OUTPUT, POSTROUTING. */
export function output(w: Walk, ns: NetNs, pkt: Packet): Pos {
  const d = lookupRoute(ns, pkt.ip.dst);
  if (d.kind === 'unreachable') {
    if (ns.host === INTERNET && isPrivate(pkt.ip.dst)) {
      return w.drop(ns, 'route', `the internet has no route back to ${pkt.ip.dst}: private addresses are not routed on the internet (was the source masqueraded on the way out?)`, pkt);
    }
    return w.drop(ns, 'route', `no route to ${pkt.ip.dst} in ${w.label(ns)} (connect: Network is unreachable)`, pkt);
  }
  if (d.kind === 'local') return outputLocal(w, ns, pkt, d.dev);
  if (d.kind === 'blackhole') return blackhole(w, ns, pkt, d.route);
  let dev = w.net.link(ns, d.route.dev)!;
  const after = clone(pkt);
  if (!after.ip.src && d.src) after.ip.src = d.src;
  const via = d.route.via ? `via ${d.route.via} ` : '';
  w.step(ns, 'route', `route lookup for ${pkt.ip.dst}: ${via}dev ${dev.name}`, pkt, after, COST.route, dev.name, formatRoute(d.route));
  const out = hook(w, ns, 'OUTPUT', after, undefined, dev.name);
  if (!out) return dropped(w);
  let nexthop = d.nexthop;
  if (out.ip.dst !== after.ip.dst) {
    // nat OUTPUT changed the destination: the kernel routes the packet again.
    const again = lookupRoute(ns, out.ip.dst);
    if (again.kind === 'unreachable') return w.drop(ns, 'route', `no route to ${out.ip.dst} (after DNAT) in ${w.label(ns)}`, out);
    if (again.kind === 'local') return { at: 'local', ns, dev: w.net.link(ns, 'lo')!, pkt: out };
    if (again.kind === 'blackhole') return blackhole(w, ns, out, again.route);
    dev = w.net.link(ns, again.route.dev)!;
    nexthop = again.nexthop;
    w.step(ns, 'route', `re-route after DNAT to ${out.ip.dst}: dev ${dev.name}`, out, out, COST.route, dev.name, formatRoute(again.route));
  }
  const post = hook(w, ns, 'POSTROUTING', out, undefined, dev.name);
  if (!post) return dropped(w);
  return { at: 'xmit', ns, dev, pkt: post, nexthop };
}

/**
 * To a local address: still through OUTPUT (where kube-proxy's KUBE-NODEPORTS may DNAT a
 * NodePort on this node to a pod), then over lo — unless DNAT sent it elsewhere.
 */
function outputLocal(w: Walk, ns: NetNs, pkt: Packet, localDev: string): Pos {
  const lo = w.net.link(ns, 'lo')!;
  const local = clone(pkt);
  // To a local address the kernel also picks that address as the source.
  if (!local.ip.src) local.ip.src = pkt.ip.dst;
  w.step(ns, 'route', `${pkt.ip.dst} is a local address: delivered over lo`, pkt, local, COST.route, 'lo', `local ${pkt.ip.dst} dev ${localDev} table local proto kernel scope host src ${pkt.ip.dst}`);
  if (!lo.up) return w.drop(ns, 'route', `lo is down in ${w.label(ns)}: local traffic cannot be delivered`, local, 'lo');
  const out = hook(w, ns, 'OUTPUT', local, undefined, 'lo');
  if (!out) return dropped(w);
  const viaIpvs = ipvs(w, ns, lo, out, 'LOCAL_OUT');
  if (viaIpvs) return viaIpvs;
  if (out.ip.dst !== local.ip.dst) {
    const again = lookupRoute(ns, out.ip.dst);
    if (again.kind === 'unreachable') return w.drop(ns, 'route', `no route to ${out.ip.dst} (after DNAT) in ${w.label(ns)}`, out);
    if (again.kind === 'unicast') {
      const dev = w.net.link(ns, again.route.dev)!;
      // The source chosen before DNAT stays (kube-proxy's masquerade mark rewrites it later).
      const routed = out;
      w.step(ns, 'route', `re-route after DNAT to ${out.ip.dst}: ${again.route.via ? `via ${again.route.via} ` : ''}dev ${dev.name}`, out, routed, COST.route, dev.name, formatRoute(again.route));
      const post = hook(w, ns, 'POSTROUTING', routed, undefined, dev.name);
      if (!post) return dropped(w);
      return { at: 'xmit', ns, dev, pkt: post, nexthop: again.nexthop };
    }
  }
  const post = hook(w, ns, 'POSTROUTING', out, undefined, 'lo');
  if (!post) return dropped(w);
  const input = hook(w, ns, 'INPUT', post, 'lo');
  if (!input) return dropped(w);
  return { at: 'local', ns, dev: lo, pkt: input };
}

/** A blackhole route: the kernel discards the packet (BIRD's route for a node's own Calico block). */
export function blackhole(w: Walk, ns: NetNs, pkt: Packet, route: Route): Pos {
  return w.drop(ns, 'route', `${pkt.ip.dst} matches the blackhole route ${route.dst} on ${w.label(ns)}: discarded (Calico keeps it for this node's own IPAM block, so an address of the block that no pod holds goes nowhere)`, pkt, undefined, formatRoute(route));
}
