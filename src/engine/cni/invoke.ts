/**
 * How the runtime invokes CNI for a sandbox, as libcni does: load the first network
 * configuration in /etc/cni/net.d (lexical order; a .conf becomes a one-plugin list), run the
 * list's plugins in order for ADD and CHECK (each gets the previous result), in reverse for DEL,
 * cache the ADD result under /var/lib/cni/results for CHECK and DEL, and record every call so a
 * learner can read what was passed and returned. containerd first runs its own "cni-loopback"
 * network for lo. Plugins: flannel (delegating to bridge), bridge, calico, portmap, bandwidth,
 * loopback.
 */
import type { SimContext } from '../sim/context';
import { flat } from '../sim/flat';
import type { Sandbox } from '../runtime/runtime';
import type { Pod } from '../api/types';
import { bridgeAdd, bridgeDel } from './bridge/bridge';
import { bridgeCheck } from './bridge/check';
import { release } from './host-local/ipam';
import { flannelDelegateConf } from './flannel/plugin';
import { parseSubnetEnv } from './flannel/subnetEnv';
import type { BridgeConf, CniArgs, CniCall, CniResult } from './types';
import { calicoAdd, calicoDel, type CalicoConf } from './calico/plugin';
import { portmapAdd, portmapCheck, portmapDel, type PortMapping } from './portmap/portmap';
import { LOOPBACK_CONFLIST, loopbackAdd, loopbackCheck, loopbackDel } from './loopback/loopback';

const MAX_CALLS = 100;
export const CNI_PATH = '/opt/cni/bin';
export const NET_DIR = '/etc/cni/net.d';

/** An error a plugin printed on stdout, as spec JSON (code 999: a plain error, as skel wraps it). */
export class CniError extends Error {
  constructor(
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }

  json(): string {
    return JSON.stringify({ cniVersion: '1.0.0', code: this.code, msg: this.message }, null, 2);
  }
}

interface PluginConf {
  type?: string;
  capabilities?: Record<string, boolean>;
  snat?: boolean;
  [k: string]: unknown;
}

export interface ConfList {
  path: string;
  name: string;
  cniVersion: string;
  plugins: PluginConf[];
}

/** Everything one invocation needs. `cniPath` is where plugins are looked up (CNI_PATH). */
export interface Invocation {
  ctx: SimContext;
  node: string;
  args: CniArgs;
  list: ConfList;
  portMappings: PortMapping[];
  cniPath: string[];
}

function parseList(path: string, text: string): ConfList {
  let raw: { name?: string; cniVersion?: string; type?: string; plugins?: PluginConf[] };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch (e) {
    throw new Error(`error parsing configuration list: ${path}: ${(e as Error).message}`, { cause: e });
  }
  if (path.endsWith('.conflist')) {
    if (!raw.name) throw new Error(`error parsing configuration list: ${path}: no name`);
    if (!Array.isArray(raw.plugins) || raw.plugins.length === 0) throw new Error(`error parsing configuration list: ${path}: no 'plugins' key`);
    return { path, name: raw.name, cniVersion: raw.cniVersion ?? '', plugins: raw.plugins };
  }
  return { path, name: raw.name ?? '', cniVersion: raw.cniVersion ?? '', plugins: [raw as PluginConf] };
}

/**
 * Parsed lists by path and text (the last few): the runtime reads the same conflist for every
 * pod, and each call record keeps the configuration it was given; one parse shared by all is
 * ~300 bytes less per pod. Nothing changes a parsed list (runtimeConfig goes into copies).
 */
const parsedLists = new Map<string, ConfList>();
function parseListCached(path: string, text: string): ConfList {
  const key = `${path}\n${text}`;
  let list = parsedLists.get(key);
  if (!list) {
    list = parseList(path, text);
    if (parsedLists.size >= 64) parsedLists.delete(parsedLists.keys().next().value!);
    parsedLists.set(key, list);
  }
  return list;
}

