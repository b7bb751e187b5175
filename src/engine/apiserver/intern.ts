/**
 * Shared, frozen copies of the parts stored objects repeat word for word. A ReplicaSet's pods
 * have the same containers, tolerations, labels and owner; the pods started in one second the
 * same conditions; a pod's Events the same involvedObject, a kubelet's the same source. At
 * 150,000 pods and their 750,000 Events, keeping one copy of each instead of one per object is
 * the difference between fitting in a browser tab's worker or not.
 *
 * Safe because the store's objects are never changed in place: every read copies (deepCopy
 * makes unfrozen copies), and the apiserver's own status writes keep frozen parts as they are.
 */
import type { KubeObject } from '../api/types';
import { flatShared } from '../sim/flat';

const table = new Map<string, object>();
/** Distinct shapes kept; past this the table starts over (sharing is lost, never correctness). */
const LIMIT = 20_000;

function freeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    for (const k of Object.keys(v)) freeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

/** The shared copy of `v` (which it may become); undefined stays undefined. */
function shared<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  const key = JSON.stringify(v);
  const hit = table.get(key);
  if (hit) return hit as T;
  if (table.size >= LIMIT) table.clear();
  table.set(key, freeze(v) as object);
  return v;
}

type Parts = Record<string, unknown> | undefined;

function share(o: Parts, keys: readonly string[]): void {
  if (!o) return;
  for (const k of keys) if (o[k] !== undefined) o[k] = shared(o[k]);
}

const POD_SPEC = ['containers', 'initContainers', 'tolerations', 'securityContext', 'volumes', 'affinity', 'nodeSelector', 'topologySpreadConstraints'] as const;

interface ImageRefs {
  image?: string;
  imageID?: string;
}

function shareImage(c: ImageRefs): void {
  if (Object.isFrozen(c)) return;
  if (c.image) c.image = flatShared(c.image);
  if (c.imageID) c.imageID = flatShared(c.imageID);
}

/** Replaces the repeated parts of an object about to be stored with their shared copies. */
export function internStored(obj: KubeObject): void {
  const o = obj as unknown as { metadata: Parts; spec?: Parts; status?: Parts; involvedObject?: unknown; source?: unknown };
  if (obj.kind === 'Pod') {
    share(o.metadata, ['labels', 'ownerReferences', 'annotations']);
    share(o.spec, POD_SPEC);
    share(o.status, ['conditions', 'hostIPs']);
    // Texts every pod of a ReplicaSet repeats, each built by concatenation: one string for all.
    const meta = o.metadata as { generateName?: string } | undefined;
    if (meta?.generateName) meta.generateName = flatShared(meta.generateName);
    const status = o.status as { containerStatuses?: ImageRefs[]; initContainerStatuses?: ImageRefs[] } | undefined;
    for (const c of status?.containerStatuses ?? []) shareImage(c);
    for (const c of status?.initContainerStatuses ?? []) shareImage(c);
  } else if (obj.kind === 'Event') {
    share(o as unknown as Parts, ['involvedObject', 'source']);
  }
}
