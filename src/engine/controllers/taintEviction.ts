/**
 * The taint-eviction controller (NoExecute taint manager): a pod on a node with a NoExecute
 * taint it does not tolerate is deleted at once; one it tolerates for tolerationSeconds is
 * deleted when that time has passed since the taint was added (300 s for not-ready and
 * unreachable, from DefaultTolerationSeconds). Its ReplicaSet then starts a replacement.
 */
import type { Node, Pod, Taint } from '../api/types';
import { recordEvent, type SimContext } from '../sim/context';
import { simMsOf } from '../sim/time';
import { toleratesTaint } from '../scheduler/plugins/helpers';
import { CONTROLLER_MANAGER as ACTOR } from './util';

const SOURCE = 'taint-eviction-controller';

/** When the pod must go (ms), or undefined when it may stay; 0 means now. */
export function evictionTime(pod: Pod, taints: readonly Taint[], now: number): number | undefined {
  let at: number | undefined;
  for (const t of taints) {
    if (t.effect !== 'NoExecute') continue;
    const tols = (pod.spec.tolerations ?? []).filter((tol) => toleratesTaint(tol, t));
    if (tols.length === 0) return 0;
    const secs = tols.map((tol) => tol.tolerationSeconds).filter((s): s is number => s !== undefined);
    if (secs.length === 0) continue;
    const added = t.timeAdded ? simMsOf(t.timeAdded) : now;
    const when = added + Math.max(0, Math.min(...secs)) * 1000;
    at = at === undefined ? when : Math.min(at, when);
  }
  return at;
}

export function startTaintEvictionController(ctx: SimContext): void {
  const planned = new Map<string, number>();
  const check = (nodeName: string): void => {
    const node = ctx.api.get<Node>('Node', undefined, nodeName);
    const taints = (node?.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
    for (const p of ctx.api.peekPodsOn(nodeName)) {
      if (p.metadata.deletionTimestamp) continue;
      const uid = p.metadata.uid!;
      const at = node ? evictionTime(p, taints, ctx.clock.now) : undefined;
      if (at === undefined) {
        planned.delete(uid);
        continue;
      }
      if (at <= ctx.clock.now) {
        planned.delete(uid);
        evict(ctx, p);
        continue;
      }
      if (planned.get(uid) === at) continue;
      planned.set(uid, at);
      ctx.clock.schedule(at - ctx.clock.now, ACTOR, () => {
        if (planned.get(uid) === at) check(nodeName);
      }, true);
    }
  };
  ctx.api.watch('Node', ACTOR, (type, obj) => {
    if (type !== 'DELETED') check(obj.metadata.name);
  });
  ctx.api.watch('Pod', ACTOR, (type, obj) => {
    const p = obj as Pod;
    if (type !== 'DELETED' && p.spec.nodeName) {
      const node = ctx.api.peek<Node>('Node', undefined, p.spec.nodeName);
      if (node?.spec.taints?.some((t) => t.effect === 'NoExecute')) check(p.spec.nodeName);
    }
  });
}

function evict(ctx: SimContext, p: Pod): void {
  recordEvent(ctx, p, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`, SOURCE);
  ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name, ACTOR);
}
