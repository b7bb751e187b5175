/** What every simulated component can reach: time, randomness, the API, the machines. */
import type { ApiServer } from '../apiserver/apiserver';
import type { KubeObject } from '../api/types';
import type { Network } from '../net/network';
import type { ContainerRuntime } from '../runtime/runtime';
import type { KubeletControl } from '../kubelet/control';
import type { Scenario } from '../scenario/types';
import type { Clock } from './clock';
import type { Host } from './host';
import type { MessageLog } from './messages';
import type { Prng } from './prng';
import { isoAt } from './time';

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
}

/** Records a Kubernetes Event (`kubectl get events`, `describe`), as components do. */
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
  ctx.api.create(
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${involved.metadata.name}.${ctx.prng.hex(8)}`, namespace: ns },
      involvedObject: { kind: involved.kind, namespace: involved.metadata.namespace, name: involved.metadata.name, uid: involved.metadata.uid },
      reason,
      message,
      type,
      source: { component, host },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    },
    // The kubelet posts as itself on its node (the actor the control-plane view draws).
    host ? `${component}/${host}` : component,
  );
}
