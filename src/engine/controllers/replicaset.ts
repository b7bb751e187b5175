/**
 * The ReplicaSet controller: counts the pods it owns and creates (generateName
 * <rs-name>-) or deletes pods until the count matches spec.replicas; keeps status current.
 */
import type { Pod, ReplicaSet } from '../api/types';
import type { SimContext } from '../sim/context';

const ACTOR = 'kube-controller-manager';

export function startReplicaSetController(ctx: SimContext): void {
  ctx.api.watch('ReplicaSet', ACTOR, (type, obj) => {
    if (type !== 'DELETED') syncReplicaSet(ctx, obj as ReplicaSet);
  });
  ctx.api.watch('Pod', ACTOR, (_type, obj) => {
    const owner = obj.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet');
    const rs = owner && ctx.api.get<ReplicaSet>('ReplicaSet', obj.metadata.namespace, owner.name);
    if (rs) syncReplicaSet(ctx, rs);
  });
}

function ownedPods(ctx: SimContext, rs: ReplicaSet): Pod[] {
  return ctx.api.list<Pod>('Pod', rs.metadata.namespace).filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid));
}

function syncReplicaSet(ctx: SimContext, rs: ReplicaSet): void {
  const pods = ownedPods(ctx, rs);
  const want = rs.spec.replicas ?? 1;
  for (let i = pods.length; i < want; i++) {
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
      spec: { restartPolicy: 'Always', schedulerName: 'default-scheduler', ...structuredClone(rs.spec.template.spec) },
    };
    ctx.api.create(pod, ACTOR);
  }
  // Scale down: newest pods go first.
  const extra = pods.length - want;
  if (extra > 0) {
    const victims = [...pods].sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? 1 : -1)).slice(0, extra);
    for (const v of victims) ctx.api.delete('Pod', v.metadata.namespace, v.metadata.name, ACTOR);
  }
  const current = ownedPods(ctx, rs);
  const ready = current.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
  const status = { replicas: current.length, readyReplicas: ready, availableReplicas: ready };
  if (JSON.stringify(status) === JSON.stringify(rs.status ?? {})) return;
  const fresh = ctx.api.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  if (!fresh) return;
  fresh.status = status;
  ctx.api.update(fresh, ACTOR, 'status');
}
