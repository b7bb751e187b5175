/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding): a pod's PersistentVolumeClaims
 * decide where it may run. PreFilter resolves the claims once per cycle (a missing claim, or an
 * unbound claim of an Immediate class, rejects the pod on every node); Filter checks a bound
 * claim's PersistentVolume node affinity against the node, and for a WaitForFirstConsumer
 * claim whether a matching Available volume or the provisioner can serve it there. PreBind
 * binds on the chosen node: a static volume gets its claimRef, a claim to provision gets the
 * volume.kubernetes.io/selected-node annotation the provisioner reads.
 * Pods without claims skip it: PreFilter looks at pod.spec.volumes and nothing else.
 */
import type { Node, Pod } from '../../api/types';
import { DEFAULT_CLASS_ANNOTATION, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../../api/storage';
import { parseQuantity } from '../../api/quantity';
import type { SimContext } from '../../sim/context';
import type { FilterPlugin, NodeInfo } from '../types';
import { termMatches } from './helpers';

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const ACTOR = 'kube-scheduler';

export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

interface Unbound {
  claim: PersistentVolumeClaim;
  sc: StorageClass;
}

/** The cycle state PreFilter writes for Filter and PreBind. */
export interface VolumeState {
  /** PreFilter rejected the pod (UnschedulableAndUnresolvable on every node). */
  error?: string;
  /** Bound claims' volumes; undefined where the claim names a volume that does not exist. */
  bound: (PersistentVolume | undefined)[];
  /** WaitForFirstConsumer claims still unbound, with their class. */
  unbound: Unbound[];
  /** Available volumes a WaitForFirstConsumer claim could bind to. */
  available: PersistentVolume[];
}

const cycle = new WeakMap<Pod, VolumeState>();

function storageClass(ctx: SimContext, name: string | undefined): StorageClass | undefined {
  const all = ctx.api.peekAll('StorageClass') as StorageClass[];
  return all.find((s) => (name === undefined ? s.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' : s.metadata.name === name));
}

function bytes(q: string | undefined): number {
  try {
    return q ? parseQuantity(q) : 0;
  } catch {
    return 0;
  }
}

/** PreFilter: resolves the pod's claims into the cycle state. The pod's message when it rejects. */
export function volumeBindingPreFilter(ctx: SimContext, pod: Pod): string | undefined {
  const names = (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
  if (names.length === 0) {
    cycle.delete(pod);
    return undefined;
  }
  const s: VolumeState = { bound: [], unbound: [], available: [] };
  cycle.set(pod, s);
  const ns = pod.metadata.namespace ?? 'default';
  const immediate: PersistentVolumeClaim[] = [];
  for (const name of names) {
    const claim = ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!claim) return (s.error = `persistentvolumeclaim "${name}" not found`);
    if (claim.status?.phase === 'Lost') return (s.error = `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec.volumeName ?? ''}"`);
    if (claim.metadata.deletionTimestamp) return (s.error = `persistentvolumeclaim "${name}" is being deleted`);
    // Fully bound: the PV controller finished (volumeName plus bind-completed).
    if (claim.spec.volumeName && claim.metadata.annotations?.['pv.kubernetes.io/bind-completed']) {
      s.bound.push(ctx.api.get<PersistentVolume>('PersistentVolume', undefined, claim.spec.volumeName));
      continue;
    }
    const sc = storageClass(ctx, claim.spec.storageClassName);
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer' && !claim.spec.volumeName) s.unbound.push({ claim, sc });
    else immediate.push(claim);
  }
  if (immediate.length > 0) return (s.error = ERR_UNBOUND_IMMEDIATE);
  if (s.unbound.length > 0) {
    const classes = new Set(s.unbound.map((u) => u.sc.metadata.name));
    s.available = (ctx.api.peekAll('PersistentVolume') as PersistentVolume[]).filter((pv) => !pv.metadata.deletionTimestamp && (pv.status?.phase ?? 'Available') === 'Available' && classes.has(pv.spec.storageClassName ?? ''));
  }
  return undefined;
}

/** CheckNodeAffinity: a volume without required node affinity is reachable from every node. */
export function pvFitsNode(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
  return !terms || terms.some((t) => termMatches(t, node));
}

/** FindMatchingVolume for one claim on one node: the smallest Available volume that fits. */
function matchVolume(u: Unbound, available: PersistentVolume[], node: Node, taken: Set<string>): PersistentVolume | undefined {
  const want = bytes(u.claim.spec.resources?.requests?.storage);
  const modes = u.claim.spec.accessModes ?? [];
  let best: PersistentVolume | undefined;
  for (const pv of available) {
    if (taken.has(pv.metadata.name) || (pv.spec.storageClassName ?? '') !== u.sc.metadata.name) continue;
    const ref = pv.spec.claimRef;
    if (ref && !(ref.name === u.claim.metadata.name && ref.namespace === u.claim.metadata.namespace && (!ref.uid || ref.uid === u.claim.metadata.uid))) continue;
    if (bytes(pv.spec.capacity?.storage) < want || !modes.every((m) => pv.spec.accessModes?.includes(m))) continue;
    if ((pv.spec.volumeMode ?? 'Filesystem') !== (u.claim.spec.volumeMode ?? 'Filesystem') || !pvFitsNode(pv, node)) continue;
    if (!best || bytes(pv.spec.capacity?.storage) < bytes(best.spec.capacity?.storage)) best = pv;
  }
  return best;
}

/** FindPodVolumes on one node: the static bindings and the claims to provision, or the reasons it fails. */
function findPodVolumes(s: VolumeState, node: Node): { reasons?: string[]; bind: [Unbound, PersistentVolume][]; provision: Unbound[] } {
  const reasons: string[] = [];
  if (s.bound.some((pv) => pv && !pvFitsNode(pv, node))) reasons.push(ERR_NODE_CONFLICT);
  const bind: [Unbound, PersistentVolume][] = [];
  const provision: Unbound[] = [];
  let unboundOk = true;
  const taken = new Set<string>();
  for (const u of s.unbound) {
    const selected = u.claim.metadata.annotations?.[SELECTED_NODE];
    if (selected !== undefined && selected !== node.metadata.name) {
      unboundOk = false;
      break;
    }
    const pv = selected === undefined ? matchVolume(u, s.available, node, taken) : undefined;
    if (pv) {
      taken.add(pv.metadata.name);
      bind.push([u, pv]);
      continue;
    }
    // checkVolumeProvisions: a class with no provisioner cannot make one; allowedTopologies are not modelled.
    if (u.sc.provisioner === NO_PROVISIONER) unboundOk = false;
    else provision.push(u);
  }
  if (!unboundOk) reasons.push(ERR_BIND_CONFLICT);
  if (s.bound.some((pv) => !pv)) reasons.push(ERR_PV_NOT_EXIST);
  return { reasons: reasons.length > 0 ? reasons : undefined, bind, provision };
}

/** The PreFilter result as every node's filter status (the framework copies it to each node). */
export function volumeBindingPreFilterStatus(pod: Pod): { plugin: string; reasons: string[]; resolvable: boolean } | undefined {
  const error = cycle.get(pod)?.error;
  return error === undefined ? undefined : { plugin: 'VolumeBinding', reasons: [error], resolvable: false };
}

export const volumeBindingFilter: FilterPlugin & { preFilter(pod: Pod): boolean } = {
  name: 'VolumeBinding',
  resolvable: false,
  // Skip: a pod without claims is never looked at again this cycle.
  preFilter: (pod) => (pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim),
  filter: (pod, info) => {
    const s = cycle.get(pod);
    if (!s) return undefined;
    if (s.error !== undefined) return [s.error];
    return s.bound.length === 0 && s.unbound.length === 0 ? undefined : findPodVolumes(s, info.node).reasons;
  },
};

/**
 * PreBind on the chosen node (BindPodVolumes): a matched static volume gets the claimRef (the
 * PV controller then completes the binding); a claim to provision gets the selected-node
 * annotation, which tells the provisioner where to create the volume.
 */
export function volumeBindingPreBind(ctx: SimContext, pod: Pod, nodeName: string, infos: readonly NodeInfo[]): void {
  const s = cycle.get(pod);
  const node = s && s.unbound.length > 0 ? infos.find((i) => i.node.metadata.name === nodeName)?.node : undefined;
  if (!s || !node) return;
  const { bind, provision } = findPodVolumes(s, node);
  for (const [u, pv] of bind) {
    const fresh = ctx.api.get<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name);
    if (!fresh || fresh.spec.claimRef?.uid) continue;
    fresh.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: u.claim.metadata.namespace, name: u.claim.metadata.name, uid: u.claim.metadata.uid, resourceVersion: u.claim.metadata.resourceVersion };
    fresh.metadata.annotations = { ...(fresh.metadata.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' };
    ctx.api.update(fresh, ACTOR);
  }
  for (const u of provision) {
    const claim = ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', u.claim.metadata.namespace, u.claim.metadata.name);
    if (!claim || claim.metadata.annotations?.[SELECTED_NODE] === node.metadata.name) continue;
    claim.metadata.annotations = { ...(claim.metadata.annotations ?? {}), [SELECTED_NODE]: node.metadata.name };
    ctx.api.update(claim, ACTOR);
  }
  cycle.delete(pod);
}

/** For explanations: which nodes the pod's bound volumes allow, as "PV name → node names". */
export function volumeNodeConstraints(ctx: SimContext, pod: Pod, nodes: readonly Node[]): { claim: string; pv: string; nodes: string[] }[] {
  const out: { claim: string; pv: string; nodes: string[] }[] = [];
  for (const v of pod.spec.volumes ?? []) {
    if (!v.persistentVolumeClaim) continue;
    const claim = ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', pod.metadata.namespace ?? 'default', v.persistentVolumeClaim.claimName);
    const pv = claim?.spec.volumeName ? ctx.api.get<PersistentVolume>('PersistentVolume', undefined, claim.spec.volumeName) : undefined;
    if (!pv?.spec.nodeAffinity?.required) continue;
    out.push({ claim: v.persistentVolumeClaim.claimName, pv: pv.metadata.name, nodes: nodes.filter((n) => pvFitsNode(pv, n)).map((n) => n.metadata.name) });
  }
  return out;
}