/** The configuration in effect: the first file in /etc/cni/net.d, or the one whose "name" is `name` (cnitool). */
export function loadConfList(files: Record<string, string>, name?: string): ConfList {
  const paths = Object.keys(files).filter((p) => /^\/etc\/cni\/net\.d\/[^/]+\.(conf|conflist|json)$/.test(p)).sort();
  if (name === undefined) {
    if (!paths[0]) throw new Error(`no networks found in ${NET_DIR}`);
    return parseListCached(paths[0], files[paths[0]]);
  }
  for (const p of paths) {
    try {
      const list = parseListCached(p, files[p]);
      if (list.name === name) return list;
    } catch {
      // libcni skips files it cannot parse while looking for a name.
    }
  }
  throw new Error(`no net configuration with name "${name}" in ${NET_DIR}`);
}

function remember(ctx: SimContext, nodeName: string, call: CniCall): void {
  const host = ctx.hosts.get(nodeName)!;
  host.cniCalls.push(call);
  if (host.cniCalls.length > MAX_CALLS) host.cniCalls.shift();
}

const cacheKey = (inv: Invocation): string => `/var/lib/cni/results/${inv.list.name}-${inv.args.containerId}-${inv.args.ifname}`;

function cachedResult(inv: Invocation): CniResult | undefined {
  const text = inv.ctx.hosts.get(inv.node)!.files[cacheKey(inv)];
  return text ? (JSON.parse(text) as { result: CniResult }).result : undefined;
}

/** The bridge configuration a flannel or bridge entry amounts to. */
function bridgeConfOf(inv: Invocation, p: PluginConf): BridgeConf {
  if (p.type === 'flannel') {
    // The flannel plugin fills in what "delegate" leaves out (mtu from subnet.env, ipam, ...): keys set there win.
    const base = flannelDelegateConf(parseSubnetEnv(inv.ctx.hosts.get(inv.node)!.files['/run/flannel/subnet.env'] ?? ''));
    return { ...base, ...((p.delegate as Partial<BridgeConf> | undefined) ?? {}), ipam: base.ipam };
  }
  return p as unknown as BridgeConf;
}

function findPlugin(inv: Invocation, type: string | undefined): string {
  const known = ['flannel', 'bridge', 'calico', 'portmap', 'bandwidth', 'loopback'];
  if (!type || !known.includes(type) || !inv.cniPath.includes(CNI_PATH)) throw new Error(`failed to find plugin "${type ?? ''}" in path [${inv.cniPath.join(' ')}]`);
  return type;
}

/** A plugin's own failure becomes spec JSON; libcni's (config, lookup) stays a plain error. */
function asPlugin<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CniError) throw e;
    throw new CniError(999, (e as Error).message);
  }
}

function addBridge(inv: Invocation, conf: BridgeConf): CniResult {
  const { ctx, node, args } = inv;
  const host = ctx.hosts.get(node)!;
  const ipam = (host.ipam[conf.name] ??= { allocated: {} });
  const result = bridgeAdd(ctx.net, ctx.prng, ctx.net.ns(node), args, conf, ipam);
  const ip = result.ips[0].address.split('/')[0];
  // Flat strings: a rope per file and path was ~1.5 KB per pod across these files.
  host.files[flat(`/var/lib/cni/networks/${conf.name}/${ip}`)] = flat(`${args.containerId}\n${args.ifname}`);
  host.files[`/var/lib/cni/networks/${conf.name}/last_reserved_ip.0`] = ip;
  return result;
}

export function runAdd(inv: Invocation): CniResult {
  let prev: CniResult | undefined;
  for (const p of inv.list.plugins) {
    const type = findPlugin(inv, p.type);
    const host = inv.ctx.net.ns(inv.node);
    prev = asPlugin(() => {
      if (type === 'flannel' || type === 'bridge') return addBridge(inv, bridgeConfOf(inv, p));
      if (type === 'calico') return calicoAdd(inv.ctx, inv.node, inv.args, p as unknown as CalicoConf);
      if (type === 'loopback') return loopbackAdd(inv.ctx.net, inv.args.netns);
      if (!prev) throw new Error(`${type}: must be called as chained plugin`);
      if (type === 'portmap') portmapAdd(host, inv.list.name, inv.args.containerId, inv.portMappings, prev.ips[0].address, p.snat !== false);
      return prev;
    });
  }
  const cache = { kind: 'cniCacheV1', containerId: inv.args.containerId, ifName: inv.args.ifname, networkName: inv.list.name, capabilityArgs: { portMappings: inv.portMappings }, result: prev };
  inv.ctx.hosts.get(inv.node)!.files[flat(cacheKey(inv))] = flat(JSON.stringify(cache));
  return prev!;
}

