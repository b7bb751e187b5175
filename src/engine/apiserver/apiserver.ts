import type { Clock } from '../sim/clock';
import type { MessageLog } from '../sim/messages';
import type { Prng } from '../sim/prng';
import { isoAt } from '../sim/time';
import { EtcdStore } from '../etcd/store';
import type { Kind, KubeObject, Labels } from '../api/types';
import { etcdKey, resourceForKind, restPath, type ResourceInfo } from '../api/resources';
import { validateObject } from '../api/validation';
import { ApiError } from './errors';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type WatchHandler = (type: WatchEventType, obj: KubeObject) => void;

interface Watcher {
  kind: Kind;
  actor: string;
  handler: WatchHandler;
}

/** Latencies of the control plane, in simulated ms: small, but enough to see the order. */
export const LATENCY = { request: 2, etcd: 1, watch: 5 };

const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * kube-apiserver: every read and write in the cluster goes through here, and only here is
 * etcd touched. Writes validate first and write nothing on error; watchers are notified
 * after the watch latency, so the control-plane flow is visible in the message log.
 */
export class ApiServer {
  readonly etcd = new EtcdStore();
  /** The watch cache: parsed objects by etcd key, kept in step with etcd. */
  private cache = new Map<string, KubeObject>();
  private watchers: Watcher[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly log: MessageLog,
    private readonly prng: Prng,
  ) {}

  private info(kind: string): ResourceInfo {
    const info = resourceForKind(kind);
    if (!info) throw new ApiError(400, 'BadRequest', `no matches for kind "${kind}" in the simulated API`);
    return info;
  }

  private note(from: string, verb: string, path: string): void {
    const t = this.clock.now;
    this.log.add({ t, from, to: 'kube-apiserver', verb, path });
  }

  private persist(info: ResourceInfo, obj: KubeObject, verb: string): void {
    const key = etcdKey(info, obj.metadata.namespace, obj.metadata.name);
    // resourceVersion is the etcd revision this write will get.
    obj.metadata.resourceVersion = String(this.etcd.revision + 1);
    this.etcd.put(key, JSON.stringify(obj));
    this.cache.set(key, obj);
    this.log.add({ t: this.clock.now, from: 'kube-apiserver', to: 'etcd', verb, path: key });
  }

