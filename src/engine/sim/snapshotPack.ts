/**
 * A big snapshot's pods in columns, for the trip from the worker to the page. The structured
 * clone of 10,000 PodView objects decodes one object and about ten strings per pod on the main
 * thread (8–20 ms, in one task); as columns, the values that repeat (namespace, node, phase,
 * status, ready, app, images) are indexes into one small table and the rest are plain string
 * arrays: about a tenth of the decode, and rebuilding the objects from them is quick.
 * Small snapshots travel as they are.
 */
import type { PodView, Snapshot } from './snapshot';

/** Below this many pods a snapshot is sent as objects (nothing to gain). */
export const PACK_PODS = 500;

/** Every PodView field this file knows; a pod with any other field is sent unpacked. */
const FIELDS = new Set(['namespace', 'name', 'id', 'node', 'ip', 'phase', 'status', 'ready', 'app', 'images', 'hostVeth', 'netns']);

export interface PackedPods {
  /** Values that repeat, referenced by index + 1 (0: absent). images as JSON. */
  dict: string[];
  namespace: Uint32Array;
  node: Uint32Array;
  phase: Uint32Array;
  status: Uint32Array;
  ready: Uint32Array;
  app: Uint32Array;
  images: Uint32Array;
  name: string[];
  ip: (string | undefined)[];
  hostVeth: (string | undefined)[];
  netns: (string | undefined)[];
}

/** A snapshot as sent: `pods` empty and `packedPods` set, or exactly the Snapshot. */
export type WireSnapshot = Snapshot & { packedPods?: PackedPods };

function packable(pods: PodView[]): boolean {
  for (const p of pods) {
    if (p.id !== `${p.namespace}/${p.name}`) return false;
    for (const k in p) if (!FIELDS.has(k)) return false;
  }
  return true;
}

export function packSnapshot(s: Snapshot): WireSnapshot {
  const pods = s.pods;
  if (pods.length < PACK_PODS || !packable(pods)) return s;
  const dict: string[] = [];
  const index = new Map<string, number>();
  const code = (v: string | undefined): number => {
    if (v === undefined) return 0;
    let i = index.get(v);
    if (i === undefined) index.set(v, (i = dict.push(v)));
    return i;
  };
  const column = (get: (p: PodView) => string | undefined) => Uint32Array.from(pods, (p) => code(get(p)));
  const packedPods: PackedPods = {
    dict: [],
    namespace: column((p) => p.namespace),
    node: column((p) => p.node),
    phase: column((p) => p.phase),
    status: column((p) => p.status),
    ready: column((p) => p.ready),
    app: column((p) => p.app),
    images: column((p) => JSON.stringify(p.images)),
    name: pods.map((p) => p.name),
    ip: pods.map((p) => p.ip),
    hostVeth: pods.map((p) => p.hostVeth),
    netns: pods.map((p) => p.netns),
  };
  packedPods.dict = dict;
  return { ...s, pods: [], packedPods };
}

export function unpackSnapshot(w: WireSnapshot): Snapshot {
  const c = w.packedPods;
  if (!c) return w;
  const d: (string | undefined)[] = [undefined, ...c.dict];
  const images = new Map<number, string[]>();
  const pods = new Array<PodView>(c.name.length);
  for (let i = 0; i < pods.length; i++) {
    const namespace = d[c.namespace[i]]!;
    const name = c.name[i];
    let im = images.get(c.images[i]);
    if (!im) images.set(c.images[i], (im = JSON.parse(d[c.images[i]]!) as string[]));
    pods[i] = {
      namespace,
      name,
      id: `${namespace}/${name}`,
      node: d[c.node[i]],
      ip: c.ip[i],
      phase: d[c.phase[i]]!,
      status: d[c.status[i]]!,
      ready: d[c.ready[i]]!,
      app: d[c.app[i]],
      // Each pod its own array, as a structured clone would give.
      images: im.slice(),
      hostVeth: c.hostVeth[i],
      netns: c.netns[i],
    };
  }
  const { packedPods: _, ...rest } = w;
  return { ...rest, pods };
}
