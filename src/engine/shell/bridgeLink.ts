/**
 * `bridge link [show] [dev DEV]` and `bridge link set dev DEV hairpin on|off` (iproute2): the
 * bridge ports of the machine. With -d the port flags follow, hairpin first — what decides
 * whether a frame may leave by the port it came in on (a pod reaching itself via its Service).
 */
import type { Link } from '../net/types';
import { ifindexOf } from './ipShow';
import { fail, ok, type CommandResult, type ShellEnv } from './types';

const FLAGS_TAIL = 'guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off';

function portLine(l: Link, env: ShellEnv, details: boolean): string {
  const idx = ifindexOf(env);
  const name = l.peer ? `${l.name}@if${idx(l.peer.ns, l.peer.ifname)}` : l.name;
  const flags = l.up ? '<BROADCAST,MULTICAST,UP,LOWER_UP>' : '<BROADCAST,MULTICAST>';
  const state = l.up ? 'forwarding' : 'disabled';
  const head = `${l.ifindex}: ${name}: ${flags} mtu ${l.mtu} master ${l.master} state ${state} priority 32 cost 2 `;
  return details ? `${head}\n    hairpin ${l.hairpin ? 'on' : 'off'} ${FLAGS_TAIL} ` : head;
}

export function bridgeLink(args: string[], env: ShellEnv, details: boolean): CommandResult {
  const ns = env.target.ns;
  if (args[0] === 'set') {
    const di = args.indexOf('dev');
    const dev = di >= 0 ? args[di + 1] : undefined;
    const hi = args.indexOf('hairpin');
    const mode = hi >= 0 ? args[hi + 1] : undefined;
    if (!dev) return fail('Device is a required argument.', 255);
    const l = ns.links.find((x) => x.name === dev);
    if (!l) return fail(`Cannot find device "${dev}"`, 1);
    if (hi >= 0 && mode !== 'on' && mode !== 'off') return fail(`Error: argument of "hairpin" must be "on" or "off", not "${mode ?? ''}"`, 255);
    if (!l.master) return fail('RTNETLINK answers: Operation not supported', 2);
    if (mode) l.hairpin = mode === 'on';
    return ok('');
  }
  if (args[0] && !['show', 'list', 'dev'].includes(args[0])) return fail(`Command "${args[0]}" is unknown, try "bridge link help".`, 255);
  const di = args.indexOf('dev');
  const dev = di >= 0 ? args[di + 1] : undefined;
  const ports = ns.links.filter((l) => l.master && (!dev || l.name === dev));
  return ok(ports.map((l) => portLine(l, env, details)).join('\n'));
}
