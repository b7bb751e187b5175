// The apiserver's watches (plain and spec.nodeName field-selected) and in-process store observers: event fan-out, apart from storage.
import type { Kind, KubeObject, Pod } from '../api/types';
import { restPath, type ResourceInfo } from '../api/resources';
import type { Clock } from '../sim/clock';
import type { MessageLog } from '../sim/messages';
import { deepCopy } from './copy';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
/** `obj` is shared by every watcher of the event: read it, never mutate it (clone first). */
export type WatchHandler = (type: WatchEventType, obj: KubeObject) => void;
/** Told of each write as it is stored: the new object (undefined when removed) and the one it replaced; both read-only. */
export type StoreObserver = (obj: KubeObject | undefined, old: KubeObject | undefined) => void;

interface Watcher {
  kind: Kind;
  actor: string;
  handler: WatchHandler;
  /** Cleared when the watch ends: events already queued for it are dropped. */
  open: boolean;
  /** fieldSelector spec.nodeName=NODE: only the pods bound to that node. */
  nodeName?: string;
  /** Registration order: an event reaches its watchers in this order. */
  seq: number;
}

export interface WatchOptions {
  /**
   * fieldSelector spec.nodeName=NODE, the kubelet's pod watch: it sees only the pods bound to
   * its node, a pod's binding as ADDED (it starts to match) and its removal as DELETED.
   */
  nodeName?: string;
}

/** Latencies of the control plane, in simulated ms: small, but enough to see the order. */
export const LATENCY = { request: 2, etcd: 1, watch: 5 };

/** The open watches and store observers of one apiserver, and the delivery of its events to them. */
export class WatchHub {
  /** Open watches by kind, in registration order (the order events reach them). */
  private watchers = new Map<string, Watcher[]>();
  /** Open field-selected watches by kind and node: a pod event looks up its node's, not every kubelet's. */
  private nodeWatchers = new Map<Kind, Map<string, Watcher[]>>();
  private watchSeq = 0;
  /** In-process observers of the watch cache by kind (see observeStore). */
  private storeObservers = new Map<Kind, StoreObserver[]>();

  constructor(
    private readonly clock: Clock,
    private readonly log: MessageLog,
    private readonly info: (kind: string) => ResourceInfo,
  ) {}

  /** See ApiServer.observeStore. */
  observeStore(kind: Kind, fn: StoreObserver): () => void {
    this.storeObservers.set(kind, [...(this.storeObservers.get(kind) ?? []), fn]);
    return () => this.storeObservers.set(kind, (this.storeObservers.get(kind) ?? []).filter((f) => f !== fn));
  }

  /** Tells the store's observers of a change to an object of `kind` (obj undefined: removed). */
  observed(kind: Kind, obj: KubeObject | undefined, old: KubeObject | undefined): void {
    const fns = this.storeObservers.get(kind);
    if (fns) for (const fn of fns) fn(obj, old);
  }

  /** Registers a watch; the returned function ends it (a stopped process closes its watches). */
  watch(kind: Kind, actor: string, handler: WatchHandler, opts: WatchOptions = {}): () => void {
    const w: Watcher = { kind, actor, handler, open: true, nodeName: opts.nodeName, seq: this.watchSeq++ };
    // Plain watches by kind; field-selected ones by kind, then node. Lists are replaced, never changed in place.
    let lists: Map<string, Watcher[]> = this.watchers;
    let at: string = kind;
    if (opts.nodeName !== undefined) {
      if (!this.nodeWatchers.has(kind)) this.nodeWatchers.set(kind, new Map());
      lists = this.nodeWatchers.get(kind)!;
      at = opts.nodeName;
    }
    lists.set(at, [...(lists.get(at) ?? []), w]);
    const query = opts.nodeName === undefined ? '' : `?fieldSelector=spec.nodeName%3D${opts.nodeName}`;
    this.log.add({ t: this.clock.now, from: actor, to: 'kube-apiserver', verb: 'WATCH', path: restPath(this.info(kind), undefined) + query });
    return () => {
      if (!w.open) return;
      w.open = false;
      lists.set(at, lists.get(at)!.filter((x) => x !== w));
    };
  }

  /** The watches an event on `obj` may reach, in registration order: every plain one, and the field-selected ones of its node (before and after). */
  private watchersOf(kind: Kind, obj: KubeObject, old: KubeObject | undefined): readonly Watcher[] {
    const plain = this.watchers.get(kind) ?? [];
    const byNode = this.nodeWatchers.get(kind);
    if (!byNode) return plain;
    const nodes = new Set([nodeNameOf(obj), nodeNameOf(old)]);
    const selected = [...nodes].flatMap((n) => (n === undefined ? [] : (byNode.get(n) ?? [])));
    return selected.length === 0 ? plain : [...plain, ...selected].sort((a, b) => a.seq - b.seq);
  }

  /** `old` is the object before a change (a field-selected watch sees it start or stop matching). */
  notify(kind: Kind, type: WatchEventType, obj: KubeObject, old?: KubeObject): void {
    const info = this.info(kind);
    const path = restPath(info, obj.metadata.namespace, obj.metadata.name);
    // One copy per event, shared by its watchers: handlers read it and never mutate it.
    let copy: KubeObject | undefined;
    for (const w of this.watchersOf(kind, obj, old)) {
      const seen = w.nodeName === undefined ? type : selectedEvent(type, w.nodeName, obj, old);
      if (!seen) continue;
      copy ??= deepCopy(obj);
      const event = copy;
      this.clock.schedule(LATENCY.watch, w.actor, () => {
        if (!w.open) return;
        this.log.add({ t: this.clock.now, from: 'kube-apiserver', to: w.actor, verb: `watch ${seen}`, path });
        w.handler(seen, event);
      });
    }
  }
}

/** What a spec.nodeName=NODE watch sees of an event: the watch cache's filtering (ADDED when an object starts to match, DELETED when it stops). */
function selectedEvent(type: WatchEventType, nodeName: string, obj: KubeObject, old: KubeObject | undefined): WatchEventType | undefined {
  if (type !== 'MODIFIED') return nodeNameOf(obj) === nodeName ? type : undefined;
  const was = nodeNameOf(old) === nodeName;
  const is = nodeNameOf(obj) === nodeName;
  if (was && is) return 'MODIFIED';
  if (is) return 'ADDED';
  return was ? 'DELETED' : undefined;
}

function nodeNameOf(o: KubeObject | undefined): string | undefined {
  return (o as Pod | undefined)?.spec?.nodeName;
}
