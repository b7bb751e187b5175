/** iproute2's `ip`: show and change links, addresses, routes, neighbours; `ip netns`; `ip -n NS`. */
import type { NetNs } from '../net/types';
import { ipChange } from './ipChange';
import { ipShow } from './ipShow';
import { netnsCommand, resolveNetns } from './netns';
import { fail, type CommandResult, type ShellEnv } from './types';

const OBJECTS: Record<string, string> = { a: 'address', addr: 'address', address: 'address', l: 'link', link: 'link', r: 'route', ro: 'route', route: 'route', n: 'neigh', neigh: 'neigh', neighbor: 'neigh', neighbour: 'neigh', netns: 'netns' };
const SHOW = ['show', 'list', 'ls', 'sh', 's', 'l', 'lst'];

/** `run` executes a nested command line in another namespace (for `ip netns exec`). */
export function ipCommand(args: string[], env: ShellEnv, run: (line: string, ns: NetNs) => CommandResult): CommandResult {
  // -br(ief): one line per link for `link` and `addr`; other objects print as usual.
  const brief = args.some((a) => a === '-br' || a === '-brief');
  let words = args.filter((a) => a !== '-4' && a !== '-br' && a !== '-brief');
  let ns = env.target.ns;
  if (words[0] === '-n' || words[0] === '-netns') {
    const target = resolveNetns(env, words[1] ?? '');
    if (typeof target === 'string') return fail(target, 1);
    ns = target;
    words = words.slice(2);
  }
  const [objWord, verb = 'show', ...rest] = words;
  if (!objWord) return fail('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | link | neighbour | route | netns ... }', 255);
  const obj = OBJECTS[objWord];
  if (!obj) return fail(`Object "${objWord}" is unknown, try "ip help".`, 255);
  if (obj === 'netns') return netnsCommand(verb === 'show' && words.length === 1 ? 'list' : verb, rest, env, run);
  if (SHOW.includes(verb)) return ipShow(obj, rest, ns, env, brief);
  if (env.target.kind === 'pod') return fail('RTNETLINK answers: Operation not permitted', 2);
  return ipChange(obj, verb, rest, ns, env);
}