/** CHECK: every plugin of the list verifies what ADD set up, with the cached result as prevResult. */
export function runCheck(inv: Invocation): void {
  const prev = cachedResult(inv);
  for (const p of inv.list.plugins) {
    const type = findPlugin(inv, p.type);
    asPlugin(() => {
      if (type === 'flannel' || type === 'bridge') bridgeCheck(inv.ctx.net, inv.node, inv.args, bridgeConfOf(inv, p), prev);
      else if (type === 'loopback') loopbackCheck(inv.ctx.net, inv.args.netns);
      else if (type === 'portmap') portmapCheck(inv.ctx.net.ns(inv.node), inv.list.name, inv.args.containerId, inv.portMappings);
      else if (!prev) throw new Error('Required prevResult missing');
    });
  }
}

/** DEL: plugins in reverse order; each removes what it made. DEL of something already gone succeeds. */
export function runDel(inv: Invocation): void {
  const { ctx, node, args } = inv;
  const host = ctx.hosts.get(node)!;
  for (const p of [...inv.list.plugins].reverse()) {
    const type = findPlugin(inv, p.type);
    if (type === 'portmap') portmapDel(ctx.net.ns(node), inv.list.name, args.containerId);
    else if (type === 'loopback') loopbackDel(ctx.net, args.netns);
    else if (type === 'calico') calicoDel(ctx, node, args.containerId);
    else if (type === 'flannel' || type === 'bridge') {
      for (const [network, ipam] of Object.entries(host.ipam)) {
        for (const [ip, id] of Object.entries(ipam.allocated)) if (id === args.containerId) delete host.files[`/var/lib/cni/networks/${network}/${ip}`];
        release(ipam, args.containerId);
      }
      bridgeDel(ctx.net.ns(node), args.containerId);
      const ns = ctx.net.namespaces.get(args.netns);
      if (ns && ctx.net.link(ns, args.ifname)) ctx.net.deleteLink(ns, args.ifname);
    }
  }
  delete host.files[cacheKey(inv)];
}

/** Runs one command and records it; the error a caller sees is the plugin's message. */
export function invoke(inv: Invocation, command: CniArgs['command']): CniResult | undefined {
  const call: CniCall = { t: inv.ctx.clock.now, plugin: inv.list.plugins[0]?.type ?? 'unknown', args: { ...inv.args, command }, config: withRuntimeConfig(inv) };
  try {
    // CHECK came with spec 0.4.0: libcni refuses it for older configuration lists.
    if (command === 'CHECK' && olderThan(inv.list.cniVersion, '0.4.0')) throw new Error(`configuration version "${inv.list.cniVersion}" does not support the CHECK command`);
    if (command === 'ADD') return (call.result = runAdd(inv));
    if (command === 'CHECK') runCheck(inv);
    else runDel(inv);
    return undefined;
  } catch (e) {
    call.error = e instanceof CniError ? e.json() : (e as Error).message;
    throw e;
  } finally {
    remember(inv.ctx, inv.node, call);
  }
}

