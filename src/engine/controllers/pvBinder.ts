/**
 * The persistent-volume controller (kube-controller-manager) and a simulated local-path
 * provisioner (as kind ships: rancher.io/local-path). A claim binds to the smallest Available
 * PersistentVolume of its StorageClass that fits; with a provisioner and no such volume, the
 * provisioner creates one — for WaitForFirstConsumer only once the scheduler chose a node for a
 * pod using the claim (the volume.kubernetes.io/selected-node annotation), as a hostPath
 * directory on that node; a matching static volume the scheduler reserves is bound as is. A deleted claim releases its volume
 * (reclaimPolicy Retain) or deletes it (Delete).
 */
import type { KubeEvent } from '../api/types';
import { DEFAULT_CLASS_ANNOTATION, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../api/storage';
import { parseQuantity } from '../api/quantity';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import { CONTROLLER_MANAGER as ACTOR } from './util';
import { SELECTED_NODE } from '../scheduler/plugins/volumeBinding';

const SOURCE = 'persistentvolume-controller';
export const LOCAL_PATH = 'rancher.io/local-path';
const PROVISIONER_ID = `${LOCAL_PATH}_local-path-provisioner-7dc846544d-2hx8p`;
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export function startPersistentVolumeController(ctx: SimContext): void {
  const syncAll = (): void => {
    for (const c of ctx.api.peekAll('PersistentVolumeClaim') as PersistentVolumeClaim[]) syncClaim(ctx, c.metadata.namespace!, c.metadata.name);
  };
  ctx.api.watch('PersistentVolumeClaim', ACTOR, (type, obj) => {
    const claim = obj as PersistentVolumeClaim;
    if (type === 'DELETED') reclaim(ctx, claim);
    else syncClaim(ctx, claim.metadata.namespace!, claim.metadata.name);
  });
  ctx.api.watch('PersistentVolume', ACTOR, (type, obj) => {
    const pv = obj as PersistentVolume;
    // The scheduler reserved this volume for a WaitForFirstConsumer claim (claimRef set): bind the claim.
    if (type === 'MODIFIED' && pv.spec.claimRef?.uid && pv.status?.phase === 'Available') syncClaim(ctx, pv.spec.claimRef.namespace!, pv.spec.claimRef.name!);
    if (type !== 'ADDED') return;
    // A new volume that no claim reserved is Available for binding.
    if ((pv.status?.phase ?? 'Pending') === 'Pending' && !pv.spec.claimRef) {
      const fresh = ctx.api.get<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name)!;
      fresh.status = { phase: 'Available', lastPhaseTransitionTime: isoAt(ctx.clock.now) };
      ctx.api.update(fresh, ACTOR, 'status');
    }
    syncAll();
  });
}

