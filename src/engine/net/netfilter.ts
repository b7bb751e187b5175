/**
 * Netfilter as the walker meets it: one call per hook runs the hook's tables in kernel
 * priority order, keeps the packet's conntrack entry, evaluates the nat table only for the
 * first packet of a connection, and applies (or undoes) NAT from conntrack afterwards.
 */
import type { Prng } from '../sim/prng';
import { ctCreate, ctLookup, ctLookupRelated, ctSeenReply, formatCt, type CtDir, type CtEntry } from './conntrack';
import { countReply } from './ipvs';
import { runChain, type HookVerdict, type PacketView, type TableName } from './iptables';
import type { Packet } from './packet';
import { hookOrder, runNftUnit } from './nftHook';
import type { NetNs } from './types';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

const TABLES_OF: Record<Hook, TableName[]> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'nat', 'filter'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
};

/** Hooks where NAT changes the destination (DNAT) vs. the source (SNAT). */
const DST_NAT_HOOKS: Hook[] = ['PREROUTING', 'OUTPUT'];

/** What netfilter knows about the packet in one namespace. */
export interface CtContext {
  entry?: CtEntry;
  dir: CtDir;
  isNew: boolean;
  /** An ICMP error about a tracked flow. */
  related?: boolean;
  mark: number;
}

/** One visible netfilter event, turned into a trace step by the walker. */
export interface NfEvent {
  stage: string;
  summary: string;
  decidedBy?: string;
  before: Packet;
  after: Packet;
  dropped?: string;
}

export function isTracked(ns: NetNs): boolean {
  if (ns.kind !== 'pod') return true;
  return Object.values(ns.iptables).some((t) => Object.values(t).some((c) => c.rules.length > 0 || c.policy === 'DROP'));
}

function isLocal(ns: NetNs, ip: string): boolean {
  return ns.links.some((l) => l.addrs.some((a) => a.address === ip)) || ip.startsWith('127.');
}

export class Netfilter {
  private contexts = new Map<string, CtContext>();

  constructor(
    private readonly prng: Prng,
    private readonly now: () => number,
  ) {}

  /** Forget per-packet state: a new packet (a reply, an encapsulated outer packet) begins. */
  newPacket(): void {
    this.contexts.clear();
  }

  private key(ns: NetNs, pkt: Packet): string {
    return `${ns.id}${pkt.vxlan || pkt.ipip ? '#outer' : ''}`;
  }

  /** The conntrack context of a packet in a namespace, created at its first hook. */
  context(ns: NetNs, pkt: Packet): CtContext {
    const key = this.key(ns, pkt);
    let c = this.contexts.get(key);
    if (c) return c;
    const quoted = pkt.l4.proto === 'icmp' ? pkt.l4.quoted : undefined;
    const related = quoted && isTracked(ns) ? ctLookupRelated(ns.conntrack, quoted) : undefined;
    // An IP-in-IP outer packet: not a flow of its own here (its ports are the inner packet's).
    if (!isTracked(ns) || pkt.ipip) c = { dir: 'orig', isNew: false, mark: 0 };
    else if (related) c = { entry: related, dir: 'reply', isNew: false, related: true, mark: related.mark };
    else {
      const found = ctLookup(ns.conntrack, pkt, this.now());
      if (found) {
        if (found.dir === 'reply') ctSeenReply(found.entry, this.now(), pkt);
        c = { entry: found.entry, dir: found.dir, isNew: false, mark: found.entry.mark };
      } else c = { entry: ctCreate(ns.conntrack, pkt, this.now()), dir: 'orig', isNew: true, mark: 0 };
    }
    this.contexts.set(key, c);
    return c;
  }

  /** Is this packet the first of its connection in this namespace (or untracked)? */
  isNewConnection(ns: NetNs, pkt: Packet): boolean {
    const ct = this.context(ns, pkt);
    return ct.isNew || !ct.entry;
  }

  /** IPVS rewrote a new connection's destination; with net.ipv4.vs.conntrack=1 conntrack expects the reply from the real server. */
  ipvsNat(ns: NetNs, before: Packet, after: Packet): void {
    const e = this.context(ns, before).entry;
    if (!e) return;
    e.reply.src = after.ip.dst;
    if (after.l4.proto !== 'icmp') e.reply.sport = after.l4.dport;
  }

