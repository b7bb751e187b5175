/**
 * `ip` commands that change a namespace: link add/set/del, addr add/del/flush, route
 * add/del/replace, neigh add/del. Errors are iproute2's own.
 */
import { cidrContains, isCidr, isIPv4 } from '../net/ip';
import type { Network } from '../net/network';
import type { NetNs, Route } from '../net/types';
import { fail, ok, type CommandResult, type ShellEnv } from './types';
import { resolveNetns } from './netns';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

function wrap(fn: () => void): CommandResult {
  try {
    fn();
    return ok('');
  } catch (e) {
    return fail((e as Error).message, 2);
  }
}

function linkChange(net: Network, ns: NetNs, verb: string, w: string[], env: ShellEnv): CommandResult {
  if (verb === 'add') {
    // ip link add NAME type veth peer name PEER [netns NS] | type bridge | type dummy
    const name = w[0] === 'name' ? w[1] : w[0];
    const ti = w.indexOf('type');
    const type = ti >= 0 ? w[ti + 1] : undefined;
    if (!name) return fail('Not enough information: "dev" argument is required.', 255);
    if (!/^[A-Za-z0-9_.:-]{1,15}$/.test(name)) return fail(`Error: argument "${name}" is wrong: "name" not a valid ifname`, 255);
    if (!type) return fail('Not enough information: "type" argument is required', 255);
    if (type === 'veth') {
      const pi = w.indexOf('peer');
      const peer = pi >= 0 ? (w[pi + 1] === 'name' ? w[pi + 2] : w[pi + 1]) : undefined;
      if (!peer) return fail('Not enough information: "peer name" argument is required', 255);
      const nsi = w.indexOf('netns', pi);
      let peerNs = ns;
      if (nsi >= 0) {
        const target = resolveNetns(env, w[nsi + 1]);
        if (typeof target === 'string') return fail(target, 255);
        peerNs = target;
      }
      if (net.link(ns, name) || net.link(peerNs, peer)) return fail('RTNETLINK answers: File exists', 2);
      return wrap(() => void net.addVethPair(ns, name, peerNs, peer, 1500));
    }
    if (type === 'bridge' || type === 'dummy') return wrap(() => void net.addLink(ns, name, type, { mtu: 1500, up: false }));
    return fail(`Error: Unknown device type "${type}" (the playground simulates veth, bridge and dummy).`, 2);
  }
  if (verb === 'del' || verb === 'delete') {
    const name = w[0] === 'dev' ? w[1] : w[0];
    // iproute2 takes only `[dev] NAME` here: anything after it is refused, nothing is deleted.
    const extra = w.slice(w[0] === 'dev' ? 2 : 1);
    if (extra.length > 0) return fail(`Error: either "dev" is duplicate, or "${extra[0]}" is a garbage.`, 1);
    if (!name || !net.link(ns, name)) return fail(`Cannot find device "${name ?? ''}"`, 1);
    return wrap(() => net.deleteLink(ns, name));
  }
  if (verb === 'set') {
    const name = w[0] === 'dev' ? w[1] : w[0];
    const link = name ? net.link(ns, name) : undefined;
    if (!link) return fail(`Cannot find device "${name ?? ''}"`, 1);
    const args = w.slice(w[0] === 'dev' ? 2 : 1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === 'up' || a === 'down') link.up = a === 'up';
      else if (a === 'master') {
        const br = net.link(ns, args[++i] ?? '');
        if (!br) return fail(`Device does not exist`, 1);
        if (br.kind !== 'bridge') return fail('RTNETLINK answers: Operation not supported', 2);
        link.master = br.name;
      } else if (a === 'nomaster') delete link.master;
      else if (a === 'mtu') {
        const mtu = Number(args[++i]);
        if (!Number.isInteger(mtu) || mtu < 68 || mtu > 65535) return fail(`Error: argument "${args[i]}" is wrong: Invalid "mtu" value`, 255);
        link.mtu = mtu;
      } else if (a === 'netns') {
        const target = resolveNetns(env, args[++i] ?? '');
        if (typeof target === 'string') return fail(target, 255);
        const r = wrap(() => net.moveLink(ns, link.name, target));
        if (r.code !== 0) return r;
      } else if (a === 'address') {
        const mac = args[++i] ?? '';
        if (!MAC.test(mac)) return fail(`"${mac}" is invalid lladdr.`, 255);
        link.mac = mac.toLowerCase();
      } else return fail(`Error: either "dev" is duplicate, or "${a}" is a garbage.`, 255);
    }
    return ok('');
  }
  return fail(`Command "${verb}" is unknown, try "ip link help".`, 255);
}

function addrChange(net: Network, ns: NetNs, verb: string, w: string[]): CommandResult {
  const di = w.indexOf('dev');
  const dev = di >= 0 ? w[di + 1] : undefined;
  if (verb === 'flush') {
    const name = dev ?? w[0];
    const link = name ? net.link(ns, name) : undefined;
    if (!link) return fail(`Device "${name ?? ''}" does not exist.`, 1);
    for (const a of [...link.addrs]) net.deleteAddress(ns, link.name, a.address, a.prefix);
    return ok('');
  }
  const cidr = w.find((x) => /^\d/.test(x));
  if (!cidr) return fail('Not enough information: "local" argument is required.', 255);
  const withPrefix = cidr.includes('/') ? cidr : `${cidr}/32`;
  if (!isCidr(withPrefix)) return fail(`Error: any valid prefix is expected rather than "${cidr}".`, 255);
  if (!dev) return fail('Not enough information: "dev" argument is required.', 255);
  if (!net.link(ns, dev)) return fail(`Cannot find device "${dev}"`, 1);
  const [address, prefix] = withPrefix.split('/');
  if (verb === 'add') return wrap(() => net.addAddress(ns, dev, address, Number(prefix)));
  if (verb === 'del' || verb === 'delete') return wrap(() => net.deleteAddress(ns, dev, address, Number(prefix)));
  return fail(`Command "${verb}" is unknown, try "ip address help".`, 255);
}

