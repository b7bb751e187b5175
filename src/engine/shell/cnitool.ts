/**
 * cnitool (containernetworking/cni): runs a network configuration list from /etc/cni/net.d by
 * its "name" against a network namespace — ADD, CHECK or DEL — with the plugins found in
 * CNI_PATH. The container id is "cnitool-" and a hash of the netns path, as the real tool makes
 * it, so CHECK and DEL find what its own ADD cached.
 */
import { fnv1a32 } from '../sim/hash';
import { invoke, loadConfList, type Invocation } from '../cni/invoke';
import type { PortMapping } from '../cni/portmap/portmap';
import { netnsNames } from './netns';
import { fail, ok, type Command } from './types';

const USAGE = `cnitool: Add, check, or remove network interfaces from a network namespace
  cnitool add   <net> <netns>
  cnitool check <net> <netns>
  cnitool del   <net> <netns>`;

const VERBS = { add: 'ADD', check: 'CHECK', del: 'DEL' } as const;

function containerIdOf(netnsPath: string): string {
  return `cnitool-${[netnsPath, `${netnsPath}#`, `#${netnsPath}`].map((s) => fnv1a32(s).toString(16).padStart(8, '0')).join('').slice(0, 20)}`;
}

function capabilityMappings(text: string | undefined): PortMapping[] | string {
  if (!text) return [];
  try {
    const caps = JSON.parse(text) as { portMappings?: PortMapping[] };
    return caps.portMappings ?? [];
  } catch (e) {
    return `error parsing CAP_ARGS: ${(e as Error).message}`;
  }
}

export const cnitool: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: cnitool: not found', 127);
  const verb = VERBS[args[0] as keyof typeof VERBS];
  if (!verb || args.length < 3) return fail(USAGE);
  const [, name, netnsArg] = args;
  const host = env.ctx.hosts.get(env.target.host)!;
  const vars = env.vars ?? {};
  const path = netnsArg.startsWith('/') ? netnsArg : `/root/${netnsArg}`;
  const m = /^\/(?:var\/)?run\/netns\/([^/]+)$/.exec(path);
  const ns = m ? netnsNames(env).get(m[1]) : undefined;
  const mappings = capabilityMappings(vars.CAP_ARGS);
  if (typeof mappings === 'string') return fail(mappings);
  let list;
  try {
    list = loadConfList(host.files, name);
  } catch (e) {
    return fail((e as Error).message);
  }
  const inv: Invocation = {
    ctx: env.ctx,
    node: env.target.host,
    args: { command: verb, containerId: containerIdOf(path), netns: ns?.id ?? path, ifname: vars.CNI_IFNAME ?? 'eth0', podNamespace: '', podName: '' },
    list,
    portMappings: mappings,
    cniPath: (vars.CNI_PATH ?? '').split(':').filter(Boolean),
  };
  if (!ns && verb !== 'DEL') {
    // The plugin cannot enter the namespace; libcni passes its error through.
    return fail(`failed to open netns "${path}": failed to Statfs "${path}": no such file or directory`);
  }
  try {
    const result = invoke(inv, verb);
    // The result names the namespace by the path it was given.
    if (result) for (const i of result.interfaces) if (i.sandbox) i.sandbox = path;
    return ok(result ? JSON.stringify(result, null, 4) : '');
  } catch (e) {
    return fail((e as Error).message);
  }
};
