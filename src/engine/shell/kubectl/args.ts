/** kubectl's flag parsing (cobra / pflag): --flag=value, --flag value, -n value, -nvalue, booleans. */
export interface FlagSpec {
  /** Flags that take a value, long names without dashes; shorthands map to them. */
  value: string[];
  bool: string[];
  short?: Record<string, string>;
}

export interface Parsed {
  positional: string[];
  flags: Map<string, string>;
  /** Repeated value flags (--from-literal a=1 --from-literal b=2). */
  multi: Map<string, string[]>;
}

/** Flags every kubectl command accepts. */
export const GLOBAL: FlagSpec = {
  value: ['namespace', 'context', 'kubeconfig', 'v', 'cluster', 'user', 'request-timeout', 'server'],
  bool: ['all-namespaces', 'help', 'insecure-skip-tls-verify'],
  short: { n: 'namespace', A: 'all-namespaces', v: 'v', h: 'help', s: 'server' },
};

export class FlagError extends Error {}

export function parseArgs(args: string[], spec: FlagSpec, command: string): Parsed {
  const value = new Set([...spec.value, ...GLOBAL.value]);
  const bool = new Set([...spec.bool, ...GLOBAL.bool]);
  const short: Record<string, string> = { ...GLOBAL.short, ...(spec.short ?? {}) };
  const out: Parsed = { positional: [], flags: new Map(), multi: new Map() };
  const set = (name: string, v: string): void => {
    out.flags.set(name, v);
    out.multi.set(name, [...(out.multi.get(name) ?? []), v]);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, ...rest] = a.slice(2).split('=');
      const inline = rest.length > 0 ? rest.join('=') : undefined;
      if (value.has(name)) {
        const v = inline ?? args[++i];
        if (v === undefined) throw new FlagError(`error: flag needs an argument: --${name}\nSee 'kubectl ${command} --help' for usage.`);
        set(name, v);
      } else if (bool.has(name)) set(name, inline ?? 'true');
      else throw new FlagError(`error: unknown flag: --${name}\nSee 'kubectl ${command} --help' for usage.`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      const letters = a.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const ch = letters[j];
        const name = short[ch];
        if (!name) throw new FlagError(`error: unknown shorthand flag: '${ch}' in ${a}\nSee 'kubectl ${command} --help' for usage.`);
        if (value.has(name)) {
          let v = letters.slice(j + 1);
          if (v.startsWith('=')) v = v.slice(1);
          if (v === '') {
            const next = args[++i];
            if (next === undefined) throw new FlagError(`error: flag needs an argument: '${ch}' in -${ch}\nSee 'kubectl ${command} --help' for usage.`);
            v = next;
          }
          set(name, v);
          break;
        }
        set(name, 'true');
      }
      continue;
    }
    out.positional.push(a);
  }
  return out;
}

export function boolFlag(p: Parsed, name: string): boolean {
  const v = p.flags.get(name);
  return v !== undefined && v !== 'false';
}
