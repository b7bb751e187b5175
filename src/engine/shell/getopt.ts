/** Short-option parsing shared by the commands that parse their arguments with GNU getopt(3). */

export interface Option {
  /** The option letter ('n', 'i', '#'), or the long option's name without `--`. */
  name: string;
  value?: string;
}

export type Parsed = { options: Option[]; operands: string[] } | { error: string };

/**
 * getopt_long as GNU libc runs it: OPTSTRING is getopt's ("c:i:nv": a letter followed by ':'
 * takes a value, glued `-c5` or as the next word), bundled flags (`-nvi eth0`), operands and
 * options in any order (GNU permutes), `--` ends the options. LONG maps a long option to
 * whether it takes a value (`--count`, `--interface=eth0` or `--interface eth0`). An error
 * is the line getopt itself prints, e.g. "tcpdump: invalid option -- 'k'".
 */
export function getopt(prog: string, args: string[], optstring: string, long: Record<string, boolean> = {}): Parsed {
  const options: Option[] = [];
  const operands: string[] = [];
  const takesValue = (c: string): boolean | undefined => {
    const at = optstring.indexOf(c);
    return c === ':' || at < 0 ? undefined : optstring[at + 1] === ':';
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, glued] = a.slice(2).split(/=(.*)/s);
      const hasValue = long[name];
      if (hasValue === undefined) return { error: `${prog}: unrecognized option '--${name}'` };
      if (!hasValue && glued !== undefined) return { error: `${prog}: option '--${name}' doesn't allow an argument` };
      if (hasValue && glued === undefined && i + 1 >= args.length) return { error: `${prog}: option '--${name}' requires an argument` };
      options.push(hasValue ? { name, value: glued ?? args[++i] } : { name });
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      const valued = takesValue(c);
      if (valued === undefined) return { error: `${prog}: invalid option -- '${c}'` };
      if (!valued) {
        options.push({ name: c });
        continue;
      }
      if (j + 1 < a.length) options.push({ name: c, value: a.slice(j + 1) });
      else if (i + 1 < args.length) options.push({ name: c, value: args[++i] });
      else return { error: `${prog}: option requires an argument -- '${c}'` };
      break;
    }
  }
  return { options, operands };
}
