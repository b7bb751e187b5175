/**
 * iptables as data: tables of chains, each with a policy (built-in chains only), ordered
 * rules and counters. Rules are kept in iptables-save syntax, parsed once into matches and a
 * target, so what the learner reads is exactly what is evaluated.
 */
import { cidrContains } from './ip';

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';

export interface Rule {
  /** The rule as iptables-save prints it, without the leading `-A CHAIN`. */
  spec: string;
  matches: Match[];
  target?: string;
  targetArgs: Record<string, string>;
  packets: number;
  bytes: number;
}

export interface Chain {
  name: string;
  policy?: 'ACCEPT' | 'DROP';
  rules: Rule[];
  packets: number;
  bytes: number;
}

export type IptablesState = Record<TableName, Record<string, Chain>>;

export type Match =
  | { kind: 'src' | 'dst'; cidr: string; negate: boolean }
  | { kind: 'in' | 'out'; iface: string; negate: boolean }
  | { kind: 'proto'; proto: string; negate: boolean }
  | { kind: 'sport' | 'dport'; port: number; negate: boolean }
  | { kind: 'comment'; text: string };

const BUILTIN: Record<TableName, string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export function emptyIptables(): IptablesState {
  const state = {} as IptablesState;
  for (const table of Object.keys(BUILTIN) as TableName[]) {
    state[table] = {};
    for (const name of BUILTIN[table]) state[table][name] = { name, policy: 'ACCEPT', rules: [], packets: 0, bytes: 0 };
  }
  return state;
}

export function isBuiltinChain(table: TableName, chain: string): boolean {
  return BUILTIN[table].includes(chain);
}

/** Splits a rule the way a shell would (quotes group words). */
export function shellWords(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] !== undefined ? m[2] : m[3]);
  return out;
}

/** Parses rule words (`-s 10.244.0.0/16 -j ACCEPT`); throws with iptables' own wording. */
export function parseRule(words: string[]): Rule {
  const matches: Match[] = [];
  let target: string | undefined;
  const targetArgs: Record<string, string> = {};
  let negate = false;
  const specParts: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const arg = (): string => {
      const v = words[++i];
      if (v === undefined) throw new Error(`iptables v1.8.9 (nf_tables): option "${w}" requires an argument`);
      return v;
    };
    if (w === '!') {
      negate = true;
      continue;
    }
    const neg = negate;
    negate = false;
    const bang = neg ? '! ' : '';
    switch (w) {
      case '-s':
      case '--source':
      case '-d':
      case '--destination': {
        const v = normaliseCidr(arg());
        matches.push({ kind: w.startsWith('-s') || w === '--source' ? 'src' : 'dst', cidr: v, negate: neg });
        specParts.push(`${bang}${w === '--source' ? '-s' : w === '--destination' ? '-d' : w} ${v}`);
        break;
      }
      case '-i':
      case '-o': {
        const v = arg();
        matches.push({ kind: w === '-i' ? 'in' : 'out', iface: v, negate: neg });
        specParts.push(`${bang}${w} ${v}`);
        break;
      }
      case '-p': {
        const v = arg().toLowerCase();
        matches.push({ kind: 'proto', proto: v, negate: neg });
        specParts.push(`${bang}-p ${v}`);
        break;
      }
      case '-m': {
        const v = arg();
        specParts.push(`-m ${v}`);
        break;
      }
      case '--comment': {
        const v = arg();
        matches.push({ kind: 'comment', text: v });
        specParts.push(`--comment ${/\s/.test(v) ? `"${v}"` : v}`);
        break;
      }
      case '--sport':
      case '--dport': {
        const v = arg();
        const port = Number(v);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`iptables v1.8.9 (nf_tables): invalid port/service \`${v}' specified`);
        matches.push({ kind: w === '--sport' ? 'sport' : 'dport', port, negate: neg });
        specParts.push(`${bang}${w} ${port}`);
        break;
      }
      case '-j':
      case '--jump': {
        target = arg();
        specParts.push(`-j ${target}`);
        break;
      }
      case '--to-destination':
      case '--to-source':
      case '--random-fully':
      case '--reject-with': {
        const v = w === '--random-fully' ? '' : arg();
        targetArgs[w] = v;
        specParts.push(v ? `${w} ${v}` : w);
        break;
      }
      default:
        throw new Error(`iptables v1.8.9 (nf_tables): unknown option "${w}"`);
    }
  }
  return { spec: specParts.join(' '), matches, target, targetArgs, packets: 0, bytes: 0 };
}

