/**
 * The `iptables` command (nf_tables flavour, 1.8.9): -A/-I/-D/-R/-N/-X/-F/-Z/-P/-E to change
 * rules, -L (with -n, -v, -x, --line-numbers) and -S to show them, in iptables' own words.
 */
import { builtinChains, isBuiltinChain, IptablesError, parseRule, TABLES, TARGETS, type Chain, type IptablesState, type Match, type Rule, type TableName } from '../net/iptables';
import { fail, ok, type Command, type CommandResult } from './types';

const V = 'iptables v1.8.9 (nf_tables)';
const HELP = `Try \`iptables -h' or 'iptables --help' for more information.`;
const NO_CHAIN = 'iptables: No chain/target/match by that name.';

/** xtables' number format: above 99999 the value is shown in K, M, G. */
function num(n: number, exact: boolean): string {
  if (exact || n <= 99999) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v > 9999 && u < units.length - 1) {
    v = Math.floor(v / 1000);
    u++;
  }
  return `${v}${units[u]}`;
}

function references(state: IptablesState, table: TableName, chain: string): number {
  return Object.values(state[table]).reduce((s, c) => s + c.rules.filter((r) => r.target === chain).length, 0);
}

/** The extra column of -L: what iptables prints for matches and target options. */
function extras(rule: Rule): string {
  const parts: string[] = [];
  for (const m of rule.matches) parts.push(matchText(m));
  const a = rule.targetArgs;
  if (a['--to-destination']) parts.push(`to:${a['--to-destination']}`);
  if (a['--to-source']) parts.push(`to:${a['--to-source']}`);
  if ('--random-fully' in a) parts.push('random-fully');
  if (a['--set-xmark']) parts.push(`MARK xset ${a['--set-xmark']}`);
  if (a['--or-mark']) parts.push(`MARK or ${a['--or-mark']}`);
  if (a['--xor-mark']) parts.push(`MARK xor ${a['--xor-mark']}`);
  if (a['--reject-with']) parts.push(`reject-with ${a['--reject-with']}`);
  return parts.filter(Boolean).join(' ');
}

function matchText(m: Match): string {
  const bang = 'negate' in m && m.negate ? '! ' : '';
  switch (m.kind) {
    case 'comment':
      return `/* ${m.text} */`;
    case 'sport':
    case 'dport':
      return m.ports.length > 1 ? `multiport ${m.kind}s ${bang}${m.ports.join(',')}` : `${m.kind === 'sport' ? 'spt' : 'dpt'}:${bang}${m.ports[0]}`;
    case 'ctstate':
      return `ctstate ${bang}${m.states.join(',')}`;
    case 'addrtype':
      return `ADDRTYPE match ${m.which}-type ${bang}${m.type}`;
    case 'mark':
      return `mark match ${bang}0x${m.value.toString(16)}${m.mask === 0xffffffff ? '' : `/0x${m.mask.toString(16)}`}`;
    case 'statistic':
      return `statistic mode random probability ${m.probability.toFixed(11)}`;
    case 'set':
      return `${bang}match-set ${m.name} ${m.flags.join(',')}`;
    default:
      return '';
  }
}

function addr(rule: Rule, kind: 'src' | 'dst', numeric: boolean): string {
  const m = rule.matches.find((x) => x.kind === kind) as Extract<Match, { kind: 'src' | 'dst' }> | undefined;
  if (!m) return numeric ? '0.0.0.0/0' : 'anywhere';
  const a = m.cidr.endsWith('/32') ? m.cidr.slice(0, -3) : m.cidr;
  return `${m.negate ? '!' : ''}${a}`;
}

function iface(rule: Rule, kind: 'in' | 'out', verbose: boolean): string {
  const m = rule.matches.find((x) => x.kind === kind) as Extract<Match, { kind: 'in' | 'out' }> | undefined;
  if (!m) return verbose ? '*' : '';
  return `${m.negate ? '!' : ''}${m.iface}`;
}

function proto(rule: Rule): string {
  const m = rule.matches.find((x) => x.kind === 'proto') as Extract<Match, { kind: 'proto' }> | undefined;
  return m ? `${m.negate ? '!' : ''}${m.proto}` : 'all';
}

