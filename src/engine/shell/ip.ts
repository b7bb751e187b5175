/** iproute2's `ip`: addr, link, route, neigh (show). Changes come with the node-networking work. */
import { ipAddr, ipLink, ipNeigh, ipRoute } from '../net/iproute2';
import { fail, ok, type Command, type ShellEnv } from './types';

const OBJECTS: Record<string, string> = { a: 'address', addr: 'address', address: 'address', l: 'link', link: 'link', r: 'route', ro: 'route', route: 'route', n: 'neigh', neigh: 'neigh', neighbor: 'neigh', neighbour: 'neigh' };

function ifindexOf(env: ShellEnv) {
  return (nsId: string, name: string): number => {
    const ns = env.ctx.net.namespaces.get(nsId);
    return ns?.links.find((l) => l.name === name)?.ifindex ?? 0;
  };
}

export const ip: Command = (args, env) => {
  const words = args.filter((a) => a !== '-4');
  const [objWord, verb = 'show', ...rest] = words;
  if (!objWord) return fail('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | link | neighbour | route | netns ... }', 255);
  const obj = OBJECTS[objWord];
  if (!obj) return fail(`Object "${objWord}" is unknown, try "ip help".`, 255);
  if (!['show', 'list', 'ls', 'sh', 's', 'l'].includes(verb)) return fail(`Command "${verb}" is unknown, try "ip ${obj} help".`, 255);
  const ns = env.target.ns;
  const devIndex = rest.indexOf('dev');
  const dev = devIndex >= 0 ? rest[devIndex + 1] : rest[0];
  if (dev && !ns.links.some((l) => l.name === dev)) return fail(`Device "${dev}" does not exist.`);
  const only = (text: string, filter: (line: string) => boolean): string => text.split('\n').filter(filter).join('\n');
  switch (obj) {
    case 'address': {
      const text = ipAddr(ns, ifindexOf(env));
      if (!dev) return ok(text);
      const one = { ...ns, links: ns.links.filter((l) => l.name === dev) };
      return ok(ipAddr(one, ifindexOf(env)));
    }
    case 'link': {
      if (!dev) return ok(ipLink(ns, ifindexOf(env)));
      return ok(ipLink({ ...ns, links: ns.links.filter((l) => l.name === dev) }, ifindexOf(env)));
    }
    case 'route':
      return ok(dev ? only(ipRoute(ns), (l) => l.includes(`dev ${dev}`)) : ipRoute(ns));
    case 'neigh':
      return ok(dev ? only(ipNeigh(ns), (l) => l.includes(`dev ${dev} `)) : ipNeigh(ns));
  }
  return fail('');
};
