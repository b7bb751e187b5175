/**
 * How the runtime invokes CNI for a sandbox: read the first config list in /etc/cni/net.d,
 * run its plugin with CNI_COMMAND=ADD|DEL, record the call (args, config, result) so a
 * learner can read exactly what was passed and returned.
 */
import type { SimContext } from '../sim/context';
import type { Sandbox } from '../runtime/runtime';
import { bridgeAdd } from './bridge/bridge';
import { release } from './host-local/ipam';
import { flannelDelegateConf } from './flannel/plugin';
import { parseSubnetEnv } from './flannel/subnetEnv';
import type { CniArgs, CniCall, CniResult } from './types';

const NETWORK = 'cbr0';
const MAX_CALLS = 100;

function args(command: CniArgs['command'], sb: Sandbox): CniArgs {
  return { command, containerId: sb.id, netns: sb.netns, ifname: 'eth0', podNamespace: sb.namespace, podName: sb.name };
}

function remember(ctx: SimContext, nodeName: string, call: CniCall): void {
  const host = ctx.hosts.get(nodeName)!;
  host.cniCalls.push(call);
  if (host.cniCalls.length > MAX_CALLS) host.cniCalls.shift();
}

export function cniAdd(ctx: SimContext, nodeName: string, sb: Sandbox): CniResult {
  const host = ctx.hosts.get(nodeName)!;
  const a = args('ADD', sb);
  const call: CniCall = { t: ctx.clock.now, plugin: 'flannel', args: a, config: undefined };
  ctx.log.add({ t: ctx.clock.now, from: `${host.runtime}/${nodeName}`, to: `cni/${nodeName}`, verb: 'CNI ADD', path: `${sb.namespace}/${sb.name}` });
  try {
    if (!Object.keys(host.files).some((p) => p.startsWith('/etc/cni/net.d/'))) {
      throw new Error('no networks found in /etc/cni/net.d');
    }
    const env = parseSubnetEnv(host.files['/run/flannel/subnet.env'] ?? '');
    const conf = flannelDelegateConf(env);
    call.config = conf;
    const ipam = (host.ipam[NETWORK] = host.ipam[NETWORK] ?? { allocated: {} });
    const result = bridgeAdd(ctx.net, ctx.prng, ctx.net.ns(nodeName), a, conf, ipam);
    const ip = result.ips[0].address.split('/')[0];
    host.files[`/var/lib/cni/networks/${NETWORK}/${ip}`] = `${sb.id}\neth0`;
    host.files[`/var/lib/cni/networks/${NETWORK}/last_reserved_ip.0`] = ip;
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
  const ipam = host.ipam[NETWORK];
  if (ipam) {
    for (const [ip, id] of Object.entries(ipam.allocated)) if (id === sb.id) delete host.files[`/var/lib/cni/networks/${NETWORK}/${ip}`];
    release(ipam, sb.id);
  }
  ctx.net.removeNamespace(sb.netns);
  remember(ctx, nodeName, { t: ctx.clock.now, plugin: 'flannel', args: args('DEL', sb), config: undefined });
}
