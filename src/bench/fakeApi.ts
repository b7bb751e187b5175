/**
 * A bare in-memory API for the scheduling benchmark, like kube-scheduler's scheduler_perf
 * with no kubelets: it stores Nodes and Pods, counts Events, and delivers pod ADDED watch
 * events at once, so the time measured is the scheduler's own (filter, score, bind). The
 * apiserver's costs show in the end-to-end measurement instead.
 */
import type { Kind, KubeObject, Pod } from '../engine/api/types';
import type { StoreObserver, WatchHandler } from '../engine/apiserver/watch';

export class BenchApi {
  readonly etcd = { revision: 1 };
  events = 0;
  private store = new Map<Kind, Map<string, KubeObject>>();
  private handlers = new Map<Kind, WatchHandler[]>();
  private observers = new Map<Kind, StoreObserver[]>();

  private bucket(kind: Kind): Map<string, KubeObject> {
    let b = this.store.get(kind);
    if (!b) this.store.set(kind, (b = new Map()));
    return b;
  }

  private key = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

  watch(kind: Kind, _actor: string, handler: WatchHandler): () => void {
    this.handlers.set(kind, [...(this.handlers.get(kind) ?? []), handler]);
    return () => undefined;
  }

  /** As the apiserver's: told of each object stored (the scheduler's cache keeps its NodeInfos with it). */
  observeStore(kind: Kind, fn: StoreObserver): () => void {
    this.observers.set(kind, [...(this.observers.get(kind) ?? []), fn]);
    return () => undefined;
  }

  private put(obj: KubeObject): void {
    const b = this.bucket(obj.kind);
    const old = b.get(this.key(obj));
    b.set(this.key(obj), obj);
    for (const fn of this.observers.get(obj.kind) ?? []) fn(obj, old);
  }

  create<T extends KubeObject>(obj: T): T {
    this.etcd.revision++;
    if (obj.kind === 'Event') {
      this.events++;
      return obj;
    }
    this.put(obj);
    for (const h of this.handlers.get(obj.kind) ?? []) h('ADDED', obj);
    return obj;
  }

  /**
   * The scheduler's writes (binding, status) are stored as given: it never edits an object
   * after writing it, and get() hands out copies, so no deep copy is needed on the way in or
   * out (scheduler_perf's apiserver is real, but its cost is not the scheduler's).
   */
  update<T extends KubeObject>(obj: T): T {
    this.etcd.revision++;
    this.put(obj);
    return obj;
  }

  /** A copy of what the scheduler may change: it sets spec.nodeName and replaces status. */
  get<T extends KubeObject>(kind: Kind, namespace: string | undefined, name: string): T | undefined {
    const o = this.bucket(kind).get(`${namespace ?? ''}/${name}`) as (KubeObject & { spec?: object }) | undefined;
    return o ? ({ ...o, spec: { ...o.spec } } as unknown as T) : undefined;
  }

  peekAll(kind: Kind): readonly KubeObject[] {
    return [...this.bucket(kind).values()];
  }

  delete(): never {
    throw new Error('the scheduling benchmark never deletes (no preemption)');
  }

  boundPods(): number {
    let n = 0;
    for (const p of this.bucket('Pod').values()) if ((p as Pod).spec.nodeName) n++;
    return n;
  }
}
