/** The routing decision: local addresses first, then the longest prefix match of the main table. */
import { cidrContains, prefixLen } from './ip';
import type { NetNs, Route } from './types';

export type RouteDecision =
  | { kind: 'local'; dev: string }
  | { kind: 'unicast'; route: Route; nexthop: string; src?: string }
  | { kind: 'unreachable' }
  | { kind: 'blackhole'; route: Route };

export function lookupRoute(ns: NetNs, dst: string): RouteDecision {
  for (const l of ns.links) {
    if (l.addrs.some((a) => a.address === dst)) return { kind: 'local', dev: l.name };
  }
  if (dst.startsWith('127.')) return { kind: 'local', dev: 'lo' };
  let best: Route | undefined;
  let bestLen = -1;
  for (const r of ns.routes) {
    const link = ns.links.find((l) => l.name === r.dev);
    if (r.type !== 'blackhole' && (!link || !link.up)) continue;
    if (!cidrContains(r.dst, dst)) continue;
    const len = r.dst === 'default' ? 0 : prefixLen(r.dst);
    if (len > bestLen || (len === bestLen && best && (r.metric ?? 0) < (best.metric ?? 0))) {
      best = r;
      bestLen = len;
    }
  }
  if (!best) return { kind: 'unreachable' };
  if (best.type === 'blackhole') return { kind: 'blackhole', route: best };
  const dev = ns.links.find((l) => l.name === best!.dev)!;
  const src = best.src ?? dev.addrs.find((a) => a.scope === 'global')?.address ?? ns.links.flatMap((l) => l.addrs).find((a) => a.scope === 'global')?.address;
  return { kind: 'unicast', route: best, nexthop: best.via ?? dst, src };
}
