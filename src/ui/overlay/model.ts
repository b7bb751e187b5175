/**
 * The pod network between nodes, read from each node's own tables. For every pair of nodes:
 * the route to the peer's pod subnet, and, when that route goes through a VXLAN device, the
 * neighbour entry giving the peer VTEP's MAC and the FDB entry sending that MAC to the peer's
 * underlay address (flannel vxlan); or a plain route via the peer's node IP (flannel host-gw);
 * or, with Calico, a route to each of the peer's IPAM blocks via its node IP through tunl0 (IPIP).
 * Pure functions over snapshots and nodeNetwork() views.
 */
import type { TraceStep } from '../../engine/net/trace';
import type { NodeNetworkView, Snapshot } from '../../engine/sim/snapshot';
import { translate, type Lang, type MessageKey } from '../i18n';

export interface Vtep {
  node: string;
  dev: string;
  mac: string;
  addr: string;
  local: string;
  /** The underlay device the VTEP sends through. */
  over: string;
  vni: number;
  dstport: number;
  mtu: number;
}

/** How one node reaches another node's pods. */
export interface PeerPath {
  from: string;
  to: string;
  subnet: string;
  kind: 'vxlan' | 'ipip' | 'direct' | 'none';
  route?: string;
  neigh?: string;
  fdb?: string;
  /** What is wrong, in words (stale MAC, wrong destination, ...), in the UI's language. */
  problem?: string;
}

/** A line between two nodes in the picture: a VXLAN or IPIP tunnel, or direct (host-gw) routes. */
export interface PeerLink {
  a: string;
  b: string;
  kind: 'vxlan' | 'ipip' | 'direct';
  paths: PeerPath[];
  problem?: string;
}

export function vtepOf(view: NodeNetworkView | undefined): Vtep | undefined {
  const root = view?.namespaces[0];
  const l = root?.links.find((x) => x.kind === 'vxlan' && x.vxlan);
  if (!view || !l?.vxlan) return undefined;
  return { node: view.node, dev: l.name, mac: l.mac, addr: l.addrs[0] ?? '', local: l.vxlan.local, over: l.vxlan.dev, vni: l.vxlan.vni, dstport: l.vxlan.dstport, mtu: l.mtu };
}

/** Calico's IP-in-IP device (tunl0), if the node has one. */
export function ipipOf(view: NodeNetworkView | undefined): { dev: string; addr: string; mtu: number } | undefined {
  const l = view?.namespaces[0]?.links.find((x) => x.kind === 'ipip');
  return l ? { dev: l.name, addr: l.addrs[0] ?? '', mtu: l.mtu } : undefined;
}

/**
 * Calico's IPAM blocks a node holds: BIRD installs a blackhole route for each of its own blocks
 * (`blackhole 10.244.224.192/26 proto bird`) and exports them to the peers. Empty for flannel.
 */
export function podBlocks(view: NodeNetworkView | undefined): string[] {
  return (view?.namespaces[0]?.routes ?? []).filter((r) => r.startsWith('blackhole ') && / proto bird\b/.test(r)).map((r) => r.split(' ')[1]);
}

function vxlanPath(base: PeerPath, view: NodeNetworkView, dev: string, snap: Snapshot, vteps: Vtep[], lang: Lang): PeerPath {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const root = view.namespaces[0];
  const via = /\bvia (\S+)/.exec(base.route ?? '')?.[1];
  const neigh = via ? root.neigh.find((n) => n.startsWith(`${via} dev ${dev} `)) : undefined;
  const mac = neigh ? /lladdr (\S+)/.exec(neigh)?.[1] : undefined;
  const fdb = mac ? view.fdb.find((f) => f.startsWith(`${mac} dev ${dev} `)) : undefined;
  const dst = fdb ? /\bdst (\S+)/.exec(fdb)?.[1] : undefined;
  const peer = vteps.find((v) => v.node === base.to);
  const peerIp = snap.nodes.find((n) => n.name === base.to)?.internalIP;
  let problem: string | undefined;
  if (!neigh) problem = t('ov.noNeigh', { via: via ?? t('ov.nextHop'), dev });
  else if (peer && mac !== peer.mac) problem = t('ov.staleMac', { mac: mac ?? '', node: base.to, peerMac: peer.mac });
  else if (!fdb) problem = t('ov.noFdb', { mac: mac ?? '', dev });
  else if (dst && peerIp && dst !== peerIp) {
    const own = root.links.some((l) => l.addrs.some((a) => a.startsWith(`${dst}/`)));
    problem = own ? t('ov.encapSelf', { dst, from: base.from, to: base.to, ip: peerIp }) : t('ov.encapWrong', { dst, to: base.to, ip: peerIp });
  }
  return { ...base, kind: 'vxlan', neigh, fdb, problem };
}

