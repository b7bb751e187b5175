/**
 * iptables-nft's tables as `nft list ruleset` shows them. The node's iptables is the nf_tables
 * backend (`iptables v1.8.9 (nf_tables)`), so flannel's and Calico's rules are nft tables too
 * (`table ip filter`, `table ip nat`), beside kube-proxy's `ip kube-proxy`. Matches iptables-nft
 * builds natively are printed natively; the rest as the xtables compat expressions they are
 * (`xt match "addrtype"`, `xt target "MASQUERADE"`). Every rule carries iptables' counter.
 */
import { builtinChains, isBuiltinChain, type IptablesState, type Match, type Rule, type TableName } from '../net/iptables';
import { prioText } from '../net/nftFormat';
import { PRIORITY, type NftHook } from '../net/nftables';

const ORDER: TableName[] = ['filter', 'nat', 'mangle', 'raw'];

function hookPriority(table: TableName, hook: string): number {
  if (table === 'nat') return hook === 'PREROUTING' || hook === 'OUTPUT' ? PRIORITY.dstnat : PRIORITY.srcnat;
  return PRIORITY[table];
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
const addr = (cidr: string): string => (cidr.endsWith('/32') ? cidr.slice(0, -3) : cidr);
const iface = (name: string): string => `"${name.endsWith('+') ? `${name.slice(0, -1)}*` : name}"`;

function matchText(m: Match, proto: string | undefined): string | undefined {
  const ne = 'negate' in m && m.negate ? '!= ' : '';
  switch (m.kind) {
    case 'src':
    case 'dst':
      return `ip ${m.kind === 'src' ? 'saddr' : 'daddr'} ${ne}${addr(m.cidr)}`;
    case 'in':
    case 'out':
      return `${m.kind === 'in' ? 'iifname' : 'oifname'} ${ne}${iface(m.iface)}`;
    case 'proto':
      return undefined; // folded into the port match, or printed below
    case 'sport':
    case 'dport': {
      const all = [...m.ports.map(String), ...(m.ranges ?? []).map(([a, b]) => `${a}-${b}`)];
      return `${proto ?? 'th'} ${m.kind} ${ne}${all.length === 1 ? all[0] : `{ ${all.join(', ')} }`}`;
    }
    case 'comment':
      return undefined; // printed at the end of the rule
    case 'ctstate':
      return m.states.every((s) => ['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED'].includes(s)) ? `ct state ${ne}${m.states.map((s) => s.toLowerCase()).join(',')}` : 'xt match "conntrack"';
    case 'mark':
      return `meta mark & ${hex(m.mask)} ${m.negate ? '!=' : '=='} ${hex(m.value)}`;
    default:
      return `xt match "${m.kind === 'set' ? 'set' : m.kind}"`;
  }
}

function targetText(r: Rule, table: TableName): string {
  const t = r.target;
  if (!t) return '';
  if (t === 'ACCEPT' || t === 'DROP' || t === 'RETURN') return t.toLowerCase();
  if (t === 'REJECT') return 'reject';
  if (isBuiltinChain(table, t) || ['DNAT', 'SNAT', 'MASQUERADE', 'MARK', 'LOG'].includes(t)) return `xt target "${t}"`;
  return `${r.goto ? 'goto' : 'jump'} ${t}`;
}

export function ruleText(r: Rule, table: TableName): string {
  const proto = r.matches.find((m): m is Extract<Match, { kind: 'proto' }> => m.kind === 'proto');
  const hasPort = r.matches.some((m) => m.kind === 'sport' || m.kind === 'dport');
  const parts: string[] = [];
  if (proto && proto.proto !== 'all' && !hasPort) parts.push(`meta l4proto ${proto.negate ? '!= ' : ''}${proto.proto}`);
  for (const m of r.matches) {
    const s = matchText(m, proto?.proto);
    if (s) parts.push(s);
  }
  parts.push(`counter packets ${r.packets} bytes ${r.bytes}`);
  const target = targetText(r, table);
  if (target) parts.push(target);
  const comment = r.matches.find((m): m is Extract<Match, { kind: 'comment' }> => m.kind === 'comment');
  return parts.join(' ') + (comment ? ` comment "${comment.text}"` : '');
}

/** One iptables table as nft lists it; undefined when iptables-nft never made it (nothing in it). */
export function iptablesTableText(state: IptablesState, table: TableName): string | undefined {
  const chains = Object.values(state[table]).filter((c) => !isBuiltinChain(table, c.name) || c.rules.length > 0 || c.policy === 'DROP');
  if (chains.length === 0) return undefined;
  const type = table === 'nat' ? 'nat' : table === 'mangle' ? 'filter' : 'filter';
  const body = chains.map((c) => {
    const lines = [`\tchain ${c.name} {`];
    if (builtinChains(table).includes(c.name)) {
      const hook = c.name.toLowerCase() as NftHook;
      const chainType = table === 'mangle' && c.name === 'OUTPUT' ? 'route' : type;
      lines.push(`\t\ttype ${chainType} hook ${hook} priority ${prioText(hookPriority(table, c.name), hook)}; policy ${(c.policy ?? 'ACCEPT').toLowerCase()};`);
    }
    for (const r of c.rules) lines.push(`\t\t${ruleText(r, table)}`);
    lines.push('\t}');
    return lines.join('\n');
  });
  return [`table ip ${table} {`, body.join('\n\n'), '}'].join('\n');
}

/** iptables-nft's tables that exist, in the order they are listed. */
export function iptablesTables(state: IptablesState): { name: TableName; text: string }[] {
  return ORDER.map((name) => ({ name, text: iptablesTableText(state, name) })).filter((x): x is { name: TableName; text: string } => x.text !== undefined);
}
