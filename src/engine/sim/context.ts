/** What every simulated component can reach: time, randomness, the API, the machines. */
import type { ApiServer } from '../apiserver/apiserver';
import type { KubeEvent, KubeObject } from '../api/types';
import type { Network } from '../net/network';
import type { ContainerRuntime } from '../runtime/runtime';
import type { KubeletControl } from '../kubelet/control';
import type { HollowKubelet } from '../kubemark/hollowKubelet';
import type { Scenario } from '../scenario/types';
import type { Clock } from './clock';
import type { Host } from './host';
import type { MessageLog } from './messages';
import type { Prng } from './prng';
import { isoAt } from './time';
import { flat, flatShared } from './flat';

export interface SimContext {
  clock: Clock;
  prng: Prng;
  log: MessageLog;
  api: ApiServer;
  net: Network;
  hosts: Map<string, Host>;
  runtimes: Map<string, ContainerRuntime>;
  scenario: Scenario;
  /** containerd watches /etc/cni/net.d: whoever writes a CNI config there tells the node's kubelet. */
  cniConfigWatchers: Map<string, () => void>;
  /** kube-scheduler's process: its static pod starts and stops it. */
  scheduler?: { start(): void; stop(): void };
  /** Each node's kubelet service (systemctl, kubeadm reset); filled in as kubelets start. */
  kubelets?: Map<string, KubeletControl>;
  /**
   * Per pod (namespace/name), the access-log lines its web server wrote, oldest first. The
   * network model appends one when a request reaches a listening pod; `kubectl logs` reads them.
   */
  accessLog?: Map<string, string[]>;
  /** `kubectl proxy` listeners: host → port (127.0.0.1:PORT on that machine answers apiserver/rest.ts restGet). */
  apiProxies?: Map<string, number>;
  /** The event recorders' correlator: an identical event's key → the Event it was counted into. */
  eventKeys?: Map<string, string>;
  /** Kubemark hollow nodes' kubelets, by node name (scenario.cluster.hollowNodes): no machine behind them. */
  hollow?: Map<string, HollowKubelet>;
  /** `kubectl run -it` sessions still attached, by pod (namespace/name): `exit` in the pod ends one. `from`: the terminal kubectl runs in (a node, or namespace/pod). */
  attached?: Map<string, { container: string; rm: boolean; from: string; uid: string }>;
}

/** client-go's EventCorrelator remembers this many distinct events (maxLruCacheEntries). */
const EVENT_CACHE_ENTRIES = 4096;

/**
 * Records a Kubernetes Event (`kubectl get events`, `describe`), as components do. Like
 * client-go's EventCorrelator, an event identical to one already recorded (same object, type,
 * reason, message and source) is not a new object: the existing Event's count goes up and its
 * lastTimestamp moves — `describe` then shows "10s (x3 over 2m)".
 */
export function recordEvent(
  ctx: SimContext,
  involved: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
  host?: string,
): void {
  const now = isoAt(ctx.clock.now);
  const ns = involved.metadata.namespace ?? 'default';
  // The kubelet posts as itself on its node (the actor the control-plane view draws).
  const actor = host ? `${component}/${host}` : component;
  const keys = (ctx.eventKeys ??= new Map());
  const key = [involved.kind, ns, involved.metadata.name, involved.metadata.uid, type, reason, message, component, host].join('\u0000');
  const seen = keys.get(key);
  const existing = seen ? ctx.api.get<KubeEvent>('Event', ns, seen) : undefined;
  if (existing) {
    // Most recently seen last: the cache is an LRU, as client-go's (maxLruCacheEntries 4096).
    keys.delete(key);
    keys.set(key, seen!);
    // The recorder PATCHes the count and lastTimestamp (client-go events_cache.go).
    ctx.api.patch({ ...existing, count: existing.count + 1, lastTimestamp: now }, actor);
    return;
  }
  // Flat strings (not ropes of their pieces): there are several Events per pod.
  const name = flat(`${involved.metadata.name}.${ctx.prng.hex(8)}`);
  keys.set(key, name);
  if (keys.size > EVENT_CACHE_ENTRIES) keys.delete(keys.keys().next().value!);
  ctx.api.create(
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: { kind: involved.kind, namespace: involved.metadata.namespace, name: involved.metadata.name, uid: involved.metadata.uid },
      reason,
      message: flatShared(message),
      type,
      source: { component, host },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    },
    actor,
  );
}
