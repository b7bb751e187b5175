/** iproute2's output formats: `ip route`, `ip addr`, `ip link`, `ip neigh`. */
import { ipNumber, prefixLen } from './ip';
import type { Link, NetNs, Route } from './types';

export function formatRoute(r: Route): string {
  // A blackhole has no device: `blackhole 10.244.120.64/26 proto bird`.
  if (r.type === 'blackhole') return [`blackhole ${r.dst}`, ...(r.proto && r.proto !== 'boot' ? ['proto', r.proto] : [])].join(' ');
  // iproute2 prints a host route without /32.
  const parts = [r.dst.endsWith('/32') ? r.dst.slice(0, -3) : r.dst];
  if (r.via) parts.push('via', r.via);
  parts.push('dev', r.dev);
  if (r.proto && r.proto !== 'boot') parts.push('proto', r.proto);
  if (r.scope && r.scope !== 'global') parts.push('scope', r.scope);
  if (r.src) parts.push('src', r.src);
  if (r.metric) parts.push('metric', String(r.metric));
  if (r.onlink) parts.push('onlink');
  return parts.join(' ');
}

/** Routes in the order the kernel's FIB lists them: default first, then by address and prefix. */
export function sortedRoutes(ns: NetNs): Route[] {
  return [...ns.routes].sort((a, b) => {
    if (a.dst === 'default') return -1;
    if (b.dst === 'default') return 1;
    const na = ipNumber(a.dst.split('/')[0]);
    const nb = ipNumber(b.dst.split('/')[0]);
    if (na !== nb) return na < nb ? -1 : 1;
    return prefixLen(a.dst) - prefixLen(b.dst);
  });
}

export function ipRoute(ns: NetNs): string {
  return sortedRoutes(ns).map(formatRoute).join('\n');
}

function flags(l: Link): string {
  const f: string[] = [];
  if (l.kind === 'loopback') f.push('LOOPBACK');
  else if (l.kind === 'ipip') f.push('NOARP');
  // The dummy driver sets IFF_NOARP and clears IFF_MULTICAST (kube-ipvs0: <BROADCAST,NOARP>).
  else if (l.kind === 'dummy') f.push('BROADCAST', 'NOARP');
  else f.push('BROADCAST', 'MULTICAST');
  if (l.up) f.push('UP', 'LOWER_UP');
  return `<${f.join(',')}>`;
}

/** A veth shows its peer's ifindex: `eth0@if7`. */
function linkName(l: Link, ifindexOf: (nsId: string, name: string) => number): string {
  if (l.kind === 'ipip') return `${l.name}@NONE`;
  return l.peer ? `${l.name}@if${ifindexOf(l.peer.ns, l.peer.ifname)}` : l.name;
}

function state(l: Link): string {
  if (l.kind === 'dummy' && !l.up) return 'DOWN';
  if (l.kind === 'loopback' || l.kind === 'vxlan' || l.kind === 'dummy' || l.kind === 'ipip') return 'UNKNOWN';
  return l.up ? 'UP' : 'DOWN';
}

function linkLine(ns: NetNs, l: Link, ifindexOf: (nsId: string, name: string) => number): string[] {
  const qdisc = l.kind === 'ether' ? 'fq_codel' : l.kind === 'dummy' && !l.up ? 'noop' : 'noqueue';
  const master = l.master ? ` master ${l.master}` : '';
  const qlen = l.kind === 'ether' || l.kind === 'loopback' || l.kind === 'bridge' || l.kind === 'veth' || l.kind === 'ipip' ? ' qlen 1000' : ' ';
  const name = linkName(l, ifindexOf);
  const head = `${l.ifindex}: ${name}: ${flags(l)} mtu ${l.mtu} qdisc ${qdisc}${master} state ${state(l)} group default${qlen}`;
  // tunl0 (ipip) has no MAC: `link/ipip 0.0.0.0 brd 0.0.0.0`.
  if (l.kind === 'ipip') return [head, '    link/ipip 0.0.0.0 brd 0.0.0.0'];
  const lt = l.kind === 'loopback' ? 'loopback' : 'ether';
  const brd = l.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  const netns = l.peer && l.peer.ns !== ns.id ? ` link-netns ${l.peer.ns}` : '';
  return [head, `    link/${lt} ${l.mac} brd ${brd}${netns}`];
}

export function ipLink(ns: NetNs, ifindexOf: (nsId: string, name: string) => number): string {
  return ns.links.flatMap((l) => linkLine(ns, l, ifindexOf)).join('\n');
}

export function ipAddr(ns: NetNs, ifindexOf: (nsId: string, name: string) => number): string {
  const lines: string[] = [];
  for (const l of ns.links) {
    lines.push(...linkLine(ns, l, ifindexOf));
    for (const a of l.addrs) {
      const brd = a.broadcast ? ` brd ${a.broadcast}` : '';
      lines.push(`    inet ${a.address}/${a.prefix}${brd} scope ${a.scope} ${l.name}`);
      lines.push('       valid_lft forever preferred_lft forever');
    }
  }
  return lines.join('\n');
}

/**
 * `ip -br link` / `ip -br addr`: one line per link — name (16 wide), operstate (14 wide), then
 * the MAC and flags, or the addresses; iproute2 leaves a trailing space after each field.
 */
export function ipBrief(ns: NetNs, ifindexOf: (nsId: string, name: string) => number, what: 'link' | 'address'): string {
  return ns.links
    .map((l) => {
      const head = `${linkName(l, ifindexOf).padEnd(16)} ${state(l).padEnd(14)} `;
      if (what === 'address') return head + l.addrs.map((a) => `${a.address}/${a.prefix} `).join('');
      return `${head}${l.kind === 'ipip' ? '0.0.0.0' : l.mac} ${flags(l)} `;
    })
    .join('\n');
}

export function ipNeigh(ns: NetNs): string {
  return ns.neigh.map((n) => `${n.ip} dev ${n.dev}${n.lladdr ? ` lladdr ${n.lladdr}` : ''} ${n.state}`).join('\n');
}
