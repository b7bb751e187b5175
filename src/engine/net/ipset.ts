/**
 * ipset as data: named sets in a network namespace, matched by iptables' `-m set
 * --match-set NAME src|dst[,...]`. Felix keeps its selector sets (cali40s:...) here; kube-proxy's
 * ipvs mode keeps KUBE-CLUSTER-IP and friends. One set per name, members in ipset's own text
 * form ("10.244.1.2", "10.244.0.0/16", "10.96.0.10,udp:53", "30080").
 */
import { cidrContains } from './ip';

export type IpsetType = 'hash:ip' | 'hash:net' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

export interface Ipset {
  name: string;
  type: IpsetType;
  /** Members as `ipset save` prints them after `add NAME`. */
  members: string[];
  hashsize: number;
  maxelem: number;
  /** bitmap:port's range, e.g. "0-65535". */
  range?: string;
  comment?: boolean;
}

/** Per network namespace, by set name. */
export type IpsetState = Record<string, Ipset>;

const REVISION: Record<IpsetType, number> = { 'hash:ip': 6, 'hash:net': 7, 'hash:ip,port': 6, 'hash:ip,port,ip': 5, 'hash:ip,port,net': 7, 'bitmap:port': 3 };

export function createIpset(state: IpsetState, name: string, type: IpsetType, opts: Partial<Ipset> = {}): Ipset {
  const set: Ipset = { name, type, members: [], hashsize: 1024, maxelem: type === 'hash:net' ? 1048576 : 65536, ...opts };
  state[name] = set;
  return set;
}

/** Replaces a set's members at once (what `ipset restore` with swap does for felix). */
export function replaceMembers(set: Ipset, members: string[]): void {
  set.members = [...members].sort();
}

/** What a packet offers to one set dimension: an address, or a protocol:port. */
export interface SetLookup {
  src: string;
  dst: string;
  proto: string;
  sport?: number;
  dport?: number;
}

function ipMatches(member: string, ip: string, net: boolean): boolean {
  if (net || member.includes('/')) return cidrContains(member.includes('/') ? member : `${member}/32`, ip);
  return member === ip;
}

function portMatches(member: string, proto: string, port: number | undefined): boolean {
  if (port === undefined) return false;
  const [p, n] = member.includes(':') ? member.split(':') : ['tcp', member];
  return p === proto && Number(n) === port;
}

/**
 * A set's members split for lookup, as the kernel hashes them: the ones in plain form (no
 * net, a canonical proto:port) are found by their text in O(1); only the rest are tried one
 * by one. Kept per members list (replaceMembers swaps the list), beside the state.
 */
const lookups = new WeakMap<string[], { exact: Set<string>; others: string[] }>();
const PLAIN_PORT = /^[a-z]+:(0|[1-9]\d*)$/;

function plain(type: IpsetType, m: string): boolean {
  const parts = m.split(',');
  const ip = (x: string | undefined): boolean => x !== undefined && !x.includes('/');
  switch (type) {
    case 'hash:ip':
      return parts.length === 1 && ip(parts[0]);
    case 'hash:ip,port':
      return parts.length === 2 && ip(parts[0]) && PLAIN_PORT.test(parts[1]);
    case 'hash:ip,port,ip':
      return parts.length === 3 && ip(parts[0]) && PLAIN_PORT.test(parts[1]) && ip(parts[2]);
    case 'bitmap:port':
      return parts.length === 1 && /^(0|[1-9]\d*)$/.test(parts[0]);
    default:
      return false;
  }
}

