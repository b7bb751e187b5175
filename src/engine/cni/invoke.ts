/**
 * How the runtime invokes CNI for a sandbox: load the first network configuration in
 * /etc/cni/net.d (lexical order, as libcni does), run its plugin with CNI_COMMAND=ADD|DEL,
 * and record the call (args, config, result) so a learner can read what was passed and
 * returned. Supported: a flannel conflist (delegating to bridge) or a plain bridge .conf.
 */
import type { SimContext } from '../sim/context';
import type { Sandbox } from '../runtime/runtime';
import { bridgeAdd, bridgeDel } from './bridge/bridge';
import { release } from './host-local/ipam';
import { flannelDelegateConf } from './flannel/plugin';
import { parseSubnetEnv } from './flannel/subnetEnv';
import type { BridgeConf, CniArgs, CniCall, CniResult } from './types';
import { calicoAdd, calicoDel, type CalicoConf } from './calico/plugin';

const MAX_CALLS = 100;

function args(command: CniArgs['command'], sb: Sandbox): CniArgs {
  return { command, containerId: sb.id, netns: sb.netns, ifname: 'eth0', podNamespace: sb.namespace, podName: sb.name };
}

function remember(ctx: SimContext, nodeName: string, call: CniCall): void {
  const host = ctx.hosts.get(nodeName)!;
  host.cniCalls.push(call);
  if (host.cniCalls.length > MAX_CALLS) host.cniCalls.shift();
}

/** The network configuration in effect: the plugin type and the bridge config it amounts to. */
function loadConfig(ctx: SimContext, nodeName: string): { plugin: string; conf: BridgeConf } | { plugin: 'calico'; conf: CalicoConf } {
  const host = ctx.hosts.get(nodeName)!;
  const path = Object.keys(host.files).filter((p) => /^\/etc\/cni\/net\.d\/[^/]+\.(conf|conflist|json)$/.test(p)).sort()[0];
  if (!path) throw new Error('no networks found in /etc/cni/net.d');
  let raw: { type?: string; plugins?: { type?: string }[] };
  try {
    raw = JSON.parse(host.files[path]) as typeof raw;
  } catch (e) {
    throw new Error(`error parsing configuration list: ${path}: ${(e as Error).message}`, { cause: e });
  }
  const type = raw.plugins?.[0]?.type ?? raw.type;
  if (type === 'calico') return { plugin: 'calico', conf: raw.plugins![0] as unknown as CalicoConf };
  if (type === 'flannel') return { plugin: 'flannel', conf: flannelDelegateConf(parseSubnetEnv(host.files['/run/flannel/subnet.env'] ?? '')) };
  if (type === 'bridge') return { plugin: 'bridge', conf: raw as unknown as BridgeConf };
  throw new Error(`failed to find plugin "${type ?? ''}" in path [/opt/cni/bin]`);
}

export function cniAdd(ctx: SimContext, nodeName: string, sb: Sandbox): CniResult {
  const host = ctx.hosts.get(nodeName)!;
  const a = args('ADD', sb);
  const call: CniCall = { t: ctx.clock.now, plugin: 'unknown', args: a, config: undefined };
  ctx.log.add({ t: ctx.clock.now, from: `${host.runtime}/${nodeName}`, to: `cni/${nodeName}`, verb: 'CNI ADD', path: `${sb.namespace}/${sb.name}` });
  try {
    const loaded = loadConfig(ctx, nodeName);
    call.plugin = loaded.plugin;
    call.config = loaded.conf;
    if (loaded.plugin === 'calico') return (call.result = calicoAdd(ctx, nodeName, a, loaded.conf as CalicoConf));
    const conf = loaded.conf as BridgeConf;
    const ipam = (host.ipam[conf.name] ??= { allocated: {} });
    const result = bridgeAdd(ctx.net, ctx.prng, ctx.net.ns(nodeName), a, conf, ipam);
    const ip = result.ips[0].address.split('/')[0];
    host.files[`/var/lib/cni/networks/${conf.name}/${ip}`] = `${sb.id}\neth0`;
    host.files[`/var/lib/cni/networks/${conf.name}/last_reserved_ip.0`] = ip;
    call.result = result;
    return result;
  } catch (e) {
    call.error = (e as Error).message;
    throw e;
  } finally {
    remember(ctx, nodeName, call);
  }
}

export function cniDel(ctx: SimContext, nodeName: string, sb: Sandbox): void {
  const host = ctx.hosts.get(nodeName)!;
  ctx.log.add({ t: ctx.clock.now, from: `${host.runtime}/${nodeName}`, to: `cni/${nodeName}`, verb: 'CNI DEL', path: `${sb.namespace}/${sb.name}` });
  for (const [network, ipam] of Object.entries(host.ipam)) {
    for (const [ip, id] of Object.entries(ipam.allocated)) if (id === sb.id) delete host.files[`/var/lib/cni/networks/${network}/${ip}`];
    release(ipam, sb.id);
  }
  bridgeDel(ctx.net.ns(nodeName), sb.id);
  calicoDel(ctx, nodeName, sb.id);
  ctx.net.removeNamespace(sb.netns);
  remember(ctx, nodeName, { t: ctx.clock.now, plugin: 'bridge', args: args('DEL', sb), config: undefined });
}
