// Graceful deletion: what a DELETE marks instead of removing (a running pod, a namespace with finalizers), apart from storage.
import type { KubeObject, Namespace, Pod } from '../api/types';
import { isoAt } from '../sim/time';
import { deepCopy } from './copy';

/**
 * What a DELETE of `old` does first. A pod that runs on a node is only marked
 * (deletionTimestamp) and is removed once its kubelet has stopped it; a namespace goes
 * Terminating until the namespace controller has emptied it. Returns the marked copy to store,
 * 'already' when it was marked before, or undefined when the object is removed at once.
 */
export function markForDeletion(old: KubeObject, gracePeriodSeconds: number | undefined, now: number): KubeObject | 'already' | undefined {
  if (old.kind === 'Pod') {
    const grace = gracePeriodSeconds ?? old.spec.terminationGracePeriodSeconds ?? 30;
    if (old.spec.nodeName && grace > 0 && !isTerminal(old)) {
      if (old.metadata.deletionTimestamp) return 'already';
      const obj = deepCopy(old);
      obj.metadata.deletionTimestamp = isoAt(now + grace * 1000);
      obj.metadata.deletionGracePeriodSeconds = grace;
      return obj;
    }
  }
  if (old.kind === 'Namespace' && (old.spec?.finalizers ?? []).length > 0) {
    if (old.status?.phase === 'Terminating') return 'already';
    const obj = deepCopy(old) as Namespace;
    obj.metadata.deletionTimestamp = isoAt(now);
    obj.status = { phase: 'Terminating' };
    return obj;
  }
  return undefined;
}

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}