function normaliseCidr(v: string): string {
  const withPrefix = v.includes('/') ? v : `${v}/32`;
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(withPrefix)) throw new Error(`iptables v1.8.9 (nf_tables): host/network \`${v}' not found`);
  return withPrefix;
}

/** What a hook sees of a packet. */
export interface PacketView {
  src: string;
  dst: string;
  proto: string;
  sport?: number;
  dport?: number;
  inIface?: string;
  outIface?: string;
  length: number;
}

function ifaceMatches(pattern: string, iface: string | undefined): boolean {
  if (iface === undefined) return false;
  return pattern.endsWith('+') ? iface.startsWith(pattern.slice(0, -1)) : pattern === iface;
}

export function ruleMatches(rule: Rule, p: PacketView): boolean {
  for (const m of rule.matches) {
    let ok: boolean;
    switch (m.kind) {
      case 'src':
        ok = cidrContains(m.cidr, p.src) !== m.negate;
        break;
      case 'dst':
        ok = cidrContains(m.cidr, p.dst) !== m.negate;
        break;
      case 'in':
        ok = ifaceMatches(m.iface, p.inIface) !== m.negate;
        break;
      case 'out':
        ok = ifaceMatches(m.iface, p.outIface) !== m.negate;
        break;
      case 'proto':
        ok = (m.proto === 'all' || m.proto === p.proto) !== m.negate;
        break;
      case 'sport':
        ok = (p.sport === m.port) !== m.negate;
        break;
      case 'dport':
        ok = (p.dport === m.port) !== m.negate;
        break;
      case 'comment':
        ok = true;
        break;
    }
    if (!ok) return false;
  }
  return true;
}

/** The outcome of one hook: the terminal verdict and the rule (or policy) that gave it. */
export interface HookVerdict {
  verdict: 'ACCEPT' | 'DROP' | 'REJECT' | 'MASQUERADE' | 'SNAT' | 'DNAT';
  table: TableName;
  chain: string;
  /** `-A CHAIN spec` of the deciding rule, or `:CHAIN POLICY` for the chain policy. */
  decidedBy: string;
  ruleNumber?: number;
  targetArgs?: Record<string, string>;
}

/**
 * Runs one built-in chain of one table over a packet, following jumps and RETURN, updating
 * counters. Returns undefined when the chain is empty with policy ACCEPT (nothing to show).
 */
export function runChain(state: IptablesState, table: TableName, chainName: string, p: PacketView): HookVerdict | undefined {
  const chains = state[table];
  const base = chains[chainName];
  if (!base) return undefined;
  if (base.rules.length === 0 && base.policy !== 'DROP') return undefined;
  const stack: { chain: Chain; index: number }[] = [{ chain: base, index: 0 }];
  let depth = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.chain.rules.length) {
      stack.pop();
      if (stack.length === 0) {
        base.packets++;
        base.bytes += p.length;
        const policy = base.policy ?? 'ACCEPT';
        return { verdict: policy, table, chain: chainName, decidedBy: `:${chainName} ${policy}` };
      }
      continue;
    }
    const rule = frame.chain.rules[frame.index++];
    if (!ruleMatches(rule, p)) continue;
    rule.packets++;
    rule.bytes += p.length;
    const t = rule.target;
    const decidedBy = `-A ${frame.chain.name} ${rule.spec}`;
    const ruleNumber = frame.index;
    if (!t) continue;
    if (t === 'RETURN') {
      stack.pop();
      if (stack.length === 0) {
        const policy = base.policy ?? 'ACCEPT';
        return { verdict: policy, table, chain: chainName, decidedBy: `:${chainName} ${policy}` };
      }
      continue;
    }
    if (t === 'ACCEPT' || t === 'DROP' || t === 'REJECT' || t === 'MASQUERADE' || t === 'SNAT' || t === 'DNAT') {
      return { verdict: t, table, chain: frame.chain.name, decidedBy, ruleNumber, targetArgs: rule.targetArgs };
    }
    const next = chains[t];
    if (next && ++depth < 64) stack.push({ chain: next, index: 0 });
  }
  return undefined;
}
