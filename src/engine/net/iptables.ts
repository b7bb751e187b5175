/**
 * iptables as data: tables of chains, each with a policy (built-in chains only), ordered
 * rules and counters. A rule is parsed once from iptables' own syntax into matches and a
 * target; `spec` is the rule as iptables-save prints it, so what the learner reads is
 * exactly what is evaluated.
 */
import { ruleMatches, type PacketView } from './iptablesMatch';

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';
export const TABLES: TableName[] = ['raw', 'mangle', 'filter', 'nat'];

export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' | 'DNAT' | 'SNAT';

export type Match =
  | { kind: 'src' | 'dst'; cidr: string; negate: boolean }
  | { kind: 'in' | 'out'; iface: string; negate: boolean }
  | { kind: 'proto'; proto: string; negate: boolean }
  | { kind: 'sport' | 'dport'; ports: number[]; negate: boolean; /** multiport ranges (first:last). */ ranges?: [number, number][] }
  | { kind: 'set'; name: string; flags: ('src' | 'dst')[]; negate: boolean }
  | { kind: 'comment'; text: string }
  | { kind: 'ctstate'; states: CtState[]; negate: boolean }
  | { kind: 'addrtype'; which: 'src' | 'dst'; type: string; negate: boolean }
  | { kind: 'mark'; value: number; mask: number; negate: boolean }
  | { kind: 'statistic'; probability: number }
  /** xt_recent: a named list of source addresses with the time each was last seen. */
  | { kind: 'recent'; name: string; op: 'set' | 'rcheck' | 'update' | 'remove'; seconds?: number; reap: boolean; negate: boolean };

export interface Rule {
  /** The rule as iptables-save prints it, without the leading `-A CHAIN`. */
  spec: string;
  matches: Match[];
  target?: string;
  /** -g (goto) instead of -j: RETURN from the target goes back past this chain. */
  goto?: boolean;
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

const BUILTIN: Record<TableName, string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** Targets built into iptables (anything else must be a user chain). */
export const TARGETS = ['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'DNAT', 'SNAT', 'MASQUERADE', 'MARK', 'LOG'];
const NAT_ONLY = ['DNAT', 'SNAT', 'MASQUERADE'];

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

export function builtinChains(table: TableName): readonly string[] {
  return BUILTIN[table];
}

/**
 * Splits a command line the way a POSIX shell does: whitespace separates words, quotes group
 * (and may sit inside a word: `jsonpath='{.items[*].metadata.name}'` is one word), a
 * backslash escapes the next character outside single quotes.
 */
export function shellWords(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word += end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
      i = end < 0 ? text.length : end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) word += text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1]) ? text[++j] : text[j];
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) out.push(word);
  return out;
}

const ERR = 'iptables v1.8.9 (nf_tables)';

export class IptablesError extends Error {}

function normaliseCidr(v: string): string {
  const withPrefix = v.includes('/') ? v : `${v}/32`;
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(withPrefix);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) throw new IptablesError(`${ERR}: host/network \`${v}' not found`);
  return withPrefix;
}

/** multiport's first:last ranges. */
function parseRanges(v: string): [number, number][] {
  return v
    .split(',')
    .filter((p) => p.includes(':'))
    .map((p) => {
      const [a, b] = p.split(':').map(Number);
      if (!Number.isInteger(a) || !Number.isInteger(b) || a > 65535 || b > 65535 || a > b) throw new IptablesError(`${ERR}: invalid portrange specified`);
      return [a, b];
    });
}

function parsePorts(v: string, multi: boolean): number[] {
  const parts = multi ? v.split(',').filter((p) => !p.includes(':')) : [v];
  return parts.map((p) => {
    const n = Number(p);
    if (!/^\d+$/.test(p) || n > 65535) throw new IptablesError(`${ERR}: invalid port/service \`${p}' specified`);
    return n;
  });
}