  /**
   * Runs one hook. Returns the (possibly NATed) packet and the events to show; `dropped` on
   * the last event ends the walk.
   */
  run(ns: NetNs, hook: Hook, pkt: Packet, inIface?: string, outIface?: string): { pkt: Packet; events: NfEvent[] } {
    const ct = this.context(ns, pkt);
    const events: NfEvent[] = [];
    let cur = pkt;
    const tracked = ct.entry !== undefined;
    let nftNat = false;
    for (const unit of ns.nft ? hookOrder(ns.nft, hook, TABLES_OF[hook]) : TABLES_OF[hook]) {
      if (typeof unit !== 'string') {
        // An nftables base chain (kube-proxy's nftables mode); nat chains see only a connection's first packet.
        if (unit.chain.type === 'nat' && (!tracked || !ct.isNew || nftNat)) continue;
        const ctstate = !tracked ? 'untracked' : ct.isNew ? 'new' : ct.related ? 'related' : 'established';
        const ev = runNftUnit(ns, unit, hook, cur, ct, { ctstate, isLocal: (ip) => isLocal(ns, ip), random: () => this.prng.next(), now: this.now() }, outIface);
        if (!ev) continue;
        events.push(ev);
        if (ev.dropped) return { pkt: cur, events };
        nftNat ||= ev.after !== ev.before;
        cur = ev.after;
        continue;
      }
      const table = unit;
      if (table === 'nat' && tracked && !ct.isNew) {
        // Not the first packet: NAT comes from the conntrack entry, the nat table is skipped.
        const ev = this.natFromConntrack(hook, cur, ct);
        // A reply un-NATed for an IPVS virtual server counts in its OutPkts.
        if (ev && ct.dir === 'reply' && ns.ipvs && ev.after.l4.proto !== 'icmp' && ev.before.l4.proto !== 'icmp' && ev.after.ip.src !== ev.before.ip.src) countReply(ns.ipvs, ev.after.l4.proto, ev.after.ip.src, ev.after.l4.sport, ev.before.ip.src, ev.before.l4.sport, ev.before.ip.length);
        if (ev) {
          events.push(ev);
          cur = ev.after;
        }
        continue;
      }
      const view: PacketView = {
        src: cur.ip.src,
        dst: cur.ip.dst,
        proto: cur.ipip ? 'ipencap' : cur.l4.proto,
        sport: cur.l4.proto === 'icmp' || cur.ipip ? undefined : cur.l4.sport,
        dport: cur.l4.proto === 'icmp' || cur.ipip ? undefined : cur.l4.dport,
        inIface,
        outIface,
        length: cur.ip.length,
        ctstate: !tracked ? 'UNTRACKED' : ct.isNew ? 'NEW' : ct.related ? 'RELATED' : 'ESTABLISHED',
        mark: ct.mark,
        isLocal: (ip) => isLocal(ns, ip),
        random: () => this.prng.next(),
        ipsets: ns.ipsets,
        recent: () => (ns.recent ??= {}),
        now: this.now(),
      };
      const v = runChain(ns.iptables, table, hook, view);
      if (!v) continue;
      ct.mark = v.mark;
      if (ct.entry) ct.entry.mark = v.mark;
      const ev = this.verdictEvent(ns, hook, v, cur, ct, outIface);
      events.push(ev);
      if (ev.dropped) return { pkt: cur, events };
      cur = ev.after;
    }
    return { pkt: cur, events };
  }

