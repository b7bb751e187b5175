// The apiserver's watch cache and its indexes (by kind, owner, node, uid, with owned counts): the reads' fast paths, apart from the write logic.
import type { Kind, KubeObject, Pod } from '../api/types';

/** A test on a stored object for ApiServer.ownedCount (read it, never mutate it). */
export type OwnedPredicate = (obj: KubeObject) => boolean;

/** The watch cache: parsed objects by etcd key, kept in step with etcd by the apiserver's writes. */
export class WatchCache {
  private objects = new Map<string, KubeObject>();
  /** The cache's objects by kind/owner uid, kept with it, so controllers find what a ReplicaSet owns without a full scan. */
  private byOwner = new Map<string, Map<string, KubeObject>>();
  /** The cache split by kind, in the cache's own (insertion) order: peekAll without a full scan. */
  private byKind = new Map<Kind, Map<string, KubeObject>>();
  /**
   * Counts kept with the owner index: per predicate, per owner and namespace, how many owned
   * objects pass it. A controller's "how many active pods do I have" is then O(1), not a scan.
   */
  private ownedCounts = new Map<Kind, Map<OwnedPredicate, Map<string, number>>>();
  /** Per owner bucket, bumped whenever an owned object is added, changed or removed. */
  private ownedWrites = new Map<string, number>();
  /** Pods by spec.nodeName (the field index behind fieldSelector=spec.nodeName). */
  private podsByNode = new Map<string, Map<string, Pod>>();
  /** Writes and removals per kind: a controller caches what it derives from a whole kind until this moves. */
  private kindWrites = new Map<Kind, number>();
  /** Objects by uid (any kind but Events, never asked for by uid): a kubelet finds its pod by uid without a scan. */
  private uids = new Map<string, KubeObject>();

  get size(): number {
    return this.objects.size;
  }

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  has(key: string): boolean {
    return this.objects.has(key);
  }

  /** Every cached object by key, live (a write to an existing key keeps its place). */
  entries(): IterableIterator<[string, KubeObject]> {
    return this.objects.entries();
  }

  /** The kind's slice of the cache, in insertion order (read-only, never mutate). */
  ofKind(kind: Kind): Map<string, KubeObject> | undefined {
    return this.byKind.get(kind);
  }