function olderThan(version: string, than: string): boolean {
  const a = version.split('.').map(Number);
  const b = than.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

/** The list as libcni hands it over: plugins with a capability get it as runtimeConfig. */
function withRuntimeConfig(inv: Invocation): unknown {
  const plugins = inv.list.plugins.map((p) => (p.capabilities?.portMappings ? { ...p, runtimeConfig: { portMappings: inv.portMappings } } : p));
  return { cniVersion: inv.list.cniVersion, name: inv.list.name, plugins };
}

function sandboxArgs(command: CniArgs['command'], sb: Sandbox, ifname: string): CniArgs {
  return { command, containerId: sb.id, netns: sb.netns, ifname, podNamespace: sb.namespace, podName: sb.name };
}

/** The pod's hostPorts as runtimeConfig.portMappings (what the kubelet passes through CRI). */
function portMappingsOf(ctx: SimContext, sb: Sandbox): PortMapping[] {
  const pod = ctx.api.peekByUid<Pod>('Pod', sb.podUid);
  return (pod?.spec.containers ?? []).flatMap((c) =>
    (c.ports ?? [])
      .filter((p) => p.hostPort)
      .map((p) => ({ hostPort: p.hostPort!, containerPort: p.containerPort, protocol: (p.protocol ?? 'TCP').toLowerCase() as PortMapping['protocol'] })),
  );
}

function sandboxInvocations(ctx: SimContext, nodeName: string, sb: Sandbox, command: CniArgs['command']): Invocation[] {
  const host = ctx.hosts.get(nodeName)!;
  const lo: ConfList = { path: '', ...LOOPBACK_CONFLIST };
  const base = { ctx, node: nodeName, portMappings: portMappingsOf(ctx, sb), cniPath: [CNI_PATH] };
  return [
    { ...base, args: sandboxArgs(command, sb, 'lo'), list: lo, portMappings: [] },
    { ...base, args: sandboxArgs(command, sb, 'eth0'), list: loadConfList(host.files) },
  ];
}

function logCall(ctx: SimContext, nodeName: string, sb: Sandbox, verb: string): void {
  const host = ctx.hosts.get(nodeName)!;
  ctx.log.add({ t: ctx.clock.now, from: `${host.runtime}/${nodeName}`, to: `cni/${nodeName}`, verb: `CNI ${verb}`, path: `${sb.namespace}/${sb.name}` });
}

export function cniAdd(ctx: SimContext, nodeName: string, sb: Sandbox): CniResult {
  logCall(ctx, nodeName, sb, 'ADD');
  let invs: Invocation[];
  try {
    invs = sandboxInvocations(ctx, nodeName, sb, 'ADD');
  } catch (e) {
    remember(ctx, nodeName, { t: ctx.clock.now, plugin: 'unknown', args: sandboxArgs('ADD', sb, 'eth0'), config: undefined, error: (e as Error).message });
    throw e;
  }
  invoke(invs[0], 'ADD');
  try {
    return invoke(invs[1], 'ADD')!;
  } catch (e) {
    // As containerd does after a failed ADD: DEL, so nothing half-made (address, chains) stays behind.
    try {
      runDel({ ...invs[1], args: { ...invs[1].args, command: 'DEL' } });
    } catch {
      // the ADD error is what the kubelet reports
    }
    throw e;
  }
}

/** CHECK of a running sandbox (what cnitool check does for a pod's netns). */
export function cniCheck(ctx: SimContext, nodeName: string, sb: Sandbox): void {
  for (const inv of sandboxInvocations(ctx, nodeName, sb, 'CHECK')) invoke(inv, 'CHECK');
}

export function cniDel(ctx: SimContext, nodeName: string, sb: Sandbox): void {
  logCall(ctx, nodeName, sb, 'DEL');
  try {
    const [lo, main] = sandboxInvocations(ctx, nodeName, sb, 'DEL');
    invoke(main, 'DEL');
    invoke(lo, 'DEL');
  } catch {
    // The runtime tears the sandbox down regardless (the failed call is recorded): nothing may leak.
    const host = ctx.hosts.get(nodeName)!;
    for (const [network, ipam] of Object.entries(host.ipam)) {
      for (const [ip, id] of Object.entries(ipam.allocated)) if (id === sb.id) delete host.files[`/var/lib/cni/networks/${network}/${ip}`];
      release(ipam, sb.id);
    }
    bridgeDel(ctx.net.ns(nodeName), sb.id);
    calicoDel(ctx, nodeName, sb.id);
  } finally {
    ctx.net.removeNamespace(sb.netns);
  }
}
