/**
 * etcd as the cluster sees it: a revisioned key-value store under /registry/...
 * Only the apiserver holds a reference to it, exactly as in a real cluster.
 */
import { flat } from '../sim/flat';

export interface KeyValue {
  readonly key: string;
  /** The object as JSON, exactly as the apiserver wrote it. */
  readonly value: string;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
}

/**
 * A stored revision. The apiserver writes the object its watch cache then holds, unchanged and
 * never mutated (every read and write copies), so the JSON is made from that object when read
 * rather than kept twice: an Event's or a Pod's text was the largest cost per pod in the worker
 * (~10 KB of the ~21 KB per pod at 3,000 pods). A plain string value (a test writing etcd
 * directly) is kept as it is.
 */
class Stored implements KeyValue {
  constructor(
    readonly key: string,
    private readonly source: string | object,
    readonly createRevision: number,
    readonly modRevision: number,
    readonly version: number,
  ) {}

  get value(): string {
    return typeof this.source === 'string' ? this.source : JSON.stringify(this.source);
  }
}

export class EtcdStore {
  private data = new Map<string, Stored>();
  revision = 1;

  /** Keys stored (what `etcdctl get / --prefix --keys-only` would count). */
  get size(): number {
    return this.data.size;
  }

  get(key: string): KeyValue | undefined {
    return this.data.get(key);
  }

  /** Keys under a prefix, sorted as etcd returns them. */
  range(prefix: string): KeyValue[] {
    return [...this.data.values()].filter((kv) => kv.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Writes `value`: JSON text, or the object whose JSON it is (which must then never change). */
  put(key: string, value: string | object): KeyValue {
    // The key arrives as a rope (a template literal): flat, it costs its characters, not a tree
    // of pieces; flattening in place also flattens the watch cache's keys, the same string.
    key = flat(key);
    this.revision++;
    const old = this.data.get(key);
    const kv = new Stored(key, typeof value === 'string' ? flat(value) : value, old ? old.createRevision : this.revision, this.revision, old ? old.version + 1 : 1);
    this.data.set(key, kv);
    return kv;
  }

  delete(key: string): boolean {
    if (!this.data.has(key)) return false;
    this.revision++;
    this.data.delete(key);
    return true;
  }

  /** A plain copy for hashing and snapshots. */
  dump(): KeyValue[] {
    return this.range('').map((kv) => ({ key: kv.key, value: kv.value, createRevision: kv.createRevision, modRevision: kv.modRevision, version: kv.version }));
  }
}