  /** How many objects of the kind the cache holds. */
  countOf(kind: Kind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** The pods bound to a node, in no particular order (read-only, never mutate). */
  podsOn(nodeName: string): Pod[] {
    const m = this.podsByNode.get(nodeName);
    return m ? [...m.values()] : [];
  }

  byUid(uid: string): KubeObject | undefined {
    return this.uids.get(uid);
  }

  /** Changes whenever an object of the kind is written or removed (not an etcd revision: only for caching). */
  kindVersion(kind: Kind): number {
    return this.kindWrites.get(kind) ?? 0;
  }

  /** Stores `obj` (already in etcd) under `key` and reindexes it; returns the object it replaced. */
  put(kind: Kind, key: string, obj: KubeObject): KubeObject | undefined {
    const old = this.objects.get(key);
    if (old) this.unindex(key, old);
    this.objects.set(key, obj);
    let kindMap = this.byKind.get(kind);
    if (!kindMap) this.byKind.set(kind, (kindMap = new Map()));
    this.kindWrites.set(kind, (this.kindWrites.get(kind) ?? 0) + 1);
    kindMap.set(key, obj);
    if (old?.metadata.uid && old.metadata.uid !== obj.metadata.uid) this.uids.delete(old.metadata.uid);
    if (obj.metadata.uid && obj.kind !== 'Event') this.uids.set(obj.metadata.uid, obj);
    if (old) this.unindexNode(key, old);
    this.indexNode(key, obj);
    this.index(key, obj);
    return old;
  }

  /** Drops `old`, the object stored under `key`, and its index entries. */
  remove(kind: Kind, key: string, old: KubeObject): void {
    this.objects.delete(key);
    this.byKind.get(kind)?.delete(key);
    this.kindWrites.set(kind, (this.kindWrites.get(kind) ?? 0) + 1);
    if (old.metadata.uid && this.uids.get(old.metadata.uid) === old) this.uids.delete(old.metadata.uid);
    this.unindexNode(key, old);
    this.unindex(key, old);
  }

  private index(key: string, obj: KubeObject): void {
    for (const r of obj.metadata.ownerReferences ?? []) {
      const k = `${obj.kind}/${r.uid}`;
      let m = this.byOwner.get(k);
      if (!m) this.byOwner.set(k, (m = new Map()));
      if (!m.has(key)) this.countOwned(k, obj, 1);
      m.set(key, obj);
      this.ownedWrites.set(k, (this.ownedWrites.get(k) ?? 0) + 1);
    }
  }

  private unindex(key: string, obj: KubeObject): void {
    for (const r of obj.metadata.ownerReferences ?? []) {
      const k = `${obj.kind}/${r.uid}`;
      const m = this.byOwner.get(k);
      if (!m?.delete(key)) continue;
      this.countOwned(k, obj, -1);
      this.ownedWrites.set(k, (this.ownedWrites.get(k) ?? 0) + 1);
      if (m.size === 0) this.byOwner.delete(k);
    }
  }

  private indexNode(key: string, obj: KubeObject): void {
    const node = obj.kind === 'Pod' ? obj.spec.nodeName : undefined;
    if (!node) return;
    let m = this.podsByNode.get(node);
    if (!m) this.podsByNode.set(node, (m = new Map()));
    m.set(key, obj as Pod);
  }

  private unindexNode(key: string, obj: KubeObject): void {
    const node = obj.kind === 'Pod' ? obj.spec.nodeName : undefined;
    const m = node ? this.podsByNode.get(node) : undefined;
    if (!m?.delete(key)) return;
    if (m.size === 0) this.podsByNode.delete(node!);
  }

  private countOwned(ownerKey: string, obj: KubeObject, delta: 1 | -1): void {
    for (const [pred, counts] of this.ownedCounts.get(obj.kind) ?? []) {
      if (!pred(obj)) continue;
      const k = `${ownerKey}/${obj.metadata.namespace ?? ''}`;
      const n = (counts.get(k) ?? 0) + delta;
      if (n === 0) counts.delete(k);
      else counts.set(k, n);
    }
  }

  /**
   * How many objects of a kind in `namespace` have an ownerReference to `uid` and pass `pred`
   * (a pure function of the object; pass the same function each time, it is the count's key).
   */
  ownedCount(kind: Kind, uid: string, namespace: string | undefined, pred: OwnedPredicate): number {
    let byPred = this.ownedCounts.get(kind);
    if (!byPred) this.ownedCounts.set(kind, (byPred = new Map()));
    let counts = byPred.get(pred);
    if (!counts) {
      // First use: count what the index already holds; from now on index/unindex keep it.
      byPred.set(pred, (counts = new Map()));
      for (const [ownerKey, m] of this.byOwner) {
        if (!ownerKey.startsWith(`${kind}/`)) continue;
        for (const o of m.values()) {
          if (!pred(o)) continue;
          const k = `${ownerKey}/${o.metadata.namespace ?? ''}`;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      }
    }
    return counts.get(`${kind}/${uid}/${namespace ?? ''}`) ?? 0;
  }

  /** Changes whenever an object of `kind` owned by `uid` is added, changed or removed (only for caching). */
  ownedVersion(kind: Kind, uid: string): number {
    return this.ownedWrites.get(`${kind}/${uid}`) ?? 0;
  }

  /** Objects of a kind with an ownerReference to `uid`, in no particular order (read-only, never mutate). */
  peekOwned(kind: Kind, uid: string): readonly KubeObject[] {
    const m = this.byOwner.get(`${kind}/${uid}`);
    return m ? [...m.values()] : [];
  }
}
