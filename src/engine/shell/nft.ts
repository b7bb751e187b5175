/**
 * nft (nftables 1.0.6, Debian 12): lists the node's nftables — kube-proxy's `ip kube-proxy`
 * table in nftables mode, and iptables-nft's tables (flannel's rules live there) — as nft
 * prints them: `list ruleset`, `list tables`, `list table`, `list chain(s)`, `list set(s)`,
 * `list map(s)`. Errors read as nft's do: the message, the command, carets under the word.
 * Writing is kube-proxy's job here (it rewrites its table on every sync), so add/delete/flush
 * are refused with a note.
 */
import { formatChain, formatOneChain, formatOneSet, formatTable } from '../net/nftFormat';
import type { NftTable } from '../net/nftables';
import { iptablesTables } from './nftIptables';
import { fail, ok, type Command } from './types';

const FAMILIES = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'];
const VERSION = 'nftables v1.0.6 (Lester Gooch #5)';
const USAGE = `Usage: nft [ options ] [ cmds... ]

Options (general):
  -h, --help                      Show this help
  -v, --version                   Show version information
  -n, --numeric                   Print fully numerical output.
  -a, --handle                    Output rule handle.`;

/** `Error: …`, the command line, and carets under the word at `at` (one past the end for a missing word). */
function nftError(msg: string, words: string[], at: number): string {
  const line = words.join(' ');
  const start = words.slice(0, at).reduce((n, w) => n + w.length + 1, 0);
  const len = at < words.length ? words[at].length : 1;
  return `Error: ${msg}\n${line}\n${' '.repeat(Math.min(start, line.length))}${'^'.repeat(len)}`;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** nft's "did you mean": the closest name, if close enough. */
function closest(name: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const n of names) {
    const d = distance(name, n);
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best;
}

export const nft: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: nft: not found', 127);
  const words: string[] = [];
  for (const a of args) {
    if (a === '-v' || a === '--version') return ok(VERSION);
    if (a === '-h' || a === '--help') return ok(USAGE);
    if (/^-[nsa]+$/.test(a) || a === '--numeric' || a === '--stateless' || a === '--handle') continue;
    if (a.startsWith('-')) return fail(`nft: unrecognized option '${a}'\n${USAGE}`);
    words.push(a);
  }
  if (words.length === 0) return ok('');
  const [verb, what] = words;
  if (['add', 'insert', 'delete', 'destroy', 'flush', 'create', 'replace', 'reset', 'rename'].includes(verb)) {
    return fail(`nft: ${verb}: in this playground nftables is written by kube-proxy alone, and it rewrites table ip kube-proxy on every sync; change the Service or its endpoints instead`);
  }
  if (verb !== 'list') return fail(nftError('syntax error, unexpected string', words, 0));
  if (what === undefined) return fail(nftError('syntax error, unexpected newline', words, 1));
  const ns = env.target.ns;
  const now = env.ctx.clock.now;
  const nftTables = Object.values(ns.nft ?? {});
  const ipt = iptablesTables(ns.iptables);
  // An optional family word, then the names; `ip` when left out.
  let i = 2;
  const family = FAMILIES.includes(words[i]) ? words[i++] : 'ip';
  const familyGiven = i === 3;
  const allTables = [...ipt.map((t) => ({ family: 'ip', name: t.name as string })), ...nftTables.map((t) => ({ family: t.family as string, name: t.name }))];
  const inFamily = (f: string): boolean => !familyGiven || f === family;
  const findTable = (at: number): NftTable | string | undefined => {
    const name = words[at];
    if (name === undefined) return nftError('syntax error, unexpected newline, expecting string', words, at);
    const t = nftTables.find((x) => x.family === family && x.name === name);
    if (t) return t;
    if (family === 'ip' && ipt.some((x) => x.name === name)) return undefined;
    const near = closest(name, allTables.filter((x) => x.family === family).map((x) => x.name));
    return nftError(`No such file or directory${near ? `; did you mean table ‘${near}’ in family ${family}?` : ''}`, words, at);
  };
  switch (what) {
    case 'ruleset': {
      if (words.length > i) return fail(nftError('syntax error, unexpected string', words, i));
      const out = [...(inFamily('ip') ? ipt.map((t) => t.text) : []), ...nftTables.filter((t) => inFamily(t.family)).map((t) => formatTable(t, now))];
      return ok(out.join('\n'));
    }
    case 'tables':
      return ok(allTables.filter((t) => inFamily(t.family)).map((t) => `table ${t.family} ${t.name}`).join('\n'));
    case 'table': {
      const t = findTable(i);
      if (typeof t === 'string') return fail(t);
      if (!t) return ok(ipt.find((x) => x.name === words[i])!.text);
      return ok(formatTable(t, now));
    }
    case 'chain':
    case 'set':
    case 'map': {
      const t = findTable(i);
      if (typeof t === 'string') return fail(t);
      const name = words[i + 1];
      if (name === undefined) return fail(nftError('syntax error, unexpected newline, expecting string', words, i + 1));
      if (!t) return fail(nftError(`No such file or directory; ${words[i]} is iptables-nft's table: read it with iptables-save -t ${words[i]}`, words, i + 1));
      if (what === 'chain') {
        const c = t.chains[name];
        if (c) return ok(formatOneChain(t, c));
        const near = closest(name, Object.keys(t.chains));
        return fail(nftError(`No such file or directory${near ? `; did you mean chain ‘${near}’ in table ${t.family} ‘${t.name}’?` : ''}`, words, i + 1));
      }
      const s = t.sets[name];
      if (s && s.map === (what === 'map')) return ok(formatOneSet(t, s, now));
      const near = closest(name, Object.values(t.sets).filter((x) => x.map === (what === 'map')).map((x) => x.name));
      return fail(nftError(`No such file or directory${near ? `; did you mean ${what} ‘${near}’ in table ${t.family} ‘${t.name}’?` : ''}`, words, i + 1));
    }
    case 'chains':
      // Chains without their rules: the names, and each base chain's hook line.
      return ok(nftTables.filter((t) => inFamily(t.family)).map((t) => [`table ${t.family} ${t.name} {`, ...Object.values(t.chains).flatMap((c) => formatChain({ ...c, rules: [] })), '}'].join('\n')).join('\n'));
    case 'sets':
    case 'maps':
      // Declarations only: `list sets` leaves the elements out.
      return ok(nftTables.filter((t) => inFamily(t.family)).map((t) => [`table ${t.family} ${t.name} {`, ...Object.values(t.sets).filter((s) => s.map === (what === 'maps')).flatMap((s) => formatOneSet(t, { ...s, elements: {} }, now).split('\n').slice(t.comment ? 2 : 1, -1)), '}'].join('\n')).join('\n'));
    default:
      return fail(nftError('syntax error, unexpected string', words, 1));
  }
};
