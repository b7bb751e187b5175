/**
 * The coredns process: started by the kubelet when a container of the coredns image starts
 * (kubelet/daemons.ts), it loads the Corefile from its ConfigMap and serves DNS on UDP and
 * TCP 53 in the pod's network namespace until the container stops.
 */
import type { ConfigMap, Pod } from '../api/types';
import type { DaemonSpec } from '../kubelet/daemons';
import type { SimContext } from '../sim/context';
import { COREFILE } from './addon';
import type { DnsCache } from './cache';

export interface CoreDnsServer {
  /** namespace/name of the pod. */
  pod: string;
  host: string;
  corefile: string;
  /** Counters the prometheus plugin exports on :9153/metrics. */
  requests: Record<string, number>;
  responses: Record<string, number>;
  forwards: Record<string, number>;
  cache: DnsCache;
  cacheHits: number;
  cacheMisses: number;
}

/** The digest CoreDNS logs for the kubeadm Corefile (a fixed stand-in: the engine has no SHA-512). */
const CONFIG_SHA512 = '591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908';

const registries = new WeakMap<SimContext, Map<string, CoreDnsServer>>();

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
  start({ ctx, host, pod }) {
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const cm = ctx.api.peekAll('ConfigMap').find((c) => c.metadata.namespace === 'kube-system' && c.metadata.name === 'coredns') as ConfigMap | undefined;
    const corefile = cm?.data?.Corefile ?? COREFILE;
    const servers = registries.get(ctx) ?? new Map<string, CoreDnsServer>();
    registries.set(ctx, servers);
    servers.set(id, { pod: id, host, corefile, requests: {}, responses: {}, forwards: {}, cache: new Map(), cacheHits: 0, cacheMisses: 0 });
    return {
      stop() {
        servers.delete(id);
      },
    };
  },
  // What CoreDNS prints when it starts (the Corefile has no `log` plugin: queries are not logged).
  logs() {
    return ['.:53', `[INFO] plugin/reload: Running configuration SHA512 = ${CONFIG_SHA512}`, 'CoreDNS-1.12.1', 'linux/amd64, go1.24.1, 707c7c1'];
  },
};