/** The text a plain member matching this packet would have, if the set's type has a plain form. */
function plainKey(type: IpsetType, flags: ('src' | 'dst')[], p: SetLookup): string | undefined {
  const ip = (f: 'src' | 'dst' | undefined): string => (f === 'src' ? p.src : p.dst);
  const port = (f: 'src' | 'dst' | undefined): number | undefined => (f === 'src' ? p.sport : p.dport);
  const pp = port(flags[1] ?? flags[0]);
  switch (type) {
    case 'hash:ip':
      return ip(flags[0]);
    case 'hash:ip,port':
      return pp === undefined ? undefined : `${ip(flags[0])},${p.proto}:${pp}`;
    case 'hash:ip,port,ip':
      return pp === undefined ? undefined : `${ip(flags[0])},${p.proto}:${pp},${ip(flags[2] ?? flags[0])}`;
    case 'bitmap:port': {
      const port0 = port(flags[0]);
      return port0 === undefined ? undefined : String(port0);
    }
    default:
      return undefined;
  }
}

/** Does the packet match the set along the given directions (`src`, `dst,dst` ...)? */
export function ipsetMatches(set: Ipset | undefined, flags: ('src' | 'dst')[], p: SetLookup): boolean {
  if (!set) return false;
  let lookup = lookups.get(set.members);
  if (!lookup) {
    lookup = { exact: new Set(), others: [] };
    for (const m of set.members) if (plain(set.type, m)) lookup.exact.add(m);
    else lookup.others.push(m);
    lookups.set(set.members, lookup);
  }
  const key = plainKey(set.type, flags, p);
  if (key !== undefined && lookup.exact.has(key)) return true;
  return matchesOne(set, lookup.others, flags, p);
}

function matchesOne(set: Ipset, members: string[], flags: ('src' | 'dst')[], p: SetLookup): boolean {
  const ip = (f: 'src' | 'dst' | undefined): string => (f === 'src' ? p.src : p.dst);
  const port = (f: 'src' | 'dst' | undefined): number | undefined => (f === 'src' ? p.sport : p.dport);
  return members.some((m) => {
    const parts = m.split(',');
    switch (set.type) {
      case 'hash:ip':
        return ipMatches(parts[0], ip(flags[0]), false);
      case 'hash:net':
        return ipMatches(parts[0], ip(flags[0]), true);
      case 'hash:ip,port':
        return ipMatches(parts[0], ip(flags[0]), false) && portMatches(parts[1], p.proto, port(flags[1] ?? flags[0]));
      case 'hash:ip,port,ip':
        return ipMatches(parts[0], ip(flags[0]), false) && portMatches(parts[1], p.proto, port(flags[1] ?? flags[0])) && ipMatches(parts[2], ip(flags[2] ?? flags[0]), false);
      case 'hash:ip,port,net':
        return ipMatches(parts[0], ip(flags[0]), false) && portMatches(parts[1], p.proto, port(flags[1] ?? flags[0])) && ipMatches(parts[2], ip(flags[2] ?? flags[0]), true);
      case 'bitmap:port':
        return port(flags[0]) === Number(parts[0]);
    }
    return false;
  });
}

/** The create line's options, as ipset prints them. */
function header(set: Ipset): string {
  if (set.type === 'bitmap:port') return `range ${set.range ?? '0-65535'}`;
  return `family inet hashsize ${set.hashsize} maxelem ${set.maxelem} bucketsize 12 initval 0x${(hashName(set.name) >>> 0).toString(16).padStart(8, '0')}${set.comment ? ' comment' : ''}`;
}

function hashName(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** `ipset list [NAME]` for one set. */
export function formatIpsetList(set: Ipset, references: number): string {
  const size = (set.type === 'bitmap:port' ? 8264 : 440) + set.members.length * (set.type === 'hash:net' ? 32 : 24);
  return [
    `Name: ${set.name}`,
    `Type: ${set.type}`,
    `Revision: ${REVISION[set.type]}`,
    `Header: ${header(set)}`,
    `Size in memory: ${size}`,
    `References: ${references}`,
    `Number of entries: ${set.members.length}`,
    'Members:',
    ...set.members,
  ].join('\n');
}

/** `ipset save [NAME]` for one set. */
export function formatIpsetSave(set: Ipset): string {
  return [`create ${set.name} ${set.type} ${header(set)}`, ...set.members.map((m) => `add ${set.name} ${m}`)].join('\n');
}
