/**
 * Evaluating a parsed iptables rule against a packet: every match of the rule in order, as
 * the kernel's xtables do. Kept apart from parsing and the chain walk (iptables.ts).
 */
import { IPv4CidrRange } from 'ip-num';
import { cidrContains } from './ip';
import { ipsetMatches, type IpsetState } from './ipset';
import type { CtState, Match, Rule } from './iptables';

/** What a hook sees of a packet, plus the netns facts some matches need. */
export interface PacketView {
  src: string;
  dst: string;
  proto: string;
  sport?: number;
  dport?: number;
  inIface?: string;
  outIface?: string;
  length: number;
  ctstate: CtState;
  mark: number;
  isLocal: (ip: string) => boolean;
  random: () => number;
  /** The namespace's ipsets, for `-m set --match-set`. */
  ipsets?: IpsetState;
  /** xt_recent's lists of this namespace (name → source address → last seen, ms), and the time now. */
  recent?: () => Record<string, Record<string, number>>;
  now?: number;
}

/** xt_recent: --set records the source; --rcheck/--update look it up (within --seconds); --reap forgets older ones. */
function recentMatches(m: Extract<Match, { kind: 'recent' }>, p: PacketView): boolean {
  const lists = p.recent?.() ?? {};
  const now = p.now ?? 0;
  const list = (lists[m.name] ??= {});
  if (m.op === 'set') {
    list[p.src] = now;
    return !m.negate;
  }
  if (m.reap && m.seconds) for (const [ip, t] of Object.entries(list)) if (now - t > m.seconds * 1000) delete list[ip];
  const seen = list[p.src];
  const hit = seen !== undefined && (!m.seconds || now - seen <= m.seconds * 1000);
  if (hit && m.op === 'update') list[p.src] = now;
  if (hit && m.op === 'remove') delete list[p.src];
  return hit !== m.negate;
}

function ifaceMatches(pattern: string, iface: string | undefined): boolean {
  if (iface === undefined) return false;
  return pattern.endsWith('+') ? iface.startsWith(pattern.slice(0, -1)) : pattern === iface;
}

function addrType(ip: string, p: PacketView): string {
  if (p.isLocal(ip)) return 'LOCAL';
  if (ip.endsWith('.255') || ip === '255.255.255.255') return 'BROADCAST';
  return 'UNICAST';
}

/**
 * A -s/-d match's first and last address, worked out once per match: a first packet checks
 * every rule of KUBE-SERVICES in turn (10,000 of them at 10,000 Services), so each check must
 * be two integer comparisons, not a parse.
 */
const bounds = new WeakMap<Match, readonly [number, number]>();
const DOTTED = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
/** The last address asked about: one packet's address is compared with every rule in a row. */
let lastIp = '';
let lastNum: number | undefined;

function ipNum(ip: string): number | undefined {
  if (ip === lastIp) return lastNum;
  const m = DOTTED.exec(ip);
  const a = m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
  lastIp = ip;
  lastNum = !a || a.some((x) => x > 255) ? undefined : ((a[0] * 256 + a[1]) * 256 + a[2]) * 256 + a[3];
  return lastNum;
}

function addrMatches(m: Extract<Match, { kind: 'src' | 'dst' }>, ip: string): boolean {
  const n = ipNum(ip);
  // Anything but a plain dotted quad gets cidrContains' (ip-num's) own answer.
  if (n === undefined) return cidrContains(m.cidr, ip);
  let b = bounds.get(m);
  if (!b) {
    const r = IPv4CidrRange.fromCidr(m.cidr);
    bounds.set(m, (b = [Number(r.getFirst().getValue()), Number(r.getLast().getValue())]));
  }
  return n >= b[0] && n <= b[1];
}

export function ruleMatches(rule: Rule, p: PacketView): boolean {
  for (const m of rule.matches) {
    let ok: boolean;
    switch (m.kind) {
      case 'src':
      case 'dst':
        ok = addrMatches(m, m.kind === 'src' ? p.src : p.dst) !== m.negate;
        break;
      case 'in':
      case 'out':
        ok = ifaceMatches(m.iface, m.kind === 'in' ? p.inIface : p.outIface) !== m.negate;
        break;
      case 'proto':
        ok = (m.proto === 'all' || m.proto === p.proto) !== m.negate;
        break;
      case 'sport':
      case 'dport': {
        const port = m.kind === 'sport' ? p.sport : p.dport;
        ok = (port !== undefined && (m.ports.includes(port) || (m.ranges ?? []).some(([a, b]) => port >= a && port <= b))) !== m.negate;
        break;
      }
      case 'set':
        ok = ipsetMatches(p.ipsets?.[m.name], m.flags, p) !== m.negate;
        break;
      case 'comment':
        ok = true;
        break;
      case 'ctstate':
        ok = m.states.includes(p.ctstate) !== m.negate;
        break;
      case 'addrtype':
        ok = (addrType(m.which === 'src' ? p.src : p.dst, p) === m.type) !== m.negate;
        break;
      case 'mark':
        ok = ((p.mark & m.mask) === m.value) !== m.negate;
        break;
      case 'statistic':
        ok = p.random() < m.probability;
        break;
      case 'recent':
        ok = recentMatches(m, p);
        break;
    }
    if (!ok) return false;
  }
  return true;
}
