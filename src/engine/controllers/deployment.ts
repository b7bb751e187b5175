/**
 * The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template,
 * named <deployment>-<pod-template-hash> and owned by the Deployment. A template change
 * creates a new ReplicaSet with the next revision; RollingUpdate then scales it up and the
 * old ones down within maxSurge / maxUnavailable (defaults 25% / 25%), Recreate scales the
 * old ones to zero first. `kubectl rollout undo` puts an old template back, which makes
 * its ReplicaSet the new one again with a new revision number.
 */
import { deepCopy } from '../apiserver/copy';
import type { Deployment, DeploymentCondition, ReplicaSet } from '../api/types';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import { podTemplateHash } from './podTemplateHash';
import { workQueue } from './workqueue';
import { CONTROLLER_MANAGER as ACTOR, anyObject, byCreation, isPodActive, isPodActiveAndReady, ownedBy, scaled } from './util';

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const SOURCE = 'deployment-controller';

export function startDeploymentController(ctx: SimContext): void {
  const enqueue = workQueue(ctx, ACTOR, (ns, name) => syncDeployment(ctx, ns, name));
  ctx.api.watch('Deployment', ACTOR, (type, obj) => {
    if (type !== 'DELETED') enqueue(obj.metadata.namespace!, obj.metadata.name);
  });
  ctx.api.watch('ReplicaSet', ACTOR, (_type, obj) => {
    const owner = obj.metadata.ownerReferences?.find((o) => o.kind === 'Deployment' && o.controller);
    if (owner) enqueue(obj.metadata.namespace!, owner.name);
  });
  // Recreate waits for the old pods to be gone: a pod disappearing may unblock it.
  ctx.api.watch('Pod', ACTOR, (type, obj) => {
    if (type !== 'DELETED') return;
    const rsRef = obj.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet' && o.controller);
    const rs = rsRef && ctx.api.get<ReplicaSet>('ReplicaSet', obj.metadata.namespace, rsRef.name);
    const owner = rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment' && o.controller);
    if (owner) enqueue(obj.metadata.namespace!, owner.name);
  });
}

export function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
}

/** maxSurge (rounded up) and maxUnavailable (rounded down) for a replica count. */
export function surgeAndUnavailable(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const replicas = d.spec.replicas ?? 1;
  if (d.spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: replicas };
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const maxSurge = scaled(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = scaled(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

export function ownedReplicaSets(ctx: SimContext, d: Deployment): ReplicaSet[] {
  return storedReplicaSets(ctx, d)
    .map((rs) => deepCopy(rs))
    .sort(byCreation);
}

/** The stored objects themselves, read-only: for a status that only counts (a copy per sync adds up at 150,000 pods). */
function storedReplicaSets(ctx: SimContext, d: Deployment): readonly ReplicaSet[] {
  return (ctx.api.peekAll('ReplicaSet') as ReplicaSet[]).filter((rs) => rs.metadata.namespace === d.metadata.namespace && ownedBy(rs, d.metadata.uid));
}

/** Available pods of a ReplicaSet, counted from its pods (never more than it wants). */
function available(ctx: SimContext, rs: ReplicaSet): number {
  const pods = ctx.api.ownedCount('Pod', rs.metadata.uid!, rs.metadata.namespace, isPodActiveAndReady);
  return Math.min(pods, rs.spec.replicas ?? 0);
}

function activeCount(ctx: SimContext, rs: ReplicaSet): number {
  return ctx.api.ownedCount('Pod', rs.metadata.uid!, rs.metadata.namespace, isPodActive);
}

/** Every pod the ReplicaSet owns, terminating ones included. */
function activePods(ctx: SimContext, rs: ReplicaSet): number {
  return ctx.api.ownedCount('Pod', rs.metadata.uid!, rs.metadata.namespace, anyObject);
}

function scaleRS(ctx: SimContext, d: Deployment, rs: ReplicaSet, to: number): void {
  const from = rs.spec.replicas ?? 0;
  if (from === to) return;
  const { maxSurge } = surgeAndUnavailable(d);
  const fresh = ctx.api.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  if (!fresh) return;
  fresh.spec.replicas = to;
  fresh.metadata.annotations = {
    ...(fresh.metadata.annotations ?? {}),
    'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1),
    'deployment.kubernetes.io/max-replicas': String((d.spec.replicas ?? 1) + maxSurge),
  };
  ctx.api.update(fresh, ACTOR);
  rs.spec.replicas = to;
  recordEvent(ctx, d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, SOURCE);
}

function createNewRS(ctx: SimContext, d: Deployment, hash: string, revision: number, replicas: number): ReplicaSet {
  const { maxSurge } = surgeAndUnavailable(d);
  const labels = { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
  const annotations: Record<string, string> = {
    'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1),
    'deployment.kubernetes.io/max-replicas': String((d.spec.replicas ?? 1) + maxSurge),
    [REVISION]: String(revision),
  };
  const cause = d.metadata.annotations?.[CHANGE_CAUSE];
  if (cause) annotations[CHANGE_CAUSE] = cause;
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels,
      annotations,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: 0,
      selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash } },
      template: { metadata: { ...deepCopy(d.spec.template.metadata ?? {}), labels }, spec: deepCopy(d.spec.template.spec) },
    },
  };
  const created = ctx.api.create(rs, ACTOR);
  if (replicas > 0) scaleRS(ctx, d, created, replicas);
  return created;
}

