/**
 * The garbage collector: when an owner is deleted, its dependents (objects whose
 * ownerReferences name it) are deleted too, unless another owner remains — deleting a
 * Deployment removes its ReplicaSets, and those their pods. Pod GC removes the pods of a
 * Node that no longer exists.
 */
import { deepCopy } from '../apiserver/copy';
import type { Kind, KubeObject, Pod } from '../api/types';
import { RESOURCES } from '../api/resources';
import type { SimContext } from '../sim/context';

const ACTOR = 'kube-controller-manager';
const OWNER_KINDS: Kind[] = ['Deployment', 'ReplicaSet', 'DaemonSet', 'Service', 'Node', 'Namespace', 'Pod', 'ConfigMap', 'Secret'];

export function startGarbageCollector(ctx: SimContext): void {
  for (const kind of OWNER_KINDS) {
    ctx.api.watch(kind, ACTOR, (type, obj) => {
      if (type !== 'DELETED') return;
      collectDependents(ctx, obj);
      if (kind === 'Node') podGC(ctx, obj.metadata.name);
    });
  }
}

function collectDependents(ctx: SimContext, owner: KubeObject): void {
  const uid = owner.metadata.uid;
  for (const info of RESOURCES) {
    for (const o of ctx.api.peekAll(info.kind)) {
      const refs = o.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === uid)) continue;
      const alive = refs.filter((r) => r.uid !== uid && ownerExists(ctx, o, r.kind, r.name, r.uid));
      const dep = deepCopy(o);
      if (alive.length > 0) {
        dep.metadata.ownerReferences = alive;
        ctx.api.update(dep, ACTOR);
      } else if (!dep.metadata.deletionTimestamp) {
        ctx.api.delete(dep.kind, dep.metadata.namespace, dep.metadata.name, ACTOR);
      }
    }
  }
}

function ownerExists(ctx: SimContext, dependent: KubeObject, kind: string, name: string, uid: string): boolean {
  const info = RESOURCES.find((r) => r.kind === kind);
  if (!info) return false;
  const o = ctx.api.get(info.kind, info.namespaced ? dependent.metadata.namespace : undefined, name);
  return o?.metadata.uid === uid;
}

/** Pods bound to a deleted node are removed at once (there is no kubelet to stop them). */
function podGC(ctx: SimContext, node: string): void {
  for (const p of ctx.api.peekAll('Pod') as Pod[]) {
    if (p.spec.nodeName === node) ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name, 'kube-controller-manager', { gracePeriodSeconds: 0 });
  }
}
