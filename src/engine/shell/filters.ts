/** The text tools learners pipe into: grep, head, tail, wc, sort. */
import { fail, ok, type Command } from './types';

function lines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\n$/, '').split('\n');
}

function count(args: string[], fallback: number): number {
  const i = args.findIndex((a) => a === '-n');
  if (i >= 0) return Number(args[i + 1]);
  const short = args.find((a) => /^-\d+$/.test(a));
  return short ? Number(short.slice(1)) : fallback;
}

/**
 * grep PATTERN, with -e PATTERN (repeatable), -i, -v, -c, -E/-F, and context lines
 * (-A/-B/-C N, also -A3): groups that do not touch are separated by "--", as GNU grep does.
 */
export const grep: Command = (args, _env, stdin) => {
  const patterns: string[] = [];
  const words: string[] = [];
  let opts = '';
  let after = 0;
  let before = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const ctx = /^-([ABC])(\d*)$/.exec(a);
    if (ctx) {
      const n = Number(ctx[2] || args[++i]);
      if (!Number.isInteger(n) || n < 0) return fail(`grep: ${args[i]}: invalid context length argument`, 2);
      if (ctx[1] !== 'B') after = n;
      if (ctx[1] !== 'A') before = n;
    } else if (a === '-e') patterns.push(args[++i] ?? '');
    else if (a.startsWith('-') && a.length > 1) opts += a.slice(1);
    else words.push(a);
  }
  if (patterns.length === 0 && words.length > 0) patterns.push(words[0]);
  if (patterns.length === 0) return fail('Usage: grep [OPTION]... PATTERNS [FILE]...\nTry \'grep --help\' for more information.', 2);
  const invert = opts.includes('v');
  let res: RegExp[];
  try {
    res = patterns.map((p) => new RegExp(opts.includes('F') ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : p, opts.includes('i') ? 'i' : ''));
  } catch {
    return fail(`grep: Unmatched ( or \\(`, 2);
  }
  const all = lines(stdin);
  const hits = all.map((l) => res.some((re) => re.test(l)) !== invert);
  const n = hits.filter(Boolean).length;
  const code = n > 0 ? 0 : 1;
  if (opts.includes('c')) return { out: String(n), code };
  const out: string[] = [];
  let last = -1;
  all.forEach((_l, i) => {
    if (!hits[i]) return;
    const from = Math.max(0, i - before, last + 1);
    if (last >= 0 && from > last + 1 && (before > 0 || after > 0)) out.push('--');
    const to = Math.min(all.length - 1, i + after);
    for (let k = from; k <= to; k++) out.push(all[k]);
    last = Math.max(last, to);
  });
  return { out: out.join('\n'), code };
};

export const head: Command = (args, _env, stdin) => ok(lines(stdin).slice(0, count(args, 10)).join('\n'));
export const tail: Command = (args, _env, stdin) => {
  const ls = lines(stdin);
  // `tail -n +K` prints from line K on; `tail -n K` the last K lines.
  const i = args.indexOf('-n');
  if (i >= 0 && args[i + 1]?.startsWith('+')) return ok(ls.slice(Math.max(0, Number(args[i + 1].slice(1)) - 1)).join('\n'));
  const n = count(args, 10);
  return ok(ls.slice(Math.max(0, ls.length - n)).join('\n'));
};
export const wc: Command = (args, _env, stdin) => {
  const ls = lines(stdin);
  if (args.includes('-l')) return ok(String(ls.length));
  const words = stdin.split(/\s+/).filter(Boolean).length;
  return ok(`${String(ls.length).padStart(7)} ${String(words).padStart(7)} ${String(stdin.length).padStart(7)}`);
};
export const sort: Command = (args, _env, stdin) => {
  const ls = lines(stdin).sort();
  return ok((args.includes('-r') ? ls.reverse() : ls).join('\n'));
};