export function syncDeployment(ctx: SimContext, ns: string, name: string): void {
  const d = ctx.api.get<Deployment>('Deployment', ns, name);
  if (!d || d.metadata.deletionTimestamp) return;
  const replicas = d.spec.replicas ?? 1;
  const hash = podTemplateHash(d.spec.template);
  const all = ownedReplicaSets(ctx, d);
  let newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const olds = all.filter((rs) => rs !== newRS);
  const maxOldRevision = Math.max(0, ...olds.map(revisionOf));
  const { maxSurge, maxUnavailable } = surgeAndUnavailable(d);
  let createdNew = false;
  if (!newRS) {
    let initial = replicas;
    if (d.spec.strategy?.type === 'Recreate' || d.spec.paused) initial = olds.some((rs) => (rs.spec.replicas ?? 0) > 0) ? 0 : replicas;
    else if (olds.some((rs) => (rs.spec.replicas ?? 0) > 0)) {
      const current = olds.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
      initial = Math.max(0, Math.min(replicas + maxSurge - current, replicas));
    }
    newRS = createNewRS(ctx, d, hash, maxOldRevision + 1, d.spec.paused ? 0 : initial);
    createdNew = true;
  } else if (revisionOf(newRS) <= maxOldRevision) {
    // An old template came back (rollout undo): its ReplicaSet gets the next revision.
    const fresh = ctx.api.get<ReplicaSet>('ReplicaSet', ns, newRS.metadata.name)!;
    fresh.metadata.annotations = { ...(fresh.metadata.annotations ?? {}), [REVISION]: String(maxOldRevision + 1) };
    const cause = d.metadata.annotations?.[CHANGE_CAUSE];
    if (cause) fresh.metadata.annotations[CHANGE_CAUSE] = cause;
    ctx.api.update(fresh, ACTOR);
    newRS.metadata.annotations = fresh.metadata.annotations;
  }
  if (d.metadata.annotations?.[REVISION] !== newRS.metadata.annotations?.[REVISION]) {
    const fresh = ctx.api.get<Deployment>('Deployment', ns, name)!;
    fresh.metadata.annotations = { ...(fresh.metadata.annotations ?? {}), [REVISION]: newRS.metadata.annotations![REVISION] };
    ctx.api.update(fresh, ACTOR);
  }
  if (!d.spec.paused && !createdNew) {
    if (d.spec.strategy?.type === 'Recreate') recreate(ctx, d, newRS, olds);
    else rollingUpdate(ctx, d, newRS, olds, maxSurge, maxUnavailable);
  }
  cleanupOldReplicaSets(ctx, d, olds);
  updateStatus(ctx, ns, name, newRS.metadata.name, createdNew);
}

function recreate(ctx: SimContext, d: Deployment, newRS: ReplicaSet, olds: ReplicaSet[]): void {
  for (const rs of olds) if ((rs.spec.replicas ?? 0) > 0) scaleRS(ctx, d, rs, 0);
  if (olds.some((rs) => activePods(ctx, rs) > 0)) return;
  scaleRS(ctx, d, newRS, d.spec.replicas ?? 1);
}

