/**
 * etcd as the cluster sees it: a revisioned key-value store under /registry/...
 * Only the apiserver holds a reference to it, exactly as in a real cluster.
 */
export interface KeyValue {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
}

export class EtcdStore {
  private data = new Map<string, KeyValue>();
  revision = 1;

  get(key: string): KeyValue | undefined {
    return this.data.get(key);
  }

  /** Keys under a prefix, sorted as etcd returns them. */
  range(prefix: string): KeyValue[] {
    return [...this.data.values()].filter((kv) => kv.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  put(key: string, value: string): KeyValue {
    this.revision++;
    const old = this.data.get(key);
    const kv: KeyValue = {
      key,
      value,
      createRevision: old ? old.createRevision : this.revision,
      modRevision: this.revision,
      version: old ? old.version + 1 : 1,
    };
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
    return this.range('');
  }
}
