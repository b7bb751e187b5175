/** Helpers the controllers share (pkg/controller/controller_utils.go). */
import type { IntOrString, KubeObject, OwnerReference, Pod } from '../api/types';

export const CONTROLLER_MANAGER = 'kube-controller-manager';

export function ownedBy(obj: KubeObject, uid: string | undefined): boolean {
  return !!uid && (obj.metadata.ownerReferences ?? []).some((o) => o.uid === uid);
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences ?? []).find((o) => o.controller);
}

export function isPodReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Not terminal and not being deleted: the pods a controller counts. */
export function isPodActive(p: Pod): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

/** Active and ready: the pods that count as available. */
export function isPodActiveAndReady(p: Pod): boolean {
  return isPodActive(p) && isPodReady(p);
}

/** Every object (for ApiServer.ownedCount). */
export function anyObject(): boolean {
  return true;
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaled(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export function byCreation<T extends KubeObject>(a: T, b: T): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