function routeChange(net: Network, ns: NetNs, verb: string, w: string[]): CommandResult {
  const dst = w[0] === 'default' || w[0] === '0.0.0.0/0' ? 'default' : w[0]?.includes('/') ? w[0] : w[0] ? `${w[0]}/32` : undefined;
  if (!dst) return fail('Not enough information: "to" argument is required.', 255);
  if (dst !== 'default' && !isCidr(dst)) return fail(`Error: any valid prefix is expected rather than "${w[0]}".`, 255);
  const val = (k: string): string | undefined => {
    const i = w.indexOf(k);
    return i >= 0 ? w[i + 1] : undefined;
  };
  if (verb === 'del' || verb === 'delete') {
    const i = ns.routes.findIndex((r) => r.dst === dst && (!val('dev') || r.dev === val('dev')));
    if (i < 0) return fail('RTNETLINK answers: No such process', 2);
    ns.routes.splice(i, 1);
    return ok('');
  }
  if (verb !== 'add' && verb !== 'replace' && verb !== 'change') return fail(`Command "${verb}" is unknown, try "ip route help".`, 255);
  const via = val('via');
  let dev = val('dev');
  const onlink = w.includes('onlink');
  if (via && !isIPv4(via)) return fail(`Error: inet address is expected rather than "${via}".`, 255);
  if (dev && !net.link(ns, dev)) return fail(`Cannot find device "${dev}"`, 1);
  if (via && !onlink) {
    // The gateway must be reachable on a connected network (or the route needs `onlink`).
    const connected = ns.routes.find((r) => r.proto === 'kernel' && (!dev || r.dev === dev) && cidrContains(r.dst, via));
    if (!connected) return fail('Error: Nexthop has invalid gateway.', 2);
    dev = dev ?? connected.dev;
  }
  if (!dev) return fail('Error: Device for nexthop is not up.', 2);
  const route: Route = { dst, dev };
  if (via) route.via = via;
  const proto = val('proto');
  if (proto === 'static' || proto === 'kernel' || proto === 'boot' || proto === 'dhcp') route.proto = proto;
  if (val('src')) route.src = val('src');
  if (val('metric')) route.metric = Number(val('metric'));
  if (onlink) route.onlink = true;
  const existing = ns.routes.findIndex((r) => r.dst === dst && (r.metric ?? 0) === (route.metric ?? 0));
  if (existing >= 0) {
    if (verb === 'add') return fail('RTNETLINK answers: File exists', 2);
    ns.routes[existing] = route;
    return ok('');
  }
  if (verb === 'change') return fail('RTNETLINK answers: No such file or directory', 2);
  ns.routes.push(route);
  return ok('');
}

function neighChange(ns: NetNs, verb: string, w: string[]): CommandResult {
  const ip = w[0];
  const di = w.indexOf('dev');
  const dev = di >= 0 ? w[di + 1] : undefined;
  if (verb === 'flush') {
    ns.neigh = ns.neigh.filter((n) => n.state === 'PERMANENT' || (dev !== undefined && n.dev !== dev));
    return ok('');
  }
  if (!ip || !isIPv4(ip)) return fail(`Error: inet address is expected rather than "${ip ?? ''}".`, 255);
  if (!dev || !ns.links.some((l) => l.name === dev)) return fail(`Cannot find device "${dev ?? ''}"`, 1);
  if (verb === 'del' || verb === 'delete') {
    const before = ns.neigh.length;
    ns.neigh = ns.neigh.filter((n) => !(n.ip === ip && n.dev === dev));
    return before === ns.neigh.length ? fail('RTNETLINK answers: No such file or directory', 2) : ok('');
  }
  const li = w.indexOf('lladdr');
  const mac = li >= 0 ? w[li + 1] : undefined;
  if (!mac || !MAC.test(mac)) return fail(`"${mac ?? ''}" is invalid lladdr.`, 255);
  if (verb === 'add' && ns.neigh.some((n) => n.ip === ip && n.dev === dev)) return fail('RTNETLINK answers: File exists', 2);
  ns.neigh = ns.neigh.filter((n) => !(n.ip === ip && n.dev === dev));
  ns.neigh.push({ ip, dev, lladdr: mac.toLowerCase(), state: 'PERMANENT' });
  return ok('');
}

export function ipChange(obj: string, verb: string, w: string[], ns: NetNs, env: ShellEnv): CommandResult {
  const net = env.ctx.net;
  switch (obj) {
    case 'link':
      return linkChange(net, ns, verb, w, env);
    case 'address':
      return addrChange(net, ns, verb, w);
    case 'route':
      return routeChange(net, ns, verb, w);
    case 'neigh':
      return neighChange(ns, verb, w);
  }
  return fail(`Object "${obj}" is unknown, try "ip help".`, 255);
}
