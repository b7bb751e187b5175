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

export const grep: Command = (args, _env, stdin) => {
  const flags = args.filter((a) => a.startsWith('-'));
  const words = args.filter((a) => !a.startsWith('-'));
  if (words.length === 0) return fail('Usage: grep [OPTION]... PATTERNS [FILE]...\nTry \'grep --help\' for more information.', 2);
  const invert = flags.some((f) => f.includes('v'));
  const icase = flags.some((f) => f.includes('i'));
  let re: RegExp;
  try {
    re = new RegExp(words[0], icase ? 'i' : '');
  } catch {
    return fail(`grep: Unmatched ( or \\(`, 2);
  }
  const out = lines(stdin).filter((l) => re.test(l) !== invert);
  const code = out.length > 0 ? 0 : 1;
  if (flags.some((f) => f.includes('c'))) return { out: String(out.length), code };
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