/** For each ordered pair of nodes with a pod subnet: how `from` reaches `to`'s pods. */
export function peerPaths(views: NodeNetworkView[], snap: Snapshot, lang: Lang = 'en'): PeerPath[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const vteps = views.map(vtepOf).filter((v): v is Vtep => !!v);
  const out: PeerPath[] = [];
  for (const view of views) {
    const root = view.namespaces[0];
    const vxlanDevs = root.links.filter((l) => l.kind === 'vxlan').map((l) => l.name);
    const ipipDevs = root.links.filter((l) => l.kind === 'ipip').map((l) => l.name);
    for (const peer of snap.nodes) {
      if (peer.name === view.node || peer.hollow) continue;
      // Calico ignores the node's podCIDR: its pods live in the IPAM blocks the peer announces.
      const blocks = podBlocks(views.find((v) => v.node === peer.name));
      const subnets = blocks.length > 0 ? blocks : peer.podCIDR ? [peer.podCIDR] : [];
      for (const subnet of subnets) {
        const route = root.routes.find((r) => r.startsWith(`${subnet} `));
        const base: PeerPath = { from: view.node, to: peer.name, subnet, kind: 'none', route };
        const dev = route ? /\bdev (\S+)/.exec(route)?.[1] : undefined;
        const via = route ? /\bvia (\S+)/.exec(route)?.[1] : undefined;
        const wrongHop = via === peer.internalIP ? undefined : t('ov.wrongNextHop', { via: via ?? t('ov.none'), peer: peer.name, ip: peer.internalIP });
        if (!route) out.push({ ...base, problem: t('ov.noRoute', { cidr: subnet }) });
        else if (dev && vxlanDevs.includes(dev)) out.push(vxlanPath(base, view, dev, snap, vteps, lang));
        else out.push({ ...base, kind: dev && ipipDevs.includes(dev) ? 'ipip' : 'direct', problem: wrongHop });
      }
    }
  }
  return out;
}

/** One line per pair of nodes that route to each other's pods (a tunnel, or host-gw routes). */
export function peerLinks(paths: PeerPath[], lang: Lang = 'en'): PeerLink[] {
  const byPair = new Map<string, PeerLink>();
  for (const p of paths) {
    if (p.kind === 'none') continue;
    const [a, b] = [p.from, p.to].sort();
    const key = `${a}|${b}`;
    const l = byPair.get(key) ?? { a, b, kind: p.kind, paths: [] };
    if (p.kind === 'vxlan' || p.kind === 'ipip') l.kind = p.kind;
    l.paths.push(p);
    byPair.set(key, l);
  }
  for (const l of byPair.values()) {
    const bad = l.paths.find((p) => p.problem);
    if (bad) l.problem = `${bad.from}: ${bad.problem}`;
    else if (new Set(l.paths.map((p) => p.from)).size < 2) l.problem = translate(lang, 'ov.oneWay', { a: l.paths[0].from, b: l.paths[0].to });
  }
  return [...byPair.values()];
}

/** The nodes an encapsulated packet travels between (outer source, outer destination). */
export function tunnelHops(step: TraceStep | undefined, snap: Snapshot | undefined): [string, string] | undefined {
  if (!step || !snap) return undefined;
  const p = step.after.vxlan || step.after.ipip ? step.after : step.before.vxlan || step.before.ipip ? step.before : undefined;
  if (!p) return undefined;
  const find = (ip: string) => snap.nodes.find((n) => n.internalIP === ip)?.name;
  // IPIP's outer source is filled in by the route lookup after the encap step: until then, the step's own host.
  const a = p.ip.src ? find(p.ip.src) : step.host;
  const b = find(p.ip.dst);
  return a && b ? [a, b] : undefined;
}

/** "a|b" (sorted) for the tunnel a VXLAN or IPIP step is in, else ''. */
export function activeTunnel(step: TraceStep | undefined, snap: Snapshot | undefined): string {
  const hops = tunnelHops(step, snap);
  return hops ? [...hops].sort().join('|') : '';
}

/** Columns of the underlay segments: stacked in rows so no two bars overlap (a shared end may shift by one). */
export function segmentRows(snap: Snapshot, hosts: string[]) {
  const rows: number[] = [];
  return (snap.segments ?? []).map((seg) => {
    const cols = seg.members.map((m) => hosts.indexOf(m.host)).filter((c) => c >= 0);
    const lo = Math.min(...cols);
    const hi = Math.max(...cols);
    let row = rows.findIndex((end) => lo > end || (lo === end && hi > lo));
    if (row < 0) row = rows.push(-1) - 1;
    const start = lo === rows[row] ? lo + 1 : lo;
    rows[row] = hi;
    const ports = seg.members.map((m) => ({ ...m, col: Math.min(hi, Math.max(start, hosts.indexOf(m.host))) }));
    return { seg, row, start, end: hi, ports };
  });
}
