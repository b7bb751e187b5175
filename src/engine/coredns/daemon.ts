/**
 * The coredns process: started by the kubelet when a container of the coredns image starts
 * (kubelet/daemons.ts), it loads the Corefile from its ConfigMap and serves DNS on UDP and
 * TCP 53 in the pod's network namespace until the container stops. Its `reload` plugin picks
 * up ConfigMap edits (checked every 30 s); a Corefile it cannot parse at start makes it exit.
 */
import type { ConfigMap, Pod } from '../api/types';
import type { DaemonSpec } from '../kubelet/daemons';
import type { SimContext } from '../sim/context';
import { COREFILE } from './addon';
import type { DnsCache } from './cache';
import { parseCorefile, RELOAD_INTERVAL_MS, type CorefileConfig } from './corefile';
import { fnv1a64 } from '../sim/hash';
import { NODE_RESOLV_CONF, parseResolvConf, resolvConfFor } from './resolvconf';
import { clusterDnsIP } from './addon';

export interface CoreDnsServer {
  /** namespace/name of the pod. */
  pod: string;
  host: string;
  corefile: string;
  config: CorefileConfig;
  /** When the reload plugin next compares the Corefile (simulated ms). */
  nextReload: number;
  /** What the process printed, for `kubectl logs`. */
  log: string[];
  /** Counters the prometheus plugin exports on :9153/metrics. */
  requests: Record<string, number>;
  responses: Record<string, number>;
  forwards: Record<string, number>;
  cache: DnsCache;
  cacheHits: number;
  cacheMisses: number;
  /** Ends the process (a fatal error at reload). */
  exit: (code: number) => void;
}

/** The configuration digest CoreDNS logs (128 hex digits like SHA-512; derived with FNV here, the engine has no SHA-512). */
const digest = (text: string): string => [0, 1, 2, 3, 4, 5, 6, 7].map((i) => fnv1a64(`${i}:${text}`)).join('');

function corefileOf(ctx: SimContext): string {
  const cm = ctx.api.peekAll('ConfigMap').find((c) => c.metadata.namespace === 'kube-system' && c.metadata.name === 'coredns') as ConfigMap | undefined;
  return cm?.data?.Corefile ?? COREFILE;
}