interface ListOpts {
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

function listChain(state: IptablesState, table: TableName, c: Chain, o: ListOpts): string[] {
  const builtin = isBuiltinChain(table, c.name);
  const head = builtin
    ? `Chain ${c.name} (policy ${c.policy ?? 'ACCEPT'}${o.verbose ? ` ${num(c.packets, o.exact)} packets, ${num(c.bytes, o.exact)} bytes` : ''})`
    : `Chain ${c.name} (${references(state, table, c.name)} references)`;
  const cols = (r: { n?: string; pkts?: string; bytes?: string; target: string; prot: string; opt: string; in?: string; out?: string; src: string; dst: string; extra: string }): string => {
    let line = '';
    if (o.lineNumbers) line += (r.n ?? '').padEnd(4) + ' ';
    if (o.verbose) line += `${(r.pkts ?? '').padStart(5)} ${(r.bytes ?? '').padStart(5)} `;
    line += `${r.target.padEnd(10)} ${r.prot.padEnd(4)} ${r.opt.padEnd(3)} `;
    if (o.verbose) line += `${(r.in ?? '').padEnd(6)} ${(r.out ?? '').padEnd(7)} `;
    line += `${r.src.padEnd(20)} ${r.dst.padEnd(20)} ${r.extra}`;
    return r.extra ? line : line.replace(/ $/, ' ');
  };
  const header = cols({ n: 'num', pkts: 'pkts', bytes: 'bytes', target: 'target', prot: 'prot', opt: 'opt', in: 'in', out: 'out', src: 'source', dst: 'destination', extra: '' });
  const rows = c.rules.map((r, i) =>
    cols({
      n: String(i + 1),
      pkts: num(r.packets, o.exact),
      bytes: num(r.bytes, o.exact),
      target: r.target ?? '',
      prot: proto(r),
      opt: '--',
      in: iface(r, 'in', true),
      out: iface(r, 'out', true),
      src: addr(r, 'src', o.numeric),
      dst: addr(r, 'dst', o.numeric),
      extra: extras(r),
    }),
  );
  return [head, header, ...rows];
}

function save(state: IptablesState, table: TableName, chain?: string): string {
  const chains = Object.values(state[table]).filter((c) => !chain || c.name === chain);
  const lines: string[] = [];
  for (const c of chains) if (isBuiltinChain(table, c.name)) lines.push(`-P ${c.name} ${c.policy ?? 'ACCEPT'}`);
  for (const c of chains) if (!isBuiltinChain(table, c.name)) lines.push(`-N ${c.name}`);
  for (const c of chains) for (const r of c.rules) lines.push(`-A ${c.name} ${r.spec}`);
  return lines.join('\n');
}

function sameRule(a: Rule, b: Rule): boolean {
  return a.spec === b.spec;
}

/** Runs an iptables command line against one namespace's tables. */
export function runIptables(args: string[], state: IptablesState): CommandResult {
  let table: TableName = 'filter';
  let cmd: string | undefined;
  let chain: string | undefined;
  let chain2: string | undefined;
  let index: number | undefined;
  const opts: ListOpts = { numeric: false, verbose: false, exact: false, lineNumbers: false };
  const rest: string[] = [];
  const commands: Record<string, string> = { '-A': 'A', '--append': 'A', '-I': 'I', '--insert': 'I', '-D': 'D', '--delete': 'D', '-R': 'R', '--replace': 'R', '-L': 'L', '--list': 'L', '-S': 'S', '--list-rules': 'S', '-F': 'F', '--flush': 'F', '-Z': 'Z', '--zero': 'Z', '-N': 'N', '--new-chain': 'N', '-X': 'X', '--delete-chain': 'X', '-P': 'P', '--policy': 'P', '-E': 'E', '--rename-chain': 'E', '-C': 'C', '--check': 'C' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') {
      const t = args[++i];
      if (!t || !TABLES.includes(t as TableName)) return fail(`${V}: table '${t ?? ''}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
      table = t as TableName;
    } else if (commands[a]) {
      if (cmd) return fail(`${V}: Cannot use -${commands[a]} with -${cmd}\n${HELP}`, 2);
      cmd = commands[a];
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-')) {
        chain = args[++i];
        if (['I', 'R', 'D', 'L', 'S'].includes(cmd) && /^\d+$/.test(args[i + 1] ?? '')) index = Number(args[++i]);
        if ((cmd === 'P' || cmd === 'E') && args[i + 1] !== undefined) chain2 = args[++i];
      }
    } else if (a === '-n' || a === '--numeric') opts.numeric = true;
    else if (a === '-v' || a === '--verbose') opts.verbose = true;
    else if (a === '-x' || a === '--exact') opts.exact = true;
    else if (/^-[nvxL]{2,}$/.test(a)) {
      // Bundled short options, as in `iptables -nvL`.
      opts.numeric ||= a.includes('n');
      opts.verbose ||= a.includes('v');
      opts.exact ||= a.includes('x');
      if (a.includes('L')) {
        if (cmd && cmd !== 'L') return fail(`${V}: Cannot use -L with -${cmd}\n${HELP}`, 2);
        cmd = 'L';
        if (args[i + 1] !== undefined && !args[i + 1].startsWith('-')) chain = args[++i];
      }
    } else if (a === '--line-numbers') opts.lineNumbers = true;
    else if (a === '-w' || a === '--wait') {
      if (/^\d+$/.test(args[i + 1] ?? '')) i++;
    } else rest.push(a);
  }
  if (!cmd) return fail(`${V}: no command specified\n${HELP}`, 2);
  const chains = state[table];
  const need = (): Chain | CommandResult => {
    if (!chain) return fail(`${V}: option "-${cmd}" requires an argument\n${HELP}`, 2);
    return chains[chain] ?? fail(NO_CHAIN);
  };
  const rule = (): Rule | CommandResult => {
    try {
      const r = parseRule(rest, table);
      if (r.target && !TARGETS.includes(r.target) && !chains[r.target]) return fail(`${V}: Couldn't load target \`${r.target}':No such file or directory\n\n${HELP}`, 2);
      return r;
    } catch (e) {
      if (e instanceof IptablesError) return fail(`${e.message}\n${HELP}`, 2);
      throw e;
    }
  };
  const isResult = (x: unknown): x is CommandResult => typeof x === 'object' && x !== null && 'code' in x && 'out' in x;
  switch (cmd) {
    case 'A':
    case 'I':
    case 'C':
    case 'D':
    case 'R': {
      const c = need();
      if (isResult(c)) return c;
      if (cmd === 'D' && index !== undefined && rest.length === 0) {
        if (index < 1 || index > c.rules.length) return fail('iptables: Index of deletion too big.');
        c.rules.splice(index - 1, 1);
        return ok('');
      }
      const r = rule();
      if (isResult(r)) return r;
      if (cmd === 'A') c.rules.push(r);
      else if (cmd === 'I') {
        const at = (index ?? 1) - 1;
        if (at < 0 || at > c.rules.length) return fail('iptables: Index of insertion too big.');
        c.rules.splice(at, 0, r);
      } else if (cmd === 'R') {
        if (index === undefined || index < 1 || index > c.rules.length) return fail('iptables: Index of replacement too big.');
        c.rules[index - 1] = r;
      } else {
        const i = c.rules.findIndex((x) => sameRule(x, r));
        if (i < 0) return fail('iptables: Bad rule (does a matching rule exist in that chain?).');
        if (cmd === 'D') c.rules.splice(i, 1);
      }
      return ok('');
    }
    case 'N':
      if (!chain) return fail(`${V}: option "-N" requires an argument\n${HELP}`, 2);
      if (chains[chain]) return fail('iptables: Chain already exists.');
      if (TARGETS.includes(chain) || chain.length > 28 || chain.startsWith('-')) return fail(`${V}: Invalid chain name \`${chain}'\n${HELP}`, 2);
      chains[chain] = { name: chain, rules: [], packets: 0, bytes: 0 };
      return ok('');
    case 'X': {
      const victims = chain ? [chain] : Object.keys(chains).filter((n) => !isBuiltinChain(table, n) && chains[n].rules.length === 0 && references(state, table, n) === 0);
      for (const n of victims) {
        if (!chains[n]) return fail(NO_CHAIN);
        if (isBuiltinChain(table, n)) return fail(`${V}: CHAIN_DEL failed (Operation not permitted): chain ${n}`);
        if (chains[n].rules.length > 0 || references(state, table, n) > 0) return fail(`${V}: CHAIN_DEL failed (Device or resource busy): chain ${n}`);
        delete chains[n];
      }
      return ok('');
    }
    case 'F':
    case 'Z': {
      const list = chain ? [chains[chain]] : Object.values(chains);
      if (list.some((c) => !c)) return fail(NO_CHAIN);
      for (const c of list) {
        if (cmd === 'F') c.rules = [];
        else {
          c.packets = 0;
          c.bytes = 0;
          for (const r of c.rules) r.packets = r.bytes = 0;
        }
      }
      return ok('');
    }
    case 'P': {
      if (!chain || !chain2) return fail(`${V}: -P requires a chain and a policy\n${HELP}`, 2);
      if (!chains[chain] || !isBuiltinChain(table, chain)) return fail('iptables: Bad built-in chain name.');
      if (chain2 !== 'ACCEPT' && chain2 !== 'DROP') return fail('iptables: Bad policy name. Run `dmesg\' for more information.');
      chains[chain].policy = chain2;
      return ok('');
    }
    case 'E': {
      if (!chain || !chain2) return fail(`${V}: -E requires old-chain-name new-chain-name\n${HELP}`, 2);
      if (!chains[chain]) return fail(NO_CHAIN);
      if (isBuiltinChain(table, chain)) return fail(`${V}: Chain '${chain}' is a built-in chain`);
      if (chains[chain2]) return fail('iptables: File exists.');
      chains[chain2] = { ...chains[chain], name: chain2 };
      delete chains[chain];
      for (const c of Object.values(chains)) for (const r of c.rules) if (r.target === chain) {
        r.target = chain2;
        r.spec = r.spec.replace(new RegExp(`-([jg]) ${chain}\\b`), `-$1 ${chain2}`);
      }
      return ok('');
    }
    case 'S': {
      if (chain && !chains[chain]) return fail(NO_CHAIN);
      if (index !== undefined) {
        const r = chains[chain!].rules[index - 1];
        return r ? ok(`-A ${chain} ${r.spec}`) : fail('iptables: Index of deletion too big.');
      }
      return ok(save(state, table, chain));
    }
    case 'L': {
      if (chain && !chains[chain]) return fail(NO_CHAIN);
      const order = [...builtinChains(table), ...Object.keys(chains).filter((n) => !isBuiltinChain(table, n))];
      const blocks = order.filter((n) => !chain || n === chain).map((n) => listChain(state, table, chains[n], opts).join('\n'));
      return ok(blocks.join('\n\n'));
    }
  }
  return fail(`${V}: no command specified\n${HELP}`, 2);
}

export const iptables: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: iptables: not found', 127);
  return runIptables(args, env.target.ns.iptables);
};
