/**
 * node-lifecycle controller: watches every node's Lease in kube-node-lease. A node whose
 * kubelet has not renewed it for node-monitor-grace-period (40 s) gets its conditions set
 * to Unknown ("Kubelet stopped posting node status."), its pods marked not ready, and the
 * node.kubernetes.io/unreachable taints (NoSchedule and NoExecute). A Ready=False node gets
 * the not-ready taints instead; a Ready node has neither.
 */
import { deepCopy } from '../apiserver/copy';
import type { Lease, Node, Pod, Taint } from '../api/types';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../apiserver/admission';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt, simMsOf } from '../sim/time';
import { CONTROLLER_MANAGER as ACTOR } from './util';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_MS = 40_000;
const SOURCE = 'node-controller';

export function startNodeLifecycleController(ctx: SimContext): void {
  ctx.api.watch('Node', ACTOR, (type, obj) => {
    if (type !== 'DELETED') reconcileTaints(ctx, obj.metadata.name);
  });
  const monitor = (): void => {
    monitorNodeHealth(ctx);
    ctx.clock.schedule(NODE_MONITOR_PERIOD_MS, ACTOR, monitor, true);
  };
  ctx.clock.schedule(NODE_MONITOR_PERIOD_MS, ACTOR, monitor, true);
}

function lastHeartbeat(ctx: SimContext, node: Readonly<Node>): number {
  const lease = ctx.api.peek<Lease>('Lease', 'kube-node-lease', node.metadata.name);
  const times = [lease?.spec.renewTime, node.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime, node.metadata.creationTimestamp].filter((t): t is string => !!t).map(simMsOf);
  return Math.max(...times);
}

export function monitorNodeHealth(ctx: SimContext): void {
  for (const n of ctx.api.peekAll('Node') as Node[]) {
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'Unknown') continue;
    if (ctx.clock.now - lastHeartbeat(ctx, n) <= NODE_MONITOR_GRACE_MS) continue;
    // Copied only when it is about to change: 5,000 nodes are looked at every 5 s.
    const node = deepCopy(n);
    const now = isoAt(ctx.clock.now);
    for (const c of node.status!.conditions!) {
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = now;
    }
    ctx.api.update(node, ACTOR, 'status');
    recordEvent(ctx, node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`, SOURCE);
    markPodsNotReady(ctx, node.metadata.name);
  }
}

/** MarkPodsNotReady: the Ready condition of every pod on the node turns False. */
function markPodsNotReady(ctx: SimContext, nodeName: string): void {
  for (const p of ctx.api.peekAll('Pod') as Pod[]) {
    if (p.spec.nodeName !== nodeName) continue;
    const pod = deepCopy(p);
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    ready.status = 'False';
    ready.lastTransitionTime = isoAt(ctx.clock.now);
    ctx.api.update(pod, ACTOR, 'status');
    recordEvent(ctx, pod, 'Warning', 'NodeNotReady', 'Node is not ready', SOURCE);
  }
}

export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** The taints a node's Ready condition (and spec.unschedulable) call for (TaintNodesByCondition, taint-based eviction). */
function wantedTaints(node: Node, now: string): Taint[] {
  const status = node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  const out: Taint[] = node.spec.unschedulable ? [{ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: now }] : [];
  if (status === 'Unknown') out.push({ key: TAINT_UNREACHABLE, effect: 'NoSchedule', timeAdded: now }, { key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: now });
  if (status === 'False') out.push({ key: TAINT_NOT_READY, effect: 'NoSchedule' }, { key: TAINT_NOT_READY, effect: 'NoExecute', timeAdded: now });
  return out;
}

function reconcileTaints(ctx: SimContext, name: string): void {
  const node = ctx.api.get<Node>('Node', undefined, name);
  if (!node) return;
  const now = isoAt(ctx.clock.now);
  const managed = (t: Taint): boolean => t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE || t.key === TAINT_UNSCHEDULABLE;
  const current = node.spec.taints ?? [];
  const want = wantedTaints(node, now);
  const keep = current.filter((t) => !managed(t) || want.some((w) => w.key === t.key && w.effect === t.effect));
  const add = want.filter((w) => !current.some((t) => t.key === w.key && t.effect === w.effect));
  if (add.length === 0 && keep.length === current.length) return;
  node.spec.taints = [...keep, ...add.map((t) => (t.effect === 'NoSchedule' && t.key === TAINT_NOT_READY ? { key: t.key, effect: t.effect } : t))];
  if (node.spec.taints.length === 0) delete node.spec.taints;
  ctx.api.update(node, ACTOR);
}