  create<T extends KubeObject>(input: T, from: string): T {
    const info = this.info(input.kind);
    const obj = structuredClone(input);
    obj.apiVersion = info.apiVersion as T['apiVersion'];
    obj.metadata = { ...obj.metadata };
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = obj.metadata.generateName + this.prng.string(5, NAME_SUFFIX_ALPHABET);
    }
    const errs = validateObject(obj);
    if (errs.length > 0) {
      const name = obj.metadata.name ?? '';
      throw new ApiError(422, 'Invalid', `The ${obj.kind} "${name}" is invalid: ${errs.map((e) => `${e.field}: ${e.detail}`).join(', ')}`);
    }
    if (info.namespaced && obj.metadata.namespace !== 'default' && !this.get('Namespace', undefined, obj.metadata.namespace!)) {
      throw new ApiError(404, 'NotFound', `namespaces "${obj.metadata.namespace}" not found`);
    }
    const path = restPath(info, obj.metadata.namespace);
    this.note(from, 'POST', path);
    if (this.cache.has(etcdKey(info, obj.metadata.namespace, obj.metadata.name))) {
      throw new ApiError(409, 'AlreadyExists', `${info.plural} "${obj.metadata.name}" already exists`);
    }
    obj.metadata.uid = uuid(this.prng);
    obj.metadata.creationTimestamp = isoAt(this.clock.now);
    this.persist(info, obj, 'put');
    this.notify(info.kind, 'ADDED', obj);
    return structuredClone(obj);
  }

  /** Replaces an object (spec or status); the caller read it first. */
  update<T extends KubeObject>(input: T, from: string, subresource?: 'status' | 'binding'): T {
    const info = this.info(input.kind);
    const key = etcdKey(info, input.metadata.namespace, input.metadata.name);
    const old = this.cache.get(key);
    const path = restPath(info, input.metadata.namespace, input.metadata.name) + (subresource ? `/${subresource}` : '');
    this.note(from, subresource === 'binding' ? 'POST' : 'PUT', path);
    if (!old) throw new ApiError(404, 'NotFound', `${info.plural} "${input.metadata.name}" not found`);
    const obj = structuredClone(input);
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    if (subresource !== 'status') {
      const errs = validateObject(obj);
      if (errs.length > 0) {
        throw new ApiError(422, 'Invalid', `The ${obj.kind} "${obj.metadata.name}" is invalid: ${errs.map((e) => `${e.field}: ${e.detail}`).join(', ')}`);
      }
    }
    this.persist(info, obj, 'put');
    this.notify(info.kind, 'MODIFIED', obj);
    return structuredClone(obj);
  }

  delete(kind: Kind, namespace: string | undefined, name: string, from: string): KubeObject {
    const info = this.info(kind);
    const ns = info.namespaced ? namespace || 'default' : undefined;
    const key = etcdKey(info, ns, name);
    this.note(from, 'DELETE', restPath(info, ns, name));
    const old = this.cache.get(key);
    if (!old) throw new ApiError(404, 'NotFound', `${info.plural} "${name}" not found`);
    this.etcd.delete(key);
    this.cache.delete(key);
    this.log.add({ t: this.clock.now, from: 'kube-apiserver', to: 'etcd', verb: 'delete', path: key });
    this.notify(info.kind, 'DELETED', old);
    return old;
  }

  get<T extends KubeObject = KubeObject>(kind: Kind, namespace: string | undefined, name: string): T | undefined {
    const info = this.info(kind);
    const obj = this.cache.get(etcdKey(info, info.namespaced ? namespace || 'default' : undefined, name));
    return obj ? (structuredClone(obj) as T) : undefined;
  }

  /** Lists objects of a kind (all namespaces when `namespace` is undefined), sorted by name. */
  list<T extends KubeObject = KubeObject>(kind: Kind, namespace?: string, selector?: Labels): T[] {
    const info = this.info(kind);
    const prefix = etcdKey(info, namespace, '').replace(/\/$/, '') + '/';
    const out: T[] = [];
    for (const kv of this.etcd.range(info.namespaced && !namespace ? `/registry/${info.plural === 'nodes' ? 'minions' : info.plural}/` : prefix)) {
      const obj = this.cache.get(kv.key);
      if (obj && matchesLabels(obj.metadata.labels, selector)) out.push(structuredClone(obj) as T);
    }
    return out;
  }

  /** Read-only view without copying, for hot paths inside the engine (never mutate). */
  peekAll(kind: Kind): readonly KubeObject[] {
    const info = this.info(kind);
    const p = `/registry/${info.plural === 'nodes' ? 'minions' : info.plural}/`;
    const out: KubeObject[] = [];
    for (const [k, v] of this.cache) if (k.startsWith(p)) out.push(v);
    return out;
  }

  watch(kind: Kind, actor: string, handler: WatchHandler): void {
    this.watchers.push({ kind, actor, handler });
    this.log.add({ t: this.clock.now, from: actor, to: 'kube-apiserver', verb: 'WATCH', path: restPath(this.info(kind), undefined) });
  }

  private notify(kind: Kind, type: WatchEventType, obj: KubeObject): void {
    const info = this.info(kind);
    const path = restPath(info, obj.metadata.namespace, obj.metadata.name);
    for (const w of this.watchers) {
      if (w.kind !== kind) continue;
      const copy = structuredClone(obj);
      this.clock.schedule(LATENCY.watch, w.actor, () => {
        this.log.add({ t: this.clock.now, from: 'kube-apiserver', to: w.actor, verb: `watch ${type}`, path });
        w.handler(type, copy);
      });
    }
  }
}

export function matchesLabels(labels: Labels | undefined, selector: Labels | undefined): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if ((labels ?? {})[k] !== v) return false;
  return true;
}

/** A random (version 4 style) UID drawn from the seeded PRNG. */
export function uuid(prng: Prng): string {
  const h = prng.hex(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
