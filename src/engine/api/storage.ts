/**
 * v1 PersistentVolume and PersistentVolumeClaim, storage.k8s.io/v1 StorageClass: the fields
 * the simulation reads, named as in the real API, and the tables `kubectl get pv,pvc,sc`
 * prints (columns as kubectl 1.34 prints them, VOLUMEATTRIBUTESCLASS included).
 */
import type { FieldError } from './validation';
import type { NodeSelectorTerm, ObjectMeta, PodSpec } from './types';

export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

export interface StorageClass {
  apiVersion: 'storage.k8s.io/v1';
  kind: 'StorageClass';
  metadata: ObjectMeta;
  provisioner: string;
  reclaimPolicy?: 'Delete' | 'Retain';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowVolumeExpansion?: boolean;
  parameters?: Record<string, string>;
}

export interface PersistentVolume {
  apiVersion: 'v1';
  kind: 'PersistentVolume';
  metadata: ObjectMeta;
  spec: {
    capacity?: { storage: string };
    accessModes?: AccessMode[];
    persistentVolumeReclaimPolicy?: 'Delete' | 'Retain' | 'Recycle';
    storageClassName?: string;
    volumeMode?: 'Filesystem' | 'Block';
    hostPath?: { path: string; type?: string };
    local?: { path: string };
    claimRef?: { apiVersion?: string; kind?: string; namespace?: string; name?: string; uid?: string; resourceVersion?: string };
    nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTerm[] } };
    volumeAttributesClassName?: string;
  };
  status?: { phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed'; reason?: string; lastPhaseTransitionTime?: string };
}

export interface PersistentVolumeClaim {
  apiVersion: 'v1';
  kind: 'PersistentVolumeClaim';
  metadata: ObjectMeta;
  spec: {
    accessModes?: AccessMode[];
    resources?: { requests?: { storage?: string } };
    storageClassName?: string;
    volumeName?: string;
    volumeMode?: 'Filesystem' | 'Block';
    volumeAttributesClassName?: string;
  };
  status?: { phase?: 'Pending' | 'Bound' | 'Lost'; accessModes?: AccessMode[]; capacity?: { storage: string } };
}

const MODES: Record<AccessMode, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** kubectl's access-mode abbreviations, comma-joined (RWO,ROX). */
export function accessModesText(modes: AccessMode[] | undefined): string {
  return (modes ?? []).map((m) => MODES[m] ?? m).join(',');
}

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export function storageTable(kind: 'PersistentVolume' | 'PersistentVolumeClaim' | 'StorageClass', items: readonly unknown[], age: (o: PersistentVolume | PersistentVolumeClaim | StorageClass) => string): { header: string[]; rows: string[][] } {
  if (kind === 'StorageClass') {
    return {
      header: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
      rows: (items as StorageClass[]).map((s) => [
        s.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' ? `${s.metadata.name} (default)` : s.metadata.name,
        s.provisioner,
        s.reclaimPolicy ?? 'Delete',
        s.volumeBindingMode ?? 'Immediate',
        String(s.allowVolumeExpansion ?? false),
        age(s),
      ]),
    };
  }
  if (kind === 'PersistentVolume') {
    return {
      header: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
      rows: (items as PersistentVolume[]).map((pv) => [
        pv.metadata.name,
        pv.spec.capacity?.storage ?? '',
        accessModesText(pv.spec.accessModes),
        pv.spec.persistentVolumeReclaimPolicy ?? 'Retain',
        pv.status?.phase ?? 'Pending',
        pv.spec.claimRef?.name ? `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` : '',
        pv.spec.storageClassName ?? '',
        pv.spec.volumeAttributesClassName ?? '<unset>',
        pv.status?.reason ?? '',
        age(pv),
      ]),
    };
  }
  return {
    header: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    rows: (items as PersistentVolumeClaim[]).map((c) => {
      const bound = c.status?.phase === 'Bound';
      return [
        c.metadata.name,
        c.status?.phase ?? 'Pending',
        c.spec.volumeName ?? '',
        bound ? (c.status?.capacity?.storage ?? '') : '',
        bound ? accessModesText(c.status?.accessModes) : '',
        c.spec.storageClassName ?? '<unset>',
        c.spec.volumeAttributesClassName ?? '<unset>',
        age(c),
      ];
    }),
  };
}

