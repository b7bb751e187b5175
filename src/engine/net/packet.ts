/** Packets as layered headers; an encapsulated packet carries the whole inner frame. */
export interface EthHeader {
  src: string;
  dst: string;
  type: 'IPv4';
}

export interface IpHeader {
  src: string;
  dst: string;
  ttl: number;
  proto: 'icmp' | 'udp' | 'tcp';
  id: number;
  /** Total length in bytes, header included. */
  length: number;
  /** Don't Fragment: a router whose next hop has a smaller MTU answers "fragmentation needed" instead. */
  df?: boolean;
}

export type L4 =
  | { proto: 'icmp'; type: IcmpType; id: number; seq: number; /** ICMP errors quote the packet that caused them. */ quoted?: { src: string; dst: string; proto: 'icmp' | 'udp' | 'tcp'; sport: number; dport: number }; /** frag-needed: the next hop's MTU. */ mtu?: number }
  | { proto: 'udp'; sport: number; dport: number }
  | { proto: 'tcp'; sport: number; dport: number; flags: string };

export type IcmpType = 'echo-request' | 'echo-reply' | 'time-exceeded' | 'port-unreachable' | 'host-unreachable' | 'frag-needed';

export interface Packet {
  eth?: EthHeader;
  ip: IpHeader;
  l4: L4;
  /** Present on a VXLAN-encapsulated packet, with `inner` the original frame. */
  vxlan?: { vni: number };
  /** An IP-in-IP packet (IP protocol 4, Calico's tunl0): `inner` is the original IP packet; `l4` repeats the inner one. */
  ipip?: true;
  inner?: Packet;
  /** A DNS message's question, so a capture can print it (`12345+ A? web.default.svc.cluster.local.`). */
  dns?: { id: number; qname: string; qtype: string; response?: true; /** Filled in once the server's answer is known. */ answer?: DnsAnswerSummary };
}

/** What tcpdump prints of a DNS response: flags, rcode, section counts, answer records ("A 10.96.0.1"). */
export interface DnsAnswerSummary {
  aa: boolean;
  ra: boolean;
  rcode: string;
  counts: [number, number, number];
  records: string[];
}

export const ETH_HEADER = 14;
export const VXLAN_OVERHEAD = 8 + 8 + 20; // VXLAN + UDP + outer IPv4

/** An ICMP echo request of `ping`'s default size (56 data bytes → 84 bytes IP). */
export function echoRequest(src: string, dst: string, id: number, seq: number): Packet {
  return { ip: { src, dst, ttl: 64, proto: 'icmp', id, length: 84 }, l4: { proto: 'icmp', type: 'echo-request', id, seq } };
}

/** A TCP SYN or a UDP datagram from an ephemeral port (curl, wget, nc, traceroute probes). */
export function transportRequest(proto: 'tcp' | 'udp', src: string, dst: string, sport: number, dport: number, ttl = 64): Packet {
  return proto === 'tcp'
    ? { ip: { src, dst, ttl, proto: 'tcp', id: sport, length: 60 }, l4: { proto: 'tcp', sport, dport, flags: 'S' } }
    : { ip: { src, dst, ttl, proto: 'udp', id: sport, length: 60 }, l4: { proto: 'udp', sport, dport } };
}

/** Names the fields that differ between two packets ("ip.ttl", "eth.dst", "outer"). */
export function changedFields(before: Packet, after: Packet): string[] {
  const out: string[] = [];
  const cmp = (prefix: string, a: object | undefined, b: object | undefined): void => {
    if (!a && !b) return;
    if (!a || !b) {
      out.push(prefix);
      return;
    }
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) if (ra[k] !== rb[k]) out.push(`${prefix}.${k}`);
  };
  cmp('eth', before.eth, after.eth);
  cmp('ip', before.ip, after.ip);
  cmp('l4', before.l4, after.l4);
  if (!!before.vxlan !== !!after.vxlan) out.push('vxlan');
  if (!!before.ipip !== !!after.ipip) out.push('ipip');
  return out;
}

/** One-line description in tcpdump's spirit: `10.244.1.2 > 10.244.2.3: ICMP echo request, id 1, seq 0`. */
export function describe(p: Packet): string {
  const l4 =
    p.l4.proto === 'icmp'
      ? p.l4.type.startsWith('echo')
        ? `ICMP ${p.l4.type.replace('-', ' ')}, id ${p.l4.id}, seq ${p.l4.seq}`
        : `ICMP ${p.l4.type.replace('-', ' ')}${p.l4.quoted ? ` (for ${p.l4.quoted.proto} ${p.l4.quoted.dst}${p.l4.quoted.proto !== 'icmp' ? `:${p.l4.quoted.dport}` : ''})` : ''}`
      : p.l4.proto === 'udp'
        ? `UDP ${p.l4.sport} > ${p.l4.dport}${p.vxlan ? ` VXLAN vni ${p.vxlan.vni}` : ''}`
        : `TCP ${p.l4.sport} > ${p.l4.dport} [${p.l4.flags}]`;
  const head = `${p.ip.src} > ${p.ip.dst}: ${p.ipip ? 'IP-in-IP (proto 4)' : l4}`;
  return p.inner ? `${head} [inner ${describe(p.inner)}]` : head;
}
