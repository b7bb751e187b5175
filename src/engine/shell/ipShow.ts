/** `ip ... show`: addr, link, route, neigh, netns, in iproute2's formats. */
import { ipAddr, ipBrief, ipLink, ipNeigh, ipRoute } from '../net/iproute2';
import type { NetNs } from '../net/types';
import { fail, ok, type CommandResult, type ShellEnv } from './types';

export function ifindexOf(env: ShellEnv) {
  return (nsId: string, name: string): number => {
    const ns = env.ctx.net.namespaces.get(nsId);
    return ns?.links.find((l) => l.name === name)?.ifindex ?? 0;
  };
}

export function ipShow(obj: string, rest: string[], ns: NetNs, env: ShellEnv, brief = false): CommandResult {
  const devIndex = rest.indexOf('dev');
  const dev = devIndex >= 0 ? rest[devIndex + 1] : obj === 'route' ? undefined : rest[0];
  if (dev && !ns.links.some((l) => l.name === dev)) return fail(`Device "${dev}" does not exist.`);
  const only = (text: string, filter: (line: string) => boolean): string => text.split('\n').filter(filter).join('\n');
  const one = dev ? { ...ns, links: ns.links.filter((l) => l.name === dev) } : ns;
  switch (obj) {
    case 'address':
      return ok(brief ? ipBrief(one, ifindexOf(env), 'address') : ipAddr(one, ifindexOf(env)));
    case 'link':
      return ok(brief ? ipBrief(one, ifindexOf(env), 'link') : ipLink(one, ifindexOf(env)));
    case 'route':
      return ok(dev ? only(ipRoute(ns), (l) => new RegExp(`dev ${dev}( |$)`).test(l)) : ipRoute(ns));
    case 'neigh':
      return ok(dev ? only(ipNeigh(ns), (l) => l.includes(`dev ${dev} `)) : ipNeigh(ns));
  }
  return fail(`Object "${obj}" is unknown, try "ip help".`, 255);
}
