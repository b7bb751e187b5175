// The kubelet's Node: registration, the Lease heartbeat, the periodic status sync and the Ready condition.
import type { Lease, Node } from '../api/types';
import { ApiError } from '../apiserver/errors';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import type { KubeletCore } from './core';
import { writeKubeletFiles } from './kubeletConfig';
import { nodeLease, nodeObject, readyNodeConditions } from './nodeObject';
import { syncStaticPods } from './staticPods';
import { KUBELET_TIMING } from './timing';

/** metav1.MicroTime, as Leases carry it: 2026-01-05T09:00:10.000000Z. */
export function microAt(ms: number): string {
  return isoAt(ms).replace(/Z$/, `.${String(ms % 1000).padStart(3, '0')}000Z`);
}

export function registerNode(k: KubeletCore, host: ReturnType<SimContext['hosts']['get']> & object): void {
  const now = isoAt(k.ctx.clock.now);
  writeKubeletFiles(k.ctx, host);
  try {
    k.ctx.api.create(nodeObject(host, k.ctx.scenario.cluster.kubernetesVersion, now), k.actor);
  } catch (e) {
    if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
  }
  if (!k.ctx.api.get('Lease', 'kube-node-lease', k.nodeName)) {
    const node = k.ctx.api.get<Node>('Node', undefined, k.nodeName)!;
    k.ctx.api.create(nodeLease(k.nodeName, node.metadata.uid!, microAt(k.ctx.clock.now)), k.actor);
  }
}

/** The node lease heartbeat (every 10 s): housekeeping, so it runs in the background. */
export function renewLease(k: KubeletCore): void {
  const lease = k.ctx.api.get<Lease>('Lease', 'kube-node-lease', k.nodeName);
  if (lease) {
    lease.spec.renewTime = microAt(k.ctx.clock.now);
    lease.spec.holderIdentity = k.nodeName;
    k.ctx.api.update(lease, k.actor);
  }
  k.later(KUBELET_TIMING.leaseRenew, () => renewLease(k), true);
}

/** The periodic node status update (nodeStatusUpdateFrequency, 10 s): housekeeping. */
export function syncNodeStatus(k: KubeletCore): void {
  updateReadiness(k);
  // The kubelet also re-reads staticPodPath (fileCheckFrequency): a moved manifest stops its pod.
  syncStaticPods(k.ctx, k.nodeName, k.actor);
  k.later(KUBELET_TIMING.statusSync, () => syncNodeStatus(k), true);
}

/** Node status: Ready once the network plugin is initialised (a CNI config exists). */
export function updateReadiness(k: KubeletCore): void {
  const host = k.ctx.hosts.get(k.nodeName)!;
  const node = k.ctx.api.get<Node>('Node', undefined, k.nodeName);
  if (!node) return;
  const cniReady = Object.keys(host.files).some((p) => p.startsWith('/etc/cni/net.d/'));
  const now = isoAt(k.ctx.clock.now);
  const conds = node.status?.conditions ?? [];
  const ready = conds.find((c) => c.type === 'Ready');
  const pressureStale = conds.some((c) => c.type !== 'Ready' && c.status !== 'False');
  if (cniReady && ready && (ready.status !== 'True' || pressureStale)) {
    node.status!.conditions = readyNodeConditions(now);
    k.ctx.api.update(node, k.actor, 'status');
    recordEvent(k.ctx, node, 'Normal', 'NodeReady', `Node ${k.nodeName} status is now: NodeReady`, 'kubelet', k.nodeName);
  } else if (!cniReady && ready?.status === 'Unknown') {
    ready.status = 'False';
    ready.reason = 'KubeletNotReady';
    ready.message = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
    ready.lastHeartbeatTime = now;
    ready.lastTransitionTime = now;
    k.ctx.api.update(node, k.actor, 'status');
  }
}

export function recordEventSafe(ctx: SimContext, nodeName: string, reason: string, message: string): void {
  const node = ctx.api.get<Node>('Node', undefined, nodeName);
  if (node) recordEvent(ctx, node, 'Normal', reason, message, 'kubelet', nodeName);
}