function parseMark(v: string): { value: number; mask: number } {
  const [a, b] = v.split('/');
  const value = Number(a);
  const mask = b === undefined ? 0xffffffff : Number(b);
  if (!Number.isFinite(value) || !Number.isFinite(mask)) throw new IptablesError(`${ERR}: Bad MARK value "${v}"`);
  return { value: value >>> 0, mask: mask >>> 0 };
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
/** xtables_save_string: only [A-Za-z0-9_-] goes unquoted; anything else is quoted, with \" and \\ escaped. */
const quote = (s: string): string => (/^[A-Za-z0-9_-]+$/.test(s) ? s : `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`);

/**
 * Parses rule words (`-s 10.244.0.0/16 -j ACCEPT`); throws IptablesError with iptables'
 * own wording. `table` checks that NAT targets are only used in the nat table.
 */
export function parseRule(words: string[], table: TableName = 'filter'): Rule {
  const matches: Match[] = [];
  const base: string[] = [];
  const modules: string[] = [];
  let target: string | undefined;
  let goto = false;
  const targetArgs: Record<string, string> = {};
  let proto: string | undefined;
  let negate = false;
  let module: string | undefined;
  const loaded = new Set<string>();
  let recent: Extract<Match, { kind: 'recent' }> | undefined;
  let recentAt = -1;
  // An explicit -m loads a new instance: `-m comment --comment a -m comment --comment b` keeps both (felix does this).
  const useModule = (m: string, again = false): void => {
    if (!loaded.has(m) || again) {
      loaded.add(m);
      modules.push(`-m ${m}`);
    }
    module = m;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const arg = (): string => {
      const v = words[++i];
      if (v === undefined) throw new IptablesError(`${ERR}: option "${w}" requires an argument`);
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
        const kind = w === '-s' || w === '--source' ? 'src' : 'dst';
        matches.push({ kind, cidr: v, negate: neg });
        base.push(`${bang}${kind === 'src' ? '-s' : '-d'} ${v}`);
        break;
      }
      case '-i':
      case '--in-interface':
      case '-o':
      case '--out-interface': {
        const v = arg();
        const kind = w === '-i' || w === '--in-interface' ? 'in' : 'out';
        matches.push({ kind, iface: v, negate: neg });
        base.push(`${bang}${kind === 'in' ? '-i' : '-o'} ${v}`);
        break;
      }
      case '-p':
      case '--protocol': {
        const v = arg().toLowerCase();
        if (!['tcp', 'udp', 'icmp', 'all', 'sctp'].includes(v)) throw new IptablesError(`${ERR}: unknown protocol "${v}" specified`);
        proto = v;
        matches.push({ kind: 'proto', proto: v, negate: neg });
        base.push(`${bang}-p ${v}`);
        break;
      }
      case '-m':
      case '--match': {
        const v = arg();
        if (!['comment', 'conntrack', 'state', 'addrtype', 'mark', 'statistic', 'tcp', 'udp', 'icmp', 'multiport', 'recent', 'set'].includes(v)) {
          throw new IptablesError(`${ERR}: Couldn't load match \`${v}':No such file or directory`);
        }
        useModule(v, ['comment', 'set', 'mark'].includes(v));
        if (v === 'recent') {
          recent = { kind: 'recent', name: 'DEFAULT', op: 'set', reap: false, negate: false };
          recentAt = modules.length;
          modules.push('');
          matches.push(recent);
        }
        break;
      }
      case '--name':
      case '--set':
      case '--rcheck':
      case '--update':
      case '--remove':
      case '--seconds':
      case '--reap':
      case '--rsource':
      case '--mask': {
        if (module !== 'recent' || !recent) throw new IptablesError(`${ERR}: unknown option "${w}"`);
        if (w === '--name') recent.name = arg();
        else if (w === '--seconds') recent.seconds = Number(arg());
        else if (w === '--reap') recent.reap = true;
        else if (w === '--mask') {
          if (arg() !== '255.255.255.255') throw new IptablesError(`${ERR}: recent: only --mask 255.255.255.255 is simulated`);
        } else if (w !== '--rsource') {
          recent.op = w.slice(2) as 'set' | 'rcheck' | 'update' | 'remove';
          recent.negate = neg;
        }
        break;
      }
      case '--comment': {
        if (module !== 'comment') throw new IptablesError(`${ERR}: unknown option "--comment"`);
        const v = arg();
        if (v.length > 256) throw new IptablesError(`${ERR}: COMMENT match: comment too long (${v.length} > 256)`);
        matches.push({ kind: 'comment', text: v });
        modules.push(`--comment ${quote(v)}`);
        break;
      }
      case '--ctstate':
      case '--state': {
        if (module !== 'conntrack' && module !== 'state') throw new IptablesError(`${ERR}: unknown option "${w}"`);
        const v = arg();
        const states = v.split(',') as CtState[];
        for (const s of states) if (!['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'DNAT', 'SNAT'].includes(s)) throw new IptablesError(`${ERR}: Bad ctstate "${s}"`);
        matches.push({ kind: 'ctstate', states, negate: neg });
        modules.push(`${bang}${module === 'state' ? '--state' : '--ctstate'} ${states.join(',')}`);
        break;
      }
      case '--src-type':
      case '--dst-type': {
        if (module !== 'addrtype') throw new IptablesError(`${ERR}: unknown option "${w}"`);
        const v = arg();
        matches.push({ kind: 'addrtype', which: w === '--src-type' ? 'src' : 'dst', type: v, negate: neg });
        modules.push(`${bang}${w} ${v}`);
        break;
      }
      case '--mark': {
        if (module !== 'mark') throw new IptablesError(`${ERR}: unknown option "--mark"`);
        const { value, mask } = parseMark(arg());
        matches.push({ kind: 'mark', value, mask, negate: neg });
        modules.push(`${bang}--mark ${hex(value)}${mask === 0xffffffff ? '' : `/${hex(mask)}`}`);
        break;
      }
      case '--match-set': {
        if (module !== 'set') throw new IptablesError(`${ERR}: unknown option "--match-set"`);
        const name = arg();
        const dirs = arg();
        const flags = dirs.split(',');
        if (flags.some((f) => f !== 'src' && f !== 'dst')) throw new IptablesError(`${ERR}: You must specify (the comma separated list of) 'src' or 'dst'.`);
        matches.push({ kind: 'set', name, flags: flags as ('src' | 'dst')[], negate: neg });
        modules.push(`${bang}--match-set ${name} ${dirs}`);
        break;
      }
      case '--mode': {
        if (module !== 'statistic') throw new IptablesError(`${ERR}: unknown option "--mode"`);
        const v = arg();
        if (v !== 'random') throw new IptablesError(`${ERR}: statistic: only --mode random is simulated`);
        modules.push('--mode random');
        break;
      }
      case '--probability': {
        const p = Number(arg());
        if (!(p >= 0 && p <= 1)) throw new IptablesError(`${ERR}: invalid --probability "${words[i]}", must be between 0 and 1`);
        // xt_statistic keeps the probability as a 31-bit fraction; iptables prints it back with %.11f.
        const q = Math.round(0x80000000 * p) / 0x80000000;
        matches.push({ kind: 'statistic', probability: q });
        modules.push(`--probability ${q.toFixed(11)}`);
        break;
      }
      case '--sport':
      case '--source-port':
      case '--dport':
      case '--destination-port':
      case '--dports':
      case '--sports': {
        const multi = w === '--dports' || w === '--sports';
        if (multi && module !== 'multiport') throw new IptablesError(`${ERR}: unknown option "${w}"`);
        if (!multi && proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') throw new IptablesError(`${ERR}: unknown option "${w}"`);
        if (!multi && !loaded.has(proto!)) useModule(proto!);
        const raw = arg();
        const ports = parsePorts(raw, multi);
        const ranges = multi ? parseRanges(raw) : [];
        const kind = w.includes('s') && (w === '--sport' || w === '--source-port' || w === '--sports') ? 'sport' : 'dport';
        matches.push(ranges.length > 0 ? { kind, ports, negate: neg, ranges } : { kind, ports, negate: neg });
        modules.push(`${bang}${multi ? w : kind === 'sport' ? '--sport' : '--dport'} ${multi ? raw : ports.join(',')}`);
        break;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        target = arg();
        goto = w === '-g' || w === '--goto';
        if (NAT_ONLY.includes(target) && table !== 'nat') throw new IptablesError(`${ERR}: RULE_APPEND failed (Invalid argument): rule in chain of table ${table}: the ${target} target is only valid in the nat table`);
        break;
      }
      case '--to-destination':
      case '--to-source':
      case '--to-ports':
      case '--reject-with':
      case '--set-xmark':
      case '--set-mark':
      case '--or-mark':
      case '--xor-mark':
      case '--log-prefix': {
        targetArgs[w] = arg();
        break;
      }
      case '--random-fully':
      case '--random':
        targetArgs[w] = '';
        break;
      default:
        throw new IptablesError(`${ERR}: unknown option "${w}"`);
    }
  }
  if (negate) throw new IptablesError(`${ERR}: multiple consecutive ! not allowed`);
  if (recent) {
    // libxt_recent's save order: the command, --seconds, --reap, then --name, --mask and --rsource.
    if (recent.reap && !recent.seconds) throw new IptablesError(`${ERR}: recent: --reap requires --seconds`);
    const r = recent;
    modules[recentAt] = [`${r.negate ? '! ' : ''}--${r.op}`, r.seconds ? `--seconds ${r.seconds}` : '', r.reap ? '--reap' : '', `--name ${r.name}`, '--mask 255.255.255.255 --rsource'].filter(Boolean).join(' ');
  }
  const tparts: string[] = [];
  if (target) {
    tparts.push(`${goto ? '-g' : '-j'} ${target}`);
    for (const [k, v] of Object.entries(targetArgs)) {
      if (k === '--set-mark') tparts.push(`--set-xmark ${hex(parseMark(v).value)}/${hex(0xffffffff)}`);
      else tparts.push(v === '' ? k : `${k} ${k === '--log-prefix' ? quote(v) : v}`);
    }
    if (target === 'DNAT' && !targetArgs['--to-destination']) throw new IptablesError(`${ERR}: DNAT: option "--to-destination" is required`);
    if (target === 'SNAT' && !targetArgs['--to-source']) throw new IptablesError(`${ERR}: SNAT: option "--to-source" is required`);
  }
  return { spec: [...base, ...modules, ...tparts].join(' '), matches, target, goto, targetArgs, packets: 0, bytes: 0 };
}

export { ruleMatches, type PacketView } from './iptablesMatch';

/** The outcome of one table's chain: the verdict and the rule (or policy) that gave it. */
export interface HookVerdict {
  verdict: 'ACCEPT' | 'DROP' | 'REJECT' | 'MASQUERADE' | 'SNAT' | 'DNAT';
  table: TableName;
  chain: string;
  /** `-A CHAIN spec` of the deciding rule, or `:CHAIN POLICY` for a chain policy. */
  decidedBy: string;
  ruleNumber?: number;
  targetArgs?: Record<string, string>;
  /** Every rule that matched on the way (jumps, MARKs), in order, as `-A CHAIN spec`. */
  path: string[];
  /** The packet mark after MARK targets ran. */
  mark: number;
}

const TERMINAL = ['ACCEPT', 'DROP', 'REJECT', 'MASQUERADE', 'SNAT', 'DNAT'] as const;

/**
 * Runs one built-in chain of one table over a packet, following jumps, gotos and RETURN and
 * updating counters. Returns undefined when the chain is empty with policy ACCEPT.
 */
export function runChain(state: IptablesState, table: TableName, chainName: string, p: PacketView): HookVerdict | undefined {
  const chains = state[table];
  const base = chains[chainName];
  if (!base) return undefined;
  if (base.rules.length === 0 && base.policy !== 'DROP') return undefined;
  let mark = p.mark;
  // One view for the whole walk (MARK targets update its mark), not a copy per rule.
  const view: PacketView = { ...p, mark };
  const path: string[] = [];
  const policy = (): HookVerdict => {
    base.packets++;
    base.bytes += p.length;
    const pol = base.policy ?? 'ACCEPT';
    return { verdict: pol, table, chain: chainName, decidedBy: `:${chainName} ${pol}`, path, mark };
  };
  const stack: { chain: Chain; index: number; goto: boolean }[] = [{ chain: base, index: 0, goto: false }];
  let depth = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.chain.rules.length) {
      // End of a user chain is an implicit RETURN (past any goto frames).
      stack.pop();
      while (stack.length > 0 && stack[stack.length - 1].goto) stack.pop();
      if (stack.length === 0) return policy();
      continue;
    }
    const rule = frame.chain.rules[frame.index++];
    view.mark = mark;
    if (!ruleMatches(rule, view)) continue;
    rule.packets++;
    rule.bytes += p.length;
    const t = rule.target;
    const line = `-A ${frame.chain.name} ${rule.spec}`;
    if (!t) continue;
    if (t === 'RETURN') {
      path.push(line);
      stack.pop();
      while (stack.length > 0 && stack[stack.length - 1].goto) stack.pop();
      if (stack.length === 0) return policy();
      continue;
    }
    if (t === 'MARK') {
      path.push(line);
      const set = rule.targetArgs['--set-xmark'] ?? rule.targetArgs['--set-mark'];
      const or = rule.targetArgs['--or-mark'];
      const xor = rule.targetArgs['--xor-mark'];
      if (xor) mark = (mark ^ parseMark(xor).value) >>> 0;
      if (set) {
        const { value, mask } = parseMark(set);
        mark = ((mark & ~mask) ^ value) >>> 0;
      }
      if (or) mark = (mark | parseMark(or).value) >>> 0;
      continue;
    }
    if (t === 'LOG') continue;
    if ((TERMINAL as readonly string[]).includes(t)) {
      return { verdict: t as HookVerdict['verdict'], table, chain: frame.chain.name, decidedBy: line, ruleNumber: frame.index, targetArgs: rule.targetArgs, path, mark };
    }
    const next = chains[t];
    if (next && ++depth < 256) {
      path.push(line);
      if (rule.goto) frame.goto = true;
      stack.push({ chain: next, index: 0, goto: false });
    }
  }
  return undefined;
}