function storageClass(ctx: SimContext, name: string | undefined): StorageClass | undefined {
  const all = ctx.api.peekAll('StorageClass') as StorageClass[];
  return name === undefined ? all.find((s) => s.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true') : all.find((s) => s.metadata.name === name);
}

function bytes(q: string | undefined): number {
  try {
    return q ? parseQuantity(q) : 0;
  } catch {
    return 0;
  }
}

function syncClaim(ctx: SimContext, ns: string, name: string): void {
  const claim = ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
  if (!claim || claim.metadata.deletionTimestamp || claim.status?.phase === 'Bound') return;
  // What the apiserver does at creation: status Pending, and (DefaultStorageClass admission) the default class.
  const dflt = storageClass(ctx, undefined)?.metadata.name;
  if (claim.spec.storageClassName === undefined && dflt) {
    claim.spec.storageClassName = dflt;
    ctx.api.update(claim, ACTOR);
    return;
  }
  if (!claim.status?.phase) {
    claim.status = { phase: 'Pending' };
    ctx.api.update(claim, ACTOR, 'status');
    return;
  }
  const className = claim.spec.storageClassName ?? storageClass(ctx, undefined)?.metadata.name ?? '';
  // A volume the scheduler (or a manifest) already reserved for this claim: complete the binding.
  const reserved = (ctx.api.peekAll('PersistentVolume') as PersistentVolume[]).find((pv) => pv.spec.claimRef?.uid === claim.metadata.uid && !pv.metadata.deletionTimestamp);
  if (reserved) {
    bind(ctx, claim, reserved);
    return;
  }
  // WaitForFirstConsumer: the scheduler picks the volume (or the node to provision on), not this controller.
  const delay = storageClass(ctx, className || undefined)?.volumeBindingMode === 'WaitForFirstConsumer';
  const want = bytes(claim.spec.resources?.requests?.storage);
  const modes = claim.spec.accessModes ?? [];
  const fits = (ctx.api.peekAll('PersistentVolume') as PersistentVolume[])
    .filter((pv) => (pv.status?.phase ?? 'Available') === 'Available' && !pv.spec.claimRef?.uid && (pv.spec.storageClassName ?? '') === className)
    .filter((pv) => bytes(pv.spec.capacity?.storage) >= want && modes.every((m) => pv.spec.accessModes?.includes(m)))
    .sort((a, b) => bytes(a.spec.capacity?.storage) - bytes(b.spec.capacity?.storage) || a.metadata.name.localeCompare(b.metadata.name));
  if (fits[0] && !delay) {
    bind(ctx, claim, fits[0]);
    return;
  }
  const sc = storageClass(ctx, className || undefined);
  if (!sc || sc.provisioner === NO_PROVISIONER) {
    const why = sc ? 'no persistent volumes available for this claim and no storage class is set' : className ? `storageclass.storage.k8s.io "${className}" not found` : 'no persistent volumes available for this claim and no storage class is set';
    once(ctx, claim, sc?.volumeBindingMode === 'WaitForFirstConsumer' ? 'Normal' : 'Warning', sc?.volumeBindingMode === 'WaitForFirstConsumer' ? 'WaitForFirstConsumer' : sc ? 'FailedBinding' : 'ProvisioningFailed', sc?.volumeBindingMode === 'WaitForFirstConsumer' ? 'waiting for first consumer to be created before binding' : why);
    return;
  }
  let node: string | undefined;
  if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
    // The scheduler's VolumeBinding PreBind names the node it chose for the first consumer.
    node = claim.metadata.annotations?.[SELECTED_NODE];
    if (!node) {
      once(ctx, claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
  }
  if (sc.provisioner !== LOCAL_PATH) {
    once(ctx, claim, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
    return;
  }
  node ??= ctx.api.peekAll('Node').map((n) => n.metadata.name).sort()[0];
  provision(ctx, claim, sc, node);
}

/** One event of each reason per claim: the real controller's would be aggregated (x5 over 1m). */
function once(ctx: SimContext, claim: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string, source = SOURCE): void {
  const seen = (ctx.api.peekAll('Event') as KubeEvent[]).some((e) => e.involvedObject.uid === claim.metadata.uid && e.reason === reason);
  if (!seen) recordEvent(ctx, claim, type, reason, message, source);
}

function provision(ctx: SimContext, claim: PersistentVolumeClaim, sc: StorageClass, node: string | undefined): void {
  const ns = claim.metadata.namespace!;
  const pvName = `pvc-${claim.metadata.uid}`;
  once(ctx, claim, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
  once(ctx, claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${claim.metadata.name}"`, PROVISIONER_ID);
  const path = `/var/local-path-provisioner/${pvName}_${ns}_${claim.metadata.name}`;
  // The provisioner's helper pod creates the directory on the node (DirectoryOrCreate).
  const host = node ? ctx.hosts.get(node) : undefined;
  if (host) host.files[`${path}/.keep`] ??= '';
  const pv: PersistentVolume = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName, annotations: { 'local.path.provisioner/selected-node': node ?? '', 'pv.kubernetes.io/provisioned-by': sc.provisioner } },
    spec: {
      accessModes: claim.spec.accessModes,
      capacity: { storage: claim.spec.resources?.requests?.storage ?? '1Gi' },
      hostPath: { path, type: 'DirectoryOrCreate' },
      ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: 'Filesystem',
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name: claim.metadata.name, uid: claim.metadata.uid },
    },
    status: { phase: 'Pending' },
  };
  if (!ctx.api.get('PersistentVolume', undefined, pvName)) ctx.api.create(pv, PROVISIONER_ID);
  once(ctx, claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, PROVISIONER_ID);
  const created = ctx.api.get<PersistentVolume>('PersistentVolume', undefined, pvName);
  const fresh = ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, claim.metadata.name);
  if (created && fresh) bind(ctx, fresh, created);
}

function bind(ctx: SimContext, claim: PersistentVolumeClaim, pv: PersistentVolume): void {
  const now = isoAt(ctx.clock.now);
  const vol = structuredClone(pv);
  vol.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion };
  if (!pv.spec.claimRef?.uid) vol.metadata.annotations = { ...(vol.metadata.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' };
  ctx.api.update(vol, ACTOR);
  const v2 = ctx.api.get<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name)!;
  v2.status = { phase: 'Bound', lastPhaseTransitionTime: now };
  ctx.api.update(v2, ACTOR, 'status');
  const c = structuredClone(claim);
  c.spec.volumeName = pv.metadata.name;
  c.spec.storageClassName ??= pv.spec.storageClassName;
  c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' };
  if (pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by']) {
    c.metadata.annotations['volume.beta.kubernetes.io/storage-provisioner'] = pv.metadata.annotations['pv.kubernetes.io/provisioned-by'];
    c.metadata.annotations['volume.kubernetes.io/storage-provisioner'] = pv.metadata.annotations['pv.kubernetes.io/provisioned-by'];
  }
  ctx.api.update(c, ACTOR);
  const c2 = ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name)!;
  c2.status = { phase: 'Bound', accessModes: pv.spec.accessModes, capacity: { storage: pv.spec.capacity?.storage ?? '' } };
  ctx.api.update(c2, ACTOR, 'status');
}

function reclaim(ctx: SimContext, claim: PersistentVolumeClaim): void {
  const pv = (ctx.api.peekAll('PersistentVolume') as PersistentVolume[]).find((v) => v.spec.claimRef?.uid === claim.metadata.uid);
  if (!pv) return;
  if (pv.spec.persistentVolumeReclaimPolicy === 'Delete') {
    ctx.api.delete('PersistentVolume', undefined, pv.metadata.name, ACTOR, { gracePeriodSeconds: 0 });
    return;
  }
  const v = structuredClone(pv);
  v.status = { phase: 'Released', lastPhaseTransitionTime: isoAt(ctx.clock.now) };
  ctx.api.update(v, ACTOR, 'status');
}