function rollingUpdate(ctx: SimContext, d: Deployment, newRS: ReplicaSet, olds: ReplicaSet[], maxSurge: number, maxUnavailable: number): void {
  const replicas = d.spec.replicas ?? 1;
  const all = [newRS, ...olds];
  const specTotal = (): number => all.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
  // reconcileNewReplicaSet
  const newReplicas = newRS.spec.replicas ?? 0;
  if (newReplicas > replicas) scaleRS(ctx, d, newRS, replicas);
  else if (newReplicas < replicas) {
    // Pods an old ReplicaSet is about to delete still run: count them too, so the surge holds for real pods.
    const running = all.reduce((sum, rs) => sum + activeCount(ctx, rs), 0);
    const room = replicas + maxSurge - Math.max(specTotal(), running);
    if (room > 0) {
      scaleRS(ctx, d, newRS, newReplicas + Math.min(room, replicas - newReplicas));
      // Scaled up: old ReplicaSets wait for the next sync.
      return;
    }
  }
  // reconcileOldReplicaSets
  const oldTotal = olds.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
  if (oldTotal === 0) return;
  const minAvailable = replicas - maxUnavailable;
  const newUnavailable = (newRS.spec.replicas ?? 0) - available(ctx, newRS);
  const maxScaledDown = specTotal() - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  // cleanupUnhealthyReplicas: old pods that are not available go first.
  let cleaned = 0;
  for (const rs of olds) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = (rs.spec.replicas ?? 0) - available(ctx, rs);
    if (unhealthy <= 0) continue;
    const n = Math.min(unhealthy, maxScaledDown - cleaned);
    scaleRS(ctx, d, rs, (rs.spec.replicas ?? 0) - n);
    cleaned += n;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: never below minAvailable.
  const availableTotal = all.reduce((s, rs) => s + available(ctx, rs), 0);
  let budget = Math.min(availableTotal - minAvailable, maxScaledDown - cleaned);
  for (const rs of olds) {
    if (budget <= 0) break;
    const n = Math.min(rs.spec.replicas ?? 0, budget);
    if (n === 0) continue;
    scaleRS(ctx, d, rs, (rs.spec.replicas ?? 0) - n);
    budget -= n;
  }
}

/** Keeps at most revisionHistoryLimit old, empty ReplicaSets (oldest removed first). */
function cleanupOldReplicaSets(ctx: SimContext, d: Deployment, olds: ReplicaSet[]): void {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const empty = olds.filter((rs) => (rs.spec.replicas ?? 0) === 0 && activePods(ctx, rs) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of empty.slice(0, Math.max(0, empty.length - limit))) ctx.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name, ACTOR);
}

function condition(prev: DeploymentCondition[] | undefined, c: DeploymentCondition, now: string): DeploymentCondition {
  const old = prev?.find((p) => p.type === c.type);
  const same = old && old.status === c.status && old.reason === c.reason;
  return { ...c, lastUpdateTime: same ? old.lastUpdateTime : now, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now };
}

function updateStatus(ctx: SimContext, ns: string, name: string, newName: string, createdNew: boolean): void {
  const d = ctx.api.get<Deployment>('Deployment', ns, name);
  if (!d) return;
  const rss = storedReplicaSets(ctx, d);
  const newRS = rss.find((rs) => rs.metadata.name === newName);
  const sum = (f: (rs: ReplicaSet) => number | undefined): number => rss.reduce((s, rs) => s + (f(rs) ?? 0), 0);
  const replicas = d.spec.replicas ?? 1;
  const { maxUnavailable } = surgeAndUnavailable(d);
  const availableReplicas = sum((r) => r.status?.availableReplicas);
  const updatedReplicas = newRS?.status?.replicas ?? 0;
  const totalSpec = sum((r) => r.spec.replicas);
  const now = isoAt(ctx.clock.now);
  const complete = updatedReplicas === replicas && sum((r) => r.status?.replicas) === replicas && availableReplicas === replicas;
  const progressing: DeploymentCondition = complete
    ? { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newName}" has successfully progressed.` }
    : createdNew
      ? { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${newName}"` }
      : { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newName}" is progressing.` };
  const avail: DeploymentCondition =
    availableReplicas >= replicas - maxUnavailable
      ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
      : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' };
  const prev = d.status?.conditions;
  const status: NonNullable<Deployment['status']> = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum((r) => r.status?.replicas),
    updatedReplicas,
    readyReplicas: sum((r) => r.status?.readyReplicas),
    availableReplicas,
    unavailableReplicas: Math.max(0, totalSpec - availableReplicas) || undefined,
    conditions: [condition(prev, avail, now), condition(prev, progressing, now)],
  };
  if (status.unavailableReplicas === undefined) delete status.unavailableReplicas;
  const strip = (s: unknown): string => JSON.stringify(s, (k, v: unknown) => (k === 'lastUpdateTime' || k === 'lastTransitionTime' ? undefined : v));
  if (strip(status) === strip(d.status ?? {})) return;
  d.status = status;
  ctx.api.update(d, ACTOR, 'status');
}