const VALID_MODES = Object.keys(MODES);

export function validatePersistentVolume(pv: PersistentVolume): FieldError[] {
  const errs: FieldError[] = [];
  if (!pv.spec?.capacity?.storage) errs.push({ field: 'spec.capacity', detail: 'Required value' });
  if (!pv.spec?.accessModes?.length) errs.push({ field: 'spec.accessModes', detail: 'Required value' });
  for (const m of pv.spec?.accessModes ?? []) if (!VALID_MODES.includes(m)) errs.push({ field: 'spec.accessModes', detail: `Unsupported value: "${m}": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"` });
  if (!pv.spec?.hostPath && !pv.spec?.local) errs.push({ field: 'spec', detail: 'Required value: must specify a volume type' });
  return errs;
}

export function validatePersistentVolumeClaim(c: PersistentVolumeClaim): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.spec?.accessModes?.length) errs.push({ field: 'spec.accessModes', detail: 'Required value: at least 1 access mode is required' });
  for (const m of c.spec?.accessModes ?? []) if (!VALID_MODES.includes(m)) errs.push({ field: 'spec.accessModes', detail: `Unsupported value: "${m}": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"` });
  if (!c.spec?.resources?.requests?.storage) errs.push({ field: 'spec.resources[storage]', detail: 'Required value' });
  return errs;
}

export function validateStorageClass(s: StorageClass): FieldError[] {
  return s.provisioner ? [] : [{ field: 'provisioner', detail: 'Required value' }];
}

/** A pod's volumes and what its containers mount and probe, checked as the apiserver does. */
export function validatePodVolumes(spec: PodSpec, prefix: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    if (names.has(v.name)) errs.push({ field: `${prefix}.volumes[${i}].name`, detail: `Duplicate value: "${v.name}"` });
    names.add(v.name);
    const sources = [v.emptyDir, v.configMap, v.secret, v.persistentVolumeClaim, v.hostPath].filter((x) => x !== undefined).length;
    if (sources === 0) errs.push({ field: `${prefix}.volumes[${i}]`, detail: 'Required value: must specify a volume type' });
    if (sources > 1) errs.push({ field: `${prefix}.volumes[${i}]`, detail: 'Forbidden: may not specify more than 1 volume type' });
  });
  spec.containers.forEach((c, ci) => {
    (c.volumeMounts ?? []).forEach((m, mi) => {
      if (!names.has(m.name)) errs.push({ field: `${prefix}.containers[${ci}].volumeMounts[${mi}].name`, detail: `Not found: "${m.name}"` });
      if (!m.mountPath) errs.push({ field: `${prefix}.containers[${ci}].volumeMounts[${mi}].mountPath`, detail: 'Required value' });
    });
    for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      const p = c[kind];
      if (!p) continue;
      const handlers = [p.httpGet, p.tcpSocket, p.exec].filter((x) => x !== undefined).length;
      if (handlers === 0) errs.push({ field: `${prefix}.containers[${ci}].${kind}`, detail: 'Required value: must specify a handler type' });
      if (handlers > 1) errs.push({ field: `${prefix}.containers[${ci}].${kind}.tcpSocket`, detail: 'Forbidden: may not specify more than 1 handler type' });
      if (kind !== 'readinessProbe' && (p.successThreshold ?? 1) !== 1) errs.push({ field: `${prefix}.containers[${ci}].${kind}.successThreshold`, detail: `Invalid value: ${p.successThreshold}: must be 1` });
    }
  });
  return errs;
}
