/**
 * The disruption controller keeps each PodDisruptionBudget's status (healthy pods, how many may
 * go), and the Eviction API (POST pods/NAME/eviction) consults it: an eviction that would take
 * the healthy count below desiredHealthy is refused with 429 Too Many Requests, which
 * `kubectl drain` retries every 5 s.
 */
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import type { PodDisruptionBudget } from '../api/scaling';
import { selectorMatches } from '../api/validation';
import { ApiError } from '../apiserver/errors';
import type { SimContext } from '../sim/context';
import { canonicalJson } from '../sim/hash';
import { CONTROLLER_MANAGER as ACTOR, controllerOf, isPodActive, isPodReady, scaled } from './util';

export const PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

function matches(pdb: PodDisruptionBudget, p: Pod): boolean {
  return p.metadata.namespace === pdb.metadata.namespace && isPodActive(p) && selectorMatches(pdb.spec.selector ?? {}, p.metadata.labels);
}

/** Replicas the pods' controllers want (getExpectedScale): a Deployment's through its ReplicaSet. */
function expectedScale(ctx: SimContext, pods: Pod[]): number {
  const seen = new Map<string, number>();
  for (const p of pods) {
    const ref = controllerOf(p);
    if (!ref) {
      seen.set(`pod/${p.metadata.name}`, 1);
      continue;
    }
    if (ref.kind === 'ReplicaSet') {
      const rs = ctx.api.get<ReplicaSet>('ReplicaSet', p.metadata.namespace, ref.name);
      const dref = rs && controllerOf(rs);
      const d = dref?.kind === 'Deployment' ? ctx.api.get<Deployment>('Deployment', p.metadata.namespace, dref.name) : undefined;
      if (d) seen.set(`deploy/${d.metadata.name}`, d.spec.replicas ?? 1);
      else seen.set(`rs/${ref.name}`, rs?.spec.replicas ?? 1);
    } else seen.set(`${ref.kind}/${ref.name}`, 1 + (seen.get(`${ref.kind}/${ref.name}`) ?? 0));
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

export function pdbStatus(ctx: SimContext, pdb: PodDisruptionBudget): NonNullable<PodDisruptionBudget['status']> {
  const pods = (ctx.api.peekAll('Pod') as Pod[]).filter((p) => matches(pdb, p));
  const healthy = pods.filter(isPodReady).length;
  let expected: number;
  let desired: number;
  const { minAvailable, maxUnavailable } = pdb.spec;
  if (maxUnavailable !== undefined) {
    expected = expectedScale(ctx, pods);
    desired = Math.max(0, expected - scaled(maxUnavailable, expected, true));
  } else if (typeof minAvailable === 'string' && minAvailable.endsWith('%')) {
    expected = expectedScale(ctx, pods);
    desired = scaled(minAvailable, expected, true);
  } else {
    expected = pods.length;
    desired = scaled(minAvailable ?? 1, expected, true);
  }
  return { currentHealthy: healthy, desiredHealthy: desired, disruptionsAllowed: Math.max(0, healthy - desired), expectedPods: expected, observedGeneration: pdb.metadata.generation ?? 1 };
}

function syncNamespace(ctx: SimContext, ns: string | undefined): void {
  for (const pdb of ctx.api.peekAll('PodDisruptionBudget') as PodDisruptionBudget[]) {
    if (pdb.metadata.namespace !== ns) continue;
    const status = pdbStatus(ctx, pdb);
    if (canonicalJson(status) === canonicalJson(pdb.status ?? {})) continue;
    const fresh = ctx.api.get<PodDisruptionBudget>('PodDisruptionBudget', ns, pdb.metadata.name)!;
    fresh.status = status;
    ctx.api.update(fresh, ACTOR, 'status');
  }
}

export function startDisruptionController(ctx: SimContext): void {
  // Budgets per namespace, so the many pod events of a big cluster without PDBs cost nothing.
  const budgets = new Map<string, Set<string>>();
  ctx.api.watch('PodDisruptionBudget', ACTOR, (type, obj) => {
    const ns = obj.metadata.namespace ?? 'default';
    const names = budgets.get(ns) ?? new Set<string>();
    if (type === 'DELETED') names.delete(obj.metadata.name);
    else names.add(obj.metadata.name);
    budgets.set(ns, names);
    if (type !== 'DELETED') syncNamespace(ctx, ns);
  });
  ctx.api.watch('Pod', ACTOR, (_t, obj) => {
    const ns = obj.metadata.namespace ?? 'default';
    if ((budgets.get(ns)?.size ?? 0) > 0) syncNamespace(ctx, ns);
  });
}

/**
 * The pods/eviction subresource: deletes the pod unless a PodDisruptionBudget forbids it.
 * Throws the ApiError the apiserver would answer.
 */
export function evictPod(ctx: SimContext, ns: string, name: string, from: string, gracePeriodSeconds?: number): void {
  const pod = ctx.api.get<Pod>('Pod', ns, name);
  if (!pod) throw new ApiError(404, 'NotFound', `pods "${name}" not found`);
  ctx.log.add({ t: ctx.clock.now, from, to: 'kube-apiserver', verb: 'POST', path: `/api/v1/namespaces/${ns}/pods/${name}/eviction` });
  if (!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
    const pdbs = (ctx.api.peekAll('PodDisruptionBudget') as PodDisruptionBudget[]).filter((b) => matches(b, pod));
    if (pdbs.length > 1) throw new ApiError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    if (pdbs.length === 1) {
      const s = pdbStatus(ctx, pdbs[0]);
      const allowed = isPodReady(pod) ? s.disruptionsAllowed > 0 : s.currentHealthy >= s.desiredHealthy;
      if (!allowed) throw new ApiError(429, 'TooManyRequests', PDB_VIOLATION);
    }
  }
  ctx.api.delete('Pod', ns, name, from, gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {});
}