/** Where `forward . TARGET` sends: a resolv.conf path means its first nameserver (the pod's file: dnsPolicy Default, the node's). */
export function upstreamOf(ctx: SimContext, pod: Pod | undefined, target: string): string {
  if (target.startsWith('/')) return parseResolvConf(pod ? resolvConfFor(ctx, pod) : NODE_RESOLV_CONF).nameservers[0] ?? '8.8.8.8';
  return target.replace(/^dns:\/\//, '').replace(/:\d+$/, '');
}

/** The loop plugin: a forward that comes back to CoreDNS (loopback, kube-dns, a CoreDNS pod) is fatal. */
function loopError(ctx: SimContext, pod: Pod, config: CorefileConfig): string | undefined {
  const up = upstreamOf(ctx, pod, config.forward[0] ?? '/etc/resolv.conf');
  const corednsIPs = (ctx.api.peekAll('Pod') as Pod[]).filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map((p) => p.status?.podIP);
  if (!up.startsWith('127.') && up !== clusterDnsIP(ctx) && !corednsIPs.includes(up)) return undefined;
  const src = up.startsWith('127.') ? '127.0.0.1' : (pod.status?.podIP ?? '127.0.0.1');
  const n = (): string => `${1 + ctx.prng.int(9)}${String(ctx.prng.int(1e9)).padStart(9, '0')}${String(ctx.prng.int(1e9)).padStart(9, '0')}`;
  return `[FATAL] plugin/loop: Loop (${src}:${32768 + ctx.prng.int(28232)} -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO ${n()}.${n()}."`;
}

/** The reload plugin: every 30 s, a changed Corefile is loaded (a broken one is refused, the old one kept). */
export function reloadIfDue(ctx: SimContext, s: CoreDnsServer): void {
  const now = ctx.clock.now;
  if (now < s.nextReload) return;
  s.nextReload = now + RELOAD_INTERVAL_MS;
  const text = corefileOf(ctx);
  if (text === s.corefile) return;
  const parsed = parseCorefile(text);
  if (typeof parsed === 'string') {
    s.log.push(`[ERROR] Restart failed: ${parsed}`);
    return;
  }
  s.log.push('[INFO] Reloading', `[INFO] plugin/reload: Running configuration SHA512 = ${digest(text)}`);
  const [pns, pname] = s.pod.split('/');
  const pod = (ctx.api.peekAll('Pod') as Pod[]).find((p) => p.metadata.namespace === pns && p.metadata.name === pname);
  const loop = pod ? loopError(ctx, pod, parsed) : undefined;
  if (loop) {
    s.log.push(loop);
    registries.get(ctx)?.delete(s.pod);
    exitLogs.set(ctx, (exitLogs.get(ctx) ?? new Map<string, string[]>()).set(s.pod, s.log));
    ctx.clock.schedule(0, 'coredns', () => s.exit(1));
    return;
  }
  s.log.push('[INFO] Reloading complete');
  Object.assign(s, { corefile: text, config: parsed, cache: new Map() });
}

const registries = new WeakMap<SimContext, Map<string, CoreDnsServer>>();
/** The last words of a coredns that refused its Corefile, by pod. */
const exitLogs = new WeakMap<SimContext, Map<string, string[]>>();

/** The coredns processes running in this simulation, by pod; undefined until the kubelet has started one. */
export function coreDnsServers(ctx: SimContext): Map<string, CoreDnsServer> | undefined {
  return registries.get(ctx);
}

/** Whether the coredns process of a pod runs (before the kubelet starts daemons: whether its container runs). */
export function coreDnsServing(ctx: SimContext, podId: string): boolean {
  const servers = registries.get(ctx);
  if (servers) return servers.has(podId);
  const [ns, name] = podId.split('/');
  const pod = ctx.api.peekAll('Pod').find((p) => p.metadata.namespace === ns && p.metadata.name === name) as Pod | undefined;
  return !!pod?.status?.containerStatuses?.some((c) => c.state.running);
}

export const COREDNS_DAEMON: DaemonSpec = {
  name: 'coredns',
  image: /(^|\/)coredns(:|@|$)/,
  start({ ctx, host, pod, exit }) {
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const corefile = corefileOf(ctx);
    const config = parseCorefile(corefile);
    const servers = registries.get(ctx) ?? new Map<string, CoreDnsServer>();
    registries.set(ctx, servers);
    const banner = ['.:53', `[INFO] plugin/reload: Running configuration SHA512 = ${digest(corefile)}`, 'CoreDNS-1.12.1', 'linux/amd64, go1.24.1, 707c7c1'];
    const loop = typeof config === 'string' ? undefined : loopError(ctx, pod, config);
    if (typeof config === 'string' || loop) {
      // CoreDNS refuses to start: the kubelet restarts it with back-off (CrashLoopBackOff).
      const last = exitLogs.get(ctx) ?? new Map<string, string[]>();
      exitLogs.set(ctx, last.set(id, typeof config === 'string' ? [config] : [...banner, loop!]));
      ctx.clock.schedule(0, 'coredns', () => exit?.(1));
      return { stop: () => undefined };
    }
    servers.set(id, { pod: id, host, corefile, config, nextReload: ctx.clock.now + RELOAD_INTERVAL_MS, log: banner, requests: {}, responses: {}, forwards: {}, cache: new Map(), cacheHits: 0, cacheMisses: 0, exit: (code) => exit?.(code) });
    return {
      stop() {
        servers.delete(id);
      },
    };
  },
  // What CoreDNS printed (the Corefile has no `log` plugin: queries are not logged).
  logs({ ctx, pod }) {
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const s = registries.get(ctx)?.get(id);
    if (s) reloadIfDue(ctx, s);
    return s?.log ?? exitLogs.get(ctx)?.get(id) ?? [];
  },
};