  private verdictEvent(ns: NetNs, hook: Hook, v: HookVerdict, pkt: Packet, ct: CtContext, outIface?: string): NfEvent {
    const where = `${v.table}/${hook}`;
    const via = v.path.length > 0 && v.decidedBy.startsWith(':') ? v.path[v.path.length - 1] : v.decidedBy;
    if (v.verdict === 'DROP' || v.verdict === 'REJECT') {
      const reason = `${v.verdict} by ${v.table}/${v.chain}${v.decidedBy.startsWith(':') ? ' (the chain\'s policy)' : ` rule ${v.ruleNumber}`}`;
      return { stage: where, summary: `iptables ${v.table} ${hook}: ${reason}`, decidedBy: v.decidedBy, before: pkt, after: pkt, dropped: reason };
    }
    if (v.verdict === 'DNAT' || v.verdict === 'SNAT' || v.verdict === 'MASQUERADE') {
      const after = structuredClone(pkt);
      let what: string;
      if (v.verdict === 'DNAT') {
        const [ip, port] = (v.targetArgs?.['--to-destination'] ?? '').split(':');
        after.ip.dst = ip;
        if (port && after.l4.proto !== 'icmp') after.l4.dport = Number(port);
        what = `DNAT ${pkt.ip.dst} → ${ip}${port ? `:${port}` : ''}`;
      } else {
        const src = v.verdict === 'SNAT' ? (v.targetArgs?.['--to-source'] ?? '').split(':')[0] : primaryAddress(ns, outIface);
        after.ip.src = src;
        what = `${v.verdict} ${pkt.ip.src} → ${src}`;
      }
      if (ct.entry) {
        // The reply tuple now expects the translated addresses.
        if (v.verdict === 'DNAT') {
          ct.entry.reply.src = after.ip.dst;
          if (after.l4.proto !== 'icmp') ct.entry.reply.sport = after.l4.dport;
        } else ct.entry.reply.dst = after.ip.src;
      }
      return { stage: where, summary: `iptables ${v.table} ${hook}: ${what} (conntrack remembers it for the reply)`, decidedBy: v.decidedBy, before: pkt, after };
    }
    const note = v.decidedBy.startsWith(':') && v.path.length > 0 ? ` (after ${v.path[v.path.length - 1].split(' -j ').pop()})` : '';
    // Felix marks what a policy (or profile) rule allowed; name it, as that is what decided.
    const allowedBy = v.path.map((l) => /--comment "((?:Policy|Profile) [^"]+)" .*-j MARK --set-xmark 0x10000\/0x10000/.exec(l)?.[1]).filter(Boolean).pop();
    return { stage: where, summary: `iptables ${v.table} ${hook}: ${v.verdict}${note}${allowedBy ? ` — allowed by ${allowedBy}` : ''}`, decidedBy: via, before: pkt, after: pkt };
  }

  /** Later packets of a NATed connection, and its replies, are rewritten from conntrack. */
  private natFromConntrack(hook: Hook, pkt: Packet, ct: CtContext): NfEvent | undefined {
    const e = ct.entry!;
    const dnat = e.reply.src !== e.orig.dst || e.reply.sport !== e.orig.dport;
    const snat = e.reply.dst !== e.orig.src;
    const after = structuredClone(pkt);
    let what: string | undefined;
    if (DST_NAT_HOOKS.includes(hook)) {
      if (ct.dir === 'orig' && dnat) {
        after.ip.dst = e.reply.src;
        if (after.l4.proto !== 'icmp') after.l4.dport = e.reply.sport;
        what = `destination ${pkt.ip.dst} → ${after.ip.dst} (DNAT of this connection)`;
      } else if (ct.dir === 'reply' && snat) {
        after.ip.dst = e.orig.src;
        // For an ICMP error the quoted header is translated back too, as the kernel does.
        if (after.l4.proto === 'icmp' && after.l4.quoted) after.l4.quoted = { ...after.l4.quoted, src: e.orig.src, sport: e.orig.sport };
        what = `destination ${pkt.ip.dst} → ${after.ip.dst} (undoing the source NAT${ct.related ? ' for an ICMP error about this connection' : ''})`;
      }
    } else if (hook === 'POSTROUTING' || hook === 'INPUT') {
      if (ct.dir === 'orig' && snat) {
        after.ip.src = e.reply.dst;
        what = `source ${pkt.ip.src} → ${after.ip.src} (SNAT of this connection)`;
      } else if (ct.dir === 'reply' && dnat) {
        after.ip.src = e.orig.dst;
        if (after.l4.proto !== 'icmp') after.l4.sport = e.orig.dport;
        what = `source ${pkt.ip.src} → ${after.ip.src} (undoing the DNAT)`;
      }
    }
    if (!what) return undefined;
    return { stage: 'conntrack', summary: `conntrack: ${ct.dir === 'reply' ? 'a reply' : 'a later packet'} of a NATed connection — ${what}`, decidedBy: formatCt(e, this.now()), before: pkt, after };
  }
}

/** MASQUERADE uses the first address of the outgoing interface. */
function primaryAddress(ns: NetNs, dev: string | undefined): string {
  const link = ns.links.find((l) => l.name === dev);
  return link?.addrs.find((a) => a.scope === 'global')?.address ?? link?.addrs[0]?.address ?? '0.0.0.0';
}
