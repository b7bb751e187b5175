/**
 * A subset of pcap-filter(7): `[src|dst] host ADDR`, `[src|dst] net CIDR`, `[src|dst] port N`,
 * `icmp`, `tcp`, `udp`, `arp`, `ip`, joined by and/&&, or/||, not/! and parentheses. Like
 * tcpdump it matches the outer headers of a frame (an encapsulated packet's inner ones do not count).
 */
import type { Captured } from '../net/capture';
import { cidrContains, isCidr, isIPv4 } from '../net/ip';

export type Filter = (f: Captured) => boolean;

type Dir = 'src' | 'dst' | 'either';

function addrs(f: Captured, dir: Dir): string[] {
  const [s, d] = f.arp ? [f.arp.senderIp, f.arp.targetIp] : [f.pkt!.ip.src, f.pkt!.ip.dst];
  return dir === 'src' ? [s] : dir === 'dst' ? [d] : [s, d];
}

function ports(f: Captured, dir: Dir): number[] {
  const l4 = f.pkt?.l4;
  if (!l4 || l4.proto === 'icmp' || f.pkt!.ipip) return [];
  return dir === 'src' ? [l4.sport] : dir === 'dst' ? [l4.dport] : [l4.sport, l4.dport];
}

/** Compiles an expression, or returns tcpdump's complaint. */
export function compileFilter(text: string): Filter | string {
  const toks = text.replace(/([()!])/g, ' $1 ').replace(/&&/g, ' and ').replace(/\|\|/g, ' or ').trim().split(/\s+/);
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const syntax = (): string => 'syntax error in filter expression';
  const parseOr = (): Filter | string => {
    let left = parseAnd();
    while (typeof left !== 'string' && peek() === 'or') {
      i++;
      const right = parseAnd();
      if (typeof right === 'string') return right;
      const l = left;
      left = (f) => l(f) || right(f);
    }
    return left;
  };
  const parseAnd = (): Filter | string => {
    let left = parseNot();
    while (typeof left !== 'string' && peek() === 'and') {
      i++;
      const right = parseNot();
      if (typeof right === 'string') return right;
      const l = left;
      left = (f) => l(f) && right(f);
    }
    return left;
  };
  const parseNot = (): Filter | string => {
    const t = peek();
    if (t === 'not' || t === '!') {
      i++;
      const inner = parseNot();
      return typeof inner === 'string' ? inner : (f) => !inner(f);
    }
    if (t === '(') {
      i++;
      const inner = parseOr();
      if (typeof inner === 'string') return inner;
      if (toks[i++] !== ')') return syntax();
      return inner;
    }
    return primitive();
  };
  const primitive = (): Filter | string => {
    let t = toks[i++];
    if (t === undefined) return syntax();
    const proto = { icmp: 'icmp', tcp: 'tcp', udp: 'udp' } as Record<string, string>;
    if (t in proto) {
      const p = proto[t];
      const isProto: Filter = (f) => !!f.pkt && !f.pkt.ipip && f.pkt.l4.proto === p;
      // `udp port 53`, `tcp dst port 80`: the protocol qualifies the port.
      if (p === 'icmp' || !['port', 'src', 'dst'].includes(peek() ?? '')) return isProto;
      const rest = primitive();
      return typeof rest === 'string' ? rest : (f) => isProto(f) && rest(f);
    }
    if (t === 'arp') return (f) => !!f.arp;
    if (t === 'ip') return (f) => !!f.pkt;
    let dir: Dir = 'either';
    if (t === 'src' || t === 'dst') {
      dir = t;
      t = toks[i++];
      if (t === undefined) return syntax();
    }
    // `src 10.0.0.1` without a keyword means host, as in pcap-filter.
    if (isIPv4(t)) {
      const ip = t;
      return (f) => addrs(f, dir).includes(ip);
    }
    const v = toks[i++];
    if (v === undefined) return syntax();
    if (t === 'host') {
      if (!isIPv4(v)) return `can't resolve host '${v}' (use an IPv4 address: -n)`;
      return (f) => addrs(f, dir).includes(v);
    }
    if (t === 'net') {
      const range = isCidr(v) ? v : undefined;
      if (!range) return `invalid net '${v}' (use a CIDR such as 10.244.0.0/16)`;
      return (f) => addrs(f, dir).some((a) => cidrContains(range, a));
    }
    if (t === 'port') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) return `illegal port number ${v}`;
      return (f) => ports(f, dir).includes(n);
    }
    return syntax();
  };
  const f = parseOr();
  if (typeof f !== 'string' && i < toks.length) return syntax();
  return f;
}
