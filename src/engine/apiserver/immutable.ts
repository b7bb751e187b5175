// Update validation: the fields an update may not change (selectors, a Service's clusterIP, a pod's spec, immutable data), apart from the write path.
import type { Kind, KubeObject, LabelSelector, Pod, Service, Toleration } from '../api/types';
import type { FieldError } from '../api/validation';
import { canonicalJson } from '../sim/hash';
import { deepCopy } from './copy';
import { goSelector } from './selectors';

const SELECTOR_IMMUTABLE = new Set<Kind>(['Deployment', 'ReplicaSet', 'DaemonSet']);

/** Fields that may not change after creation. */
export function immutableFieldErrors(old: KubeObject, obj: KubeObject, subresource?: string): FieldError[] {
  if (SELECTOR_IMMUTABLE.has(obj.kind)) {
    const o = (old as { spec: { selector: LabelSelector } }).spec.selector;
    const n = (obj as { spec: { selector: LabelSelector } }).spec.selector;
    if (canonicalJson(o) !== canonicalJson(n)) return [{ field: 'spec.selector', detail: `Invalid value: ${goSelector(n)}: field is immutable` }];
  }
  if (obj.kind === 'Service') {
    const o = (old as Service).spec.clusterIP;
    const n = obj.spec.clusterIP;
    if (n && o && n !== o) return [{ field: 'spec.clusterIPs[0]', detail: `Invalid value: []string{"${n}"}: may not change once set` }];
  }
  if (obj.kind === 'Pod' && subresource !== 'binding') return podUpdateErrors(old as Pod, obj);
  if ((obj.kind === 'ConfigMap' || obj.kind === 'Secret') && (old as { immutable?: boolean }).immutable) {
    if (canonicalJson((old as { data?: unknown }).data) !== canonicalJson((obj as { data?: unknown }).data)) return [{ field: 'data', detail: 'Forbidden: field is immutable when `immutable` is set' }];
  }
  return [];
}

const POD_UPDATE_FORBIDDEN =
  'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodUpdate: only images, activeDeadlineSeconds and added tolerations may change. */
export function podUpdateErrors(old: Pod, pod: Pod): FieldError[] {
  const a = deepCopy(old.spec);
  const b = deepCopy(pod.spec);
  const sameLength = a.containers.length === b.containers.length && (a.initContainers ?? []).length === (b.initContainers ?? []).length;
  if (sameLength) {
    b.containers.forEach((c, i) => (c.image = a.containers[i].image));
    (b.initContainers ?? []).forEach((c, i) => (c.image = a.initContainers![i].image));
  }
  if (a.activeDeadlineSeconds === undefined || (b.activeDeadlineSeconds !== undefined && b.activeDeadlineSeconds <= a.activeDeadlineSeconds)) b.activeDeadlineSeconds = a.activeDeadlineSeconds;
  const oldTols: Toleration[] = a.tolerations ?? [];
  const newTols: Toleration[] = b.tolerations ?? [];
  if (oldTols.every((t) => newTols.some((n) => canonicalJson(n) === canonicalJson(t)))) b.tolerations = a.tolerations;
  if (canonicalJson(a) === canonicalJson(b)) return [];
  return [{ field: 'spec', detail: POD_UPDATE_FORBIDDEN }];
}
