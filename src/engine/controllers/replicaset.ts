/**
 * The ReplicaSet controller: counts the active pods it owns and creates (generateName
 * <rs-name>-) or deletes pods until the count matches spec.replicas; keeps status current.
 * Pods being deleted no longer count, so a replacement starts while they terminate.
 */
import { deepCopy } from '../apiserver/copy';
import type { Pod, ReplicaSet } from '../api/types';
import { ApiError } from '../apiserver/errors';
import { recordEvent, type SimContext } from '../sim/context';
import { workQueue } from './workqueue';
import { CONTROLLER_MANAGER as ACTOR, byCreation, isPodActive, isPodActiveAndReady, isPodReady } from './util';

/** How long a ReplicaSet waits before retrying a pod creation the apiserver refused. */
const RETRY_MS = 10_000;

export function startReplicaSetController(ctx: SimContext): void {
  const retrying = new Set<string>();
  const sync = (ns: string, name: string): void => {
    const failed = syncReplicaSet(ctx, ns, name);
    const key = `${ns}/${name}`;
    if (failed && !retrying.has(key)) {
      retrying.add(key);
      ctx.clock.schedule(
        RETRY_MS,
        ACTOR,
        () => {
          retrying.delete(key);
          sync(ns, name);
        },
        true,
      );
    }
  };
  const enqueue = workQueue(ctx, ACTOR, sync);
  ctx.api.watch('ReplicaSet', ACTOR, (type, obj) => {
    if (type !== 'DELETED') enqueue(obj.metadata.namespace!, obj.metadata.name);
  });
  ctx.api.watch('Pod', ACTOR, (_type, obj) => {
    const owner = obj.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet' && o.controller);
    if (owner) enqueue(obj.metadata.namespace!, owner.name);
  });
}

/**
 * The pods of `ns` owned by `uid`, from the apiserver's owner index: read-only (never mutate),
 * and unordered — the only ordering use (scale-down victims) sorts by a total order.
 */
export function ownedPods(ctx: SimContext, ns: string, uid: string | undefined): readonly Pod[] {
  if (!uid) return [];
  return (ctx.api.peekOwned('Pod', uid) as Pod[]).filter((p) => p.metadata.namespace === ns);
}

/** Scale-down order (getPodsToDelete): unscheduled, pending, not ready first, then the newest. */
function deletionRank(p: Pod): number {
  if (!p.spec.nodeName) return 0;
  if (p.status?.phase === 'Pending') return 1;
  if (!isPodReady(p)) return 2;
  return 3;
}

/** Returns true when a pod creation was refused (the controller retries later). */
function syncReplicaSet(ctx: SimContext, ns: string, name: string): boolean {
  // The stored object, read-only: most syncs only count pods, and a copy each adds up at 150,000 pods.
  const rs = ctx.api.peek<ReplicaSet>('ReplicaSet', ns, name);
  if (!rs || rs.metadata.deletionTimestamp) return false;
  const uid = rs.metadata.uid!;
  // Counted from the apiserver's owner index: a sync costs O(1) until it has pods to delete.
  const active = ctx.api.ownedCount('Pod', uid, ns, isPodActive);
  const want = rs.spec.replicas ?? 1;
  let failed = false;
  for (let i = active; i < want; i++) {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: { ...(rs.spec.template.metadata?.labels ?? {}) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: deepCopy(rs.spec.template.spec),
    };
    if (rs.spec.template.metadata?.annotations) pod.metadata.annotations = { ...rs.spec.template.metadata.annotations };
    try {
      const created = ctx.api.create(pod, ACTOR);
      recordEvent(ctx, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, 'replicaset-controller');
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : (e as Error).message;
      recordEvent(ctx, rs, 'Warning', 'FailedCreate', `Error creating: ${msg}`, 'replicaset-controller');
      failed = true;
      break;
    }
  }
  const extra = active - want;
  if (extra > 0) {
    const pods = ownedPods(ctx, ns, uid).filter(isPodActive);
    const victims = [...pods].sort((a, b) => deletionRank(a) - deletionRank(b) || -byCreation(a, b)).slice(0, extra);
    for (const v of victims) {
      ctx.api.delete('Pod', v.metadata.namespace, v.metadata.name, ACTOR);
      recordEvent(ctx, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${v.metadata.name}`, 'replicaset-controller');
    }
  }
  const current = ctx.api.ownedCount('Pod', uid, ns, isPodActive);
  const ready = ctx.api.ownedCount('Pod', uid, ns, isPodActiveAndReady);
  const status = { replicas: current, fullyLabeledReplicas: current, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation ?? 1 };
  const stored = ctx.api.peek<ReplicaSet>('ReplicaSet', ns, name);
  if (!stored || JSON.stringify(status) === JSON.stringify(stored.status ?? {})) return failed;
  const fresh = ctx.api.get<ReplicaSet>('ReplicaSet', ns, name)!;
  fresh.status = status;
  ctx.api.update(fresh, ACTOR, 'status');
  return failed;
}
