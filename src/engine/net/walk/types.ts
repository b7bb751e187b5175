// The packet walk's shared vocabulary: where a packet is (Pos), walk options, per-hop costs.
import { cidrContains } from '../ip';
import type { Packet } from '../packet';
import type { Link, NetNs } from '../types';

export const BROADCAST = 'ff:ff:ff:ff:ff:ff';
/** Per-hop costs in µs: wire hops dominate, as on a real LAN. */
export const COST = { wire: 150, veth: 5, bridge: 5, route: 2, encap: 20, hook: 1, arp: 300 };

export type Pos =
  | { at: 'output'; ns: NetNs; pkt: Packet }
  | { at: 'xmit'; ns: NetNs; dev: Link; pkt: Packet; nexthop: string; fwd?: boolean }
  | { at: 'l2-out'; ns: NetNs; dev: Link; pkt: Packet }
  | { at: 'l2-in'; ns: NetNs; dev: Link; pkt: Packet }
  | { at: 'ip-in'; ns: NetNs; dev: Link; pkt: Packet }
  | { at: 'local'; ns: NetNs; dev: Link; pkt: Packet }
  | { at: 'done'; outcome: 'delivered' | 'dropped'; reason?: string };

export interface WalkOptions {
  /** Answer an ICMP echo request / TCP SYN with a reply that walks back. */
  answerEcho: boolean;
  /** Routers and hosts send ICMP errors back (time exceeded, port unreachable), as traceroute needs. */
  icmpErrors?: boolean;
  /** A UDP listener answers with a datagram that walks back (a DNS server's reply). */
  answerUdp?: boolean;
}

/** Who listens on a port in a namespace (a process name), or undefined. */
export type SocketLookup = (ns: NetNs, proto: 'tcp' | 'udp', port: number) => string | undefined;

export function clone(p: Packet): Packet {
  return structuredClone(p);
}

/** RFC 1918 ranges: never routed on the public internet. */
export function isPrivate(ip: string): boolean {
  return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].some((r) => cidrContains(r, ip));
}
