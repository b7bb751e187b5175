/**
 * nftables' base chains on a netfilter hook, beside iptables' tables. The kernel runs every
 * chain registered on a hook in priority order, whichever tool made it: iptables-nft's
 * mangle at -150, kube-proxy's filter chains at dstnat - 10 (-110), the nat chains at
 * dstnat (-100), iptables' filter at 0, the source NAT at srcnat (100). This file orders
 * them and turns an nft verdict into the event the walker shows (and NAT it applies).
 */
import type { CtContext, NfEvent } from './netfilter';
import { hookChains, PRIORITY, runNftChain, type NftChain, type NftHook, type NftPacket, type NftState, type NftTable, type NftVerdict } from './nftables';
import type { TableName } from './iptables';
import { prioText } from './nftFormat';
import type { Packet } from './packet';
import type { NetNs } from './types';

/** iptables' tables by priority (nat is dstnat on PREROUTING/OUTPUT, srcnat on INPUT/POSTROUTING). */
function iptablesPriority(table: TableName, hook: string): number {
  if (table === 'nat') return hook === 'PREROUTING' || hook === 'OUTPUT' ? PRIORITY.dstnat : PRIORITY.srcnat;
  return PRIORITY[table];
}

export type HookUnit = TableName | { table: NftTable; chain: NftChain };

/**
 * The order a hook runs iptables' tables and nft base chains in. Equal priorities keep the
 * order of registration: iptables' tables were there before kube-proxy made its chains.
 */
export function hookOrder(nft: NftState, hook: string, tables: TableName[]): HookUnit[] {
  const units: { u: HookUnit; prio: number; i: number }[] = tables.map((t, i) => ({ u: t, prio: iptablesPriority(t, hook), i }));
  for (const c of hookChains(nft, hook.toLowerCase() as NftHook)) units.push({ u: c, prio: c.chain.priority ?? 0, i: units.length });
  return units.sort((a, b) => a.prio - b.prio || a.i - b.i).map((x) => x.u);
}

function primaryAddress(ns: NetNs, dev: string | undefined): string {
  const link = ns.links.find((l) => l.name === dev);
  return link?.addrs.find((a) => a.scope === 'global')?.address ?? link?.addrs[0]?.address ?? '0.0.0.0';
}

/** `add rule ip kube-proxy CHAIN RULE`: the rule in the syntax kube-proxy's transaction writes it, naming its table and chain. */
export function nftRuleLine(t: NftTable, chain: string, rule: string): string {
  return `add rule ${t.family} ${t.name} ${chain} ${rule}`;
}

/** `chain nat-prerouting policy accept`: a base chain's policy decided. */
export function nftPolicyLine(t: NftTable, c: NftChain): string {
  return `${t.family} ${t.name} chain ${c.name} policy ${c.policy ?? 'accept'}`;
}

/** The walk through the chains: `services: 10.96.0.10 . tcp . 80 : goto service-… → service-…: numgen … → endpoint-…`. */
function describePath(v: NftVerdict): string {
  const steps = v.path.map((s) => `${s.chain}: ${s.element ?? s.rule}`);
  if (v.rule) steps.push(`${v.chain}: ${v.rule.text}`);
  return steps.join(' → ');
}

/** Runs one nft base chain; returns the event to show, or undefined when it let the packet pass untouched. */
export function runNftUnit(ns: NetNs, unit: { table: NftTable; chain: NftChain }, hook: string, pkt: Packet, ct: CtContext, env: Pick<NftPacket, 'ctstate' | 'isLocal' | 'random' | 'now'>, outIface?: string): NfEvent | undefined {
  const { table: t, chain: c } = unit;
  const p: NftPacket = { ...env, src: pkt.ip.src, dst: pkt.ip.dst, proto: pkt.ipip ? 'ipencap' : pkt.l4.proto, dport: pkt.l4.proto === 'icmp' || pkt.ipip ? undefined : pkt.l4.dport, length: pkt.ip.length, mark: ct.mark };
  const v = runNftChain(t, c.name, p);
  if (!v) return undefined;
  ct.mark = v.mark;
  if (ct.entry) ct.entry.mark = v.mark;
  const stage = `${t.name}/${c.name}`;
  const head = `nft ${t.family} ${t.name} ${c.name} (hook ${hook.toLowerCase()}, priority ${prioText(c.priority ?? 0, c.hook!)})`;
  const walk = describePath(v);
  const decidedBy = v.rule ? nftRuleLine(t, v.chain, v.rule.text) : nftPolicyLine(t, c);
  if (v.verdict === 'drop' || v.verdict === 'reject') {
    const reason = `${v.verdict === 'reject' ? 'REJECT' : 'DROP'} by nft ${t.family} ${t.name} chain ${v.chain}${v.rule ? ` rule ${v.ruleNumber}` : ' (the chain\'s policy)'}`;
    return { stage, summary: `${head}: ${reason}${v.verdict === 'reject' ? ' (ICMP port unreachable)' : ''} — ${walk || `policy ${c.policy}`}`, decidedBy, before: pkt, after: pkt, dropped: reason };
  }
  if (v.verdict === 'dnat' || v.verdict === 'masquerade') {
    const after = structuredClone(pkt);
    let what: string;
    if (v.verdict === 'dnat') {
      const [ip, port] = (v.to ?? '').split(':');
      after.ip.dst = ip;
      if (port && after.l4.proto !== 'icmp') after.l4.dport = Number(port);
      what = `DNAT ${pkt.ip.dst}${pkt.l4.proto !== 'icmp' ? `:${pkt.l4.dport}` : ''} → ${v.to}`;
      if (ct.entry) {
        ct.entry.reply.src = after.ip.dst;
        if (after.l4.proto !== 'icmp') ct.entry.reply.sport = after.l4.dport;
      }
    } else {
      after.ip.src = primaryAddress(ns, outIface);
      what = `MASQUERADE ${pkt.ip.src} → ${after.ip.src}`;
      if (ct.entry) ct.entry.reply.dst = after.ip.src;
    }
    return { stage, summary: `${head}: ${what} (conntrack remembers it for the reply) — ${walk}`, decidedBy, before: pkt, after };
  }
  // accept by a rule, or the policy after a rule set the mark (mark-for-masquerade).
  const what = v.rule ? 'accept' : `policy accept, packet mark ${hex(v.mark)} (to be masqueraded in postrouting)`;
  return { stage, summary: `${head}: ${what} — ${walk}`, decidedBy, before: pkt, after: pkt };
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
