/** `ipset list|save [-n|-t] [NAME]` and `ipset test NAME ENTRY`, in ipset v7.19's formats. */
import { formatIpsetList, formatIpsetSave, ipsetMatches } from '../net/ipset';
import type { NetNs } from '../net/types';
import { fail, ok, type Command } from './types';

const ERR = 'ipset v7.19';

/** How many iptables rules match against the set (ipset's "References"). */
function references(ns: NetNs, name: string): number {
  let n = 0;
  for (const t of Object.values(ns.iptables)) for (const c of Object.values(t)) for (const r of c.rules) if (r.matches.some((m) => m.kind === 'set' && m.name === name)) n++;
  return n;
}

export const ipset: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: ipset: not found', 127);
  const ns = env.target.ns;
  const sets = ns.ipsets ?? {};
  const flags = args.filter((a) => a.startsWith('-'));
  const words = args.filter((a) => !a.startsWith('-'));
  const cmd = words[0] ?? (flags.includes('-L') ? 'list' : flags.includes('-S') ? 'save' : undefined);
  const rest = words[0] ? words.slice(1) : words;
  if (!cmd) return fail(`${ERR}: No command specified: unknown argument ${args[0] ?? ''}\nTry \`ipset help' for more information.`);
  const pick = (name: string | undefined): string[] | string => {
    if (!name) return Object.keys(sets).sort();
    return sets[name] ? [name] : `${ERR}: The set with the given name does not exist`;
  };
  switch (cmd) {
    case 'list':
    case 'save': {
      const names = pick(rest[0]);
      if (typeof names === 'string') return fail(names);
      if (flags.includes('-n') || flags.includes('-name')) return ok(names.join('\n'));
      if (cmd === 'save') return ok(names.map((n) => formatIpsetSave(sets[n])).join('\n'));
      const terse = flags.includes('-t') || flags.includes('-terse');
      return ok(
        names
          .map((n) => {
            const text = formatIpsetList(sets[n], references(ns, n));
            return terse ? text.split('\nMembers:')[0] : text;
          })
          .join('\n\n'),
      );
    }
    case 'test': {
      const [name, entry] = rest;
      const names = pick(name);
      if (typeof names === 'string' || !name) return fail(typeof names === 'string' ? names : `${ERR}: Missing second mandatory argument to command test`);
      if (!entry) return fail(`${ERR}: Missing second mandatory argument to command test`);
      const [ip, port] = entry.split(',');
      const [proto, num] = port?.includes(':') ? port.split(':') : ['tcp', port];
      const hit = ipsetMatches(sets[name], ['dst', 'dst', 'dst'], { src: ip, dst: ip, proto, dport: num ? Number(num) : undefined });
      return hit ? ok(`${entry} is in set ${name}.`) : fail(`${entry} is NOT in set ${name}.`);
    }
    default:
      return fail(`${ERR}: this playground simulates only ipset list, save and test (the sets are programmed by felix and kube-proxy)`);
  }
};
