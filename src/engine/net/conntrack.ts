/**
 * Connection tracking, per network namespace: the first packet of a flow creates an entry
 * with its original and (NAT-adjusted) reply tuples; later packets and replies are matched
 * against it, which is how NAT is applied once and undone on the way back.
 */
import type { Packet } from './packet';

export interface Tuple {
  src: string;
  dst: string;
  proto: 'icmp' | 'udp' | 'tcp';
  /** Ports for TCP/UDP; the echo id (as both) for ICMP. */
  sport: number;
  dport: number;
}

export interface CtEntry {
  orig: Tuple;
  reply: Tuple;
  /** Seen traffic both ways. */
  replied: boolean;
  /** Simulated ms after which the entry expires. */
  expires: number;
  mark: number;
  /** TCP state as conntrack shows it (SYN_SENT, TIME_WAIT after a finished exchange, CLOSE after RST). */
  tcpState?: string;
}

/** Timeouts of nf_conntrack's defaults (seconds): icmp 30, udp 30 (120 once replied), tcp established 5 days. */
const TIMEOUT = { icmp: 30_000, udp: 30_000, udpStream: 120_000, synSent: 120_000, timeWait: 120_000, close: 10_000 };
const MAX_ENTRIES = 2000;

export function tupleOf(p: Packet): Tuple {
  if (p.l4.proto === 'icmp') return { src: p.ip.src, dst: p.ip.dst, proto: 'icmp', sport: p.l4.id, dport: p.l4.id };
  return { src: p.ip.src, dst: p.ip.dst, proto: p.l4.proto, sport: p.l4.sport, dport: p.l4.dport };
}

export function invert(t: Tuple): Tuple {
  return { src: t.dst, dst: t.src, proto: t.proto, sport: t.dport, dport: t.sport };
}

const same = (a: Tuple, b: Tuple): boolean => a.src === b.src && a.dst === b.dst && a.proto === b.proto && a.sport === b.sport && a.dport === b.dport;

export type CtDir = 'orig' | 'reply';

/** Finds the entry a packet belongs to, dropping expired entries first. */
export function ctLookup(table: CtEntry[], p: Packet, now: number): { entry: CtEntry; dir: CtDir } | undefined {
  for (let i = table.length - 1; i >= 0; i--) if (table[i].expires <= now) table.splice(i, 1);
  const t = tupleOf(p);
  // ICMP replies carry the same id, so the reply tuple of an echo is the inverted original.
  for (const entry of table) {
    if (same(entry.orig, t)) return { entry, dir: 'orig' };
    if (same(entry.reply, t)) return { entry, dir: 'reply' };
  }
  return undefined;
}

/**
 * An ICMP error is RELATED to the flow of the packet it quotes. The quoted packet went out in
 * the original direction (as translated), i.e. it is the inverse of the reply tuple.
 */
export function ctLookupRelated(table: CtEntry[], quoted: Tuple): CtEntry | undefined {
  return table.find((e) => same(invert(e.reply), quoted));
}

export function ctCreate(table: CtEntry[], p: Packet, now: number): CtEntry {
  const orig = tupleOf(p);
  const entry: CtEntry = { orig, reply: invert(orig), replied: false, expires: now + TIMEOUT[orig.proto === 'icmp' ? 'icmp' : orig.proto === 'udp' ? 'udp' : 'synSent'], mark: 0 };
  if (orig.proto === 'tcp') entry.tcpState = 'SYN_SENT';
  table.push(entry);
  if (table.length > MAX_ENTRIES) table.shift();
  return entry;
}

export function ctSeenReply(entry: CtEntry, now: number, reply: Packet): void {
  entry.replied = true;
  if (entry.orig.proto === 'udp') entry.expires = now + TIMEOUT.udpStream;
  if (reply.l4.proto === 'tcp') {
    // The playground's clients finish their exchange at once: a refused SYN closes, a
    // completed one lingers in TIME_WAIT, as `conntrack -L` shows right after a curl.
    const rst = reply.l4.flags.includes('R');
    entry.tcpState = rst ? 'CLOSE' : 'TIME_WAIT';
    entry.expires = now + (rst ? TIMEOUT.close : TIMEOUT.timeWait);
  }
}

/** `conntrack -L` line. */
export function formatCt(e: CtEntry, now: number): string {
  const secs = Math.max(0, Math.floor((e.expires - now) / 1000));
  const num = { icmp: 1, tcp: 6, udp: 17 }[e.orig.proto];
  const t = (x: Tuple, reply: boolean): string =>
    x.proto === 'icmp'
      ? `src=${x.src} dst=${x.dst} type=${reply ? 0 : 8} code=0 id=${x.sport}`
      : `src=${x.src} dst=${x.dst} sport=${x.sport} dport=${x.dport}`;
  const state = e.tcpState ? `${e.tcpState} ` : '';
  const unreplied = e.replied ? '' : ' [UNREPLIED]';
  const assured = e.replied && e.orig.proto !== 'icmp' ? ' [ASSURED]' : '';
  return `${e.orig.proto.padEnd(8)} ${num} ${secs} ${state}${t(e.orig, false)}${unreplied} ${t(e.reply, true)}${assured} mark=${e.mark} use=1`;
}
