import type { Clock } from '../sim/clock';
import type { MessageLog } from '../sim/messages';
import type { Prng } from '../sim/prng';
import { isoAt } from '../sim/time';
import { EtcdStore } from '../etcd/store';
import type { Kind, KubeObject, Labels, LabelSelector, Pod, Service } from '../api/types';
import { etcdKey, pluralRef, resourceForKind, restPath, type ResourceInfo } from '../api/resources';
import { invalidMessage, selectorMatches, validateObject, type FieldError } from '../api/validation';
import { canonicalJson } from '../sim/hash';
import { ApiError } from './errors';
import { admitNamespace, admitPod, admitQuota, type AdmissionView } from './admission';
import { copyKeepingShared, copyToStore, deepCopy, refit } from './copy';
import { internStored } from './intern';
import { WatchCache, type OwnedPredicate } from './cache';
import { normalise } from './defaulting';
import { markForDeletion } from './deletion';
import { immutableFieldErrors } from './immutable';
import { admitPlaygroundLimits } from './limits';
import { generatedName, uuid } from './names';
import { asLabelSelector } from './selectors';
import { ServiceAllocations } from './serviceAllocation';
import { WatchHub, type StoreObserver, type WatchHandler, type WatchOptions } from './watch';

export interface DeleteOptions {
  /** 0 removes a pod at once (--grace-period=0 --force); default: the pod's terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
  /** Orphan leaves the dependents (their ownerReferences are removed); Background lets the GC delete them. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

const GENERATION_KINDS = new Set<Kind>(['Deployment', 'ReplicaSet', 'DaemonSet', 'Pod']);

/**
 * kube-apiserver: every read and write in the cluster goes through here, and only here is
 * etcd touched. Writes default, validate and admit first and write nothing on error;
 * watchers are notified after the watch latency, so the control-plane flow is visible in
 * the message log.
 */
export class ApiServer {
  readonly etcd = new EtcdStore();
  /** --service-cluster-ip-range; set at bootstrap from the scenario. */
  serviceCIDR = '10.96.0.0/12';
  /** The scenario's Kubemark hollow nodes: each raises the playground's limits (HOLLOW_NODE_ALLOWANCE). */
  hollowNodes = 0;
  /** The watch cache: parsed objects by etcd key, kept in step with etcd, with its indexes. */
  private cache = new WatchCache();
  private readonly watches: WatchHub;
  private readonly services: ServiceAllocations;
  private readonly view: AdmissionView = { peek: (kind) => this.peekAll(kind) };

  constructor(
    private readonly clock: Clock,
    private readonly log: MessageLog,
    private readonly prng: Prng,
  ) {
    this.watches = new WatchHub(clock, log, (kind) => this.info(kind));
    this.services = new ServiceAllocations(this, prng, () => this.serviceCIDR);
  }

  private info(kind: string): ResourceInfo {
    const info = resourceForKind(kind);
    if (!info) throw new ApiError(400, 'BadRequest', `no matches for kind "${kind}" in the simulated API`);
    return info;
  }

  private note(from: string, verb: string, path: string): void {
    this.log.add({ t: this.clock.now, from, to: 'kube-apiserver', verb, path });
  }

  private persist(info: ResourceInfo, obj: KubeObject, verb: string): void {
    const key = etcdKey(info, obj.metadata.namespace, obj.metadata.name);
    // resourceVersion is the etcd revision this write will get.
    obj.metadata.resourceVersion = String(this.etcd.revision + 1);
    // Fields were added to metadata after it was copied: sized to fit, it costs ~60 B less per object.
    obj.metadata = refit(obj.metadata);
    // etcd keeps the cached object and makes its JSON when read (see etcd/store.ts): never mutate `obj` from here on.
    internStored(obj);
    this.etcd.put(key, obj);
    const old = this.cache.put(info.kind, key, obj);
    this.log.add({ t: this.clock.now, from: 'kube-apiserver', to: 'etcd', verb, path: key });
    this.watches.observed(info.kind, obj, old);
  }

  private invalid(obj: KubeObject, errs: FieldError[]): ApiError {
    return new ApiError(422, 'Invalid', invalidMessage(obj.kind, obj.metadata.name ?? '', errs));
  }

  create<T extends KubeObject>(input: T, from: string): T {
    const info = this.info(input.kind);
    const obj = copyToStore(input);
    obj.apiVersion = info.apiVersion as T['apiVersion'];
    obj.metadata = { ...obj.metadata };
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    const generated = !obj.metadata.name && !!obj.metadata.generateName;
    if (generated) obj.metadata.name = generatedName(obj.metadata.generateName!, this.prng);
    for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) delete obj.metadata[k];
    normalise(obj);
    const errs = validateObject(obj);
    if (errs.length > 0) throw this.invalid(obj, errs);
    const path = restPath(info, obj.metadata.namespace);
    this.note(from, 'POST', path);
    admitNamespace(obj, this.view);
    // A generated name that is taken is generated again (RetryGenerateName, GA in v1.32: up to 7
    // retries), so 150,000 replicas do not fail on the 5-character suffix's birthday collisions.
    for (let retry = 0; retry < 7 && generated && this.cache.has(etcdKey(info, obj.metadata.namespace, obj.metadata.name)); retry++) {
      obj.metadata.name = generatedName(obj.metadata.generateName!, this.prng);
    }
    if (this.cache.has(etcdKey(info, obj.metadata.namespace, obj.metadata.name))) {
      throw new ApiError(409, 'AlreadyExists', `${pluralRef(info)} "${obj.metadata.name}" already exists`);
    }
    admitPlaygroundLimits(obj, this.cache.size, this.cache.countOf('Pod'), this.hollowNodes);
    if (obj.kind === 'Pod') admitPod(obj, this.view);
    if (obj.kind === 'Service') {
      const errs = this.services.allocate(obj);
      if (errs.length > 0) throw this.invalid(obj, errs);
    }
    admitQuota(obj, this.view);
    obj.metadata.uid = uuid(this.prng);
    obj.metadata.creationTimestamp = isoAt(this.clock.now);
    if (GENERATION_KINDS.has(obj.kind) && obj.kind !== 'Pod') obj.metadata.generation = 1;
    if (obj.kind === 'Namespace') {
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
    }
    this.persist(info, obj, 'put');
    if (obj.kind === 'Service') this.services.created(obj as Service);
    this.watches.notify(info.kind, 'ADDED', obj);
    return deepCopy(obj);
  }

  /** The object with the defaults the apiserver would fill in (for `kubectl apply`'s "unchanged"). */
  defaulted<T extends KubeObject>(input: T): T {
    const obj = deepCopy(input);
    try {
      normalise(obj);
    } catch {
      return input;
    }
    return obj;
  }

  /**
   * Writes an object the caller read first, as a PATCH: what kubectl's label, scale, patch, set,
   * cordon and client-side apply send, and the event recorder's count bump. The stored result is
   * the same as update()'s; only the request the control-plane log shows differs.
   */
  patch<T extends KubeObject>(input: T, from: string, subresource?: 'status'): T {
    return this.update(input, from, subresource, 'PATCH');
  }

  /** Replaces an object (spec or status); the caller read it first. */
  update<T extends KubeObject>(input: T, from: string, subresource?: 'status' | 'binding', verb: 'PUT' | 'PATCH' = 'PUT'): T {
    const info = this.info(input.kind);
    const key = etcdKey(info, info.namespaced ? input.metadata.namespace || 'default' : undefined, input.metadata.name);
    const old = this.cache.get(key);
    const path = restPath(info, input.metadata.namespace, input.metadata.name) + (subresource ? `/${subresource}` : '');
    this.note(from, subresource === 'binding' ? 'POST' : verb, path);
    if (!old) throw new ApiError(404, 'NotFound', `${pluralRef(info)} "${input.metadata.name}" not found`);
    let obj: T;
    if (subresource === 'status') {
      // The status subresource changes status only.
      obj = copyKeepingShared(old) as T;
      (obj as { status?: unknown }).status = copyToStore((input as { status?: unknown }).status);
    } else {
      obj = copyToStore(input);
      obj.apiVersion = info.apiVersion as T['apiVersion'];
      obj.metadata = { ...obj.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, namespace: old.metadata.namespace, name: old.metadata.name };
      if (old.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
        obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      }
      if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
      if (subresource !== 'binding') (obj as { status?: unknown }).status = copyToStore((old as { status?: unknown }).status);
      normalise(obj);
      const errs = validateObject(obj);
      if (errs.length === 0) errs.push(...immutableFieldErrors(old, obj, subresource));
      if (errs.length > 0) throw this.invalid(obj, errs);
      if (obj.kind === 'Service') {
        const kept = this.services.keep(old as Service, obj);
        if (kept.length > 0) throw this.invalid(obj, kept);
      }
      if (obj.kind === 'Pod' || obj.kind === 'Service') admitQuota(obj, this.view, old);
      if (GENERATION_KINDS.has(obj.kind) && obj.kind !== 'Pod' && canonicalJson((old as { spec?: unknown }).spec) !== canonicalJson((obj as { spec?: unknown }).spec)) {
        obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
      }
    }
    this.persist(info, obj, 'put');
    this.watches.notify(info.kind, 'MODIFIED', obj, old);
    return deepCopy(obj);
  }

  /** Deletes an object, or only marks it (see markForDeletion: a running pod, a namespace with finalizers). */
  delete(kind: Kind, namespace: string | undefined, name: string, from: string, opts: DeleteOptions = {}): KubeObject {
    const info = this.info(kind);
    const ns = info.namespaced ? namespace || 'default' : undefined;
    const key = etcdKey(info, ns, name);
    this.note(from, 'DELETE', restPath(info, ns, name));
    const old = this.cache.get(key);
    if (!old) throw new ApiError(404, 'NotFound', `${pluralRef(info)} "${name}" not found`);
    if (opts.propagationPolicy === 'Orphan') this.orphanDependents(old);
    const marked = markForDeletion(old, opts.gracePeriodSeconds, this.clock.now);
    if (marked === 'already') return deepCopy(old);
    if (!marked) return this.remove(info, key, old);
    this.persist(info, marked, 'put');
    this.watches.notify(kind, 'MODIFIED', marked, old);
    return deepCopy(marked);
  }

  /** Removes a namespace whose content is gone (the namespace controller's finalize call). */
  finalizeNamespace(name: string, from: string): void {
    const info = this.info('Namespace');
    const key = etcdKey(info, undefined, name);
    const old = this.cache.get(key);
    this.note(from, 'PUT', `${restPath(info, undefined, name)}/finalize`);
    if (old) this.remove(info, key, old);
  }

  private remove(info: ResourceInfo, key: string, old: KubeObject): KubeObject {
    this.etcd.delete(key);
    this.cache.remove(info.kind, key, old);
    this.log.add({ t: this.clock.now, from: 'kube-apiserver', to: 'etcd', verb: 'delete', path: key });
    this.watches.observed(info.kind, undefined, old);
    this.watches.notify(info.kind, 'DELETED', old);
    return deepCopy(old);
  }

  private orphanDependents(owner: KubeObject): void {
    for (const [key, o] of this.cache.entries()) {
      if (!o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) continue;
      const obj = deepCopy(o);
      obj.metadata.ownerReferences = obj.metadata.ownerReferences!.filter((r) => r.uid !== owner.metadata.uid);
      if (obj.metadata.ownerReferences.length === 0) delete obj.metadata.ownerReferences;
      const info = this.info(obj.kind);
      void key;
      this.persist(info, obj, 'put');
      this.watches.notify(obj.kind, 'MODIFIED', obj, o);
    }
  }

  get<T extends KubeObject = KubeObject>(kind: Kind, namespace: string | undefined, name: string): T | undefined {
    const info = this.info(kind);
    const obj = this.cache.get(etcdKey(info, info.namespaced ? namespace || 'default' : undefined, name));
    return obj ? (deepCopy(obj) as T) : undefined;
  }

  /** Lists objects of a kind (all namespaces when `namespace` is undefined), in etcd key order. */
  list<T extends KubeObject = KubeObject>(kind: Kind, namespace?: string, selector?: Labels | LabelSelector): T[] {
    const info = this.info(kind);
    const prefix = info.namespaced && namespace ? `${info.etcdPrefix}/${namespace}/` : `${info.etcdPrefix}/`;
    const sel = asLabelSelector(selector);
    // The kind's own slice of the cache, sorted as etcd's range would return it.
    const keys = [...(this.cache.ofKind(info.kind)?.keys() ?? [])].filter((k) => k.startsWith(prefix)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out: T[] = [];
    for (const key of keys) {
      const obj = this.cache.get(key)!;
      if (!sel || selectorMatches(sel, obj.metadata.labels)) out.push(deepCopy(obj) as T);
    }
    return out;
  }

  /** Read-only view without copying, for hot paths inside the engine (never mutate). */
  peekAll(kind: Kind): readonly KubeObject[] {
    const m = this.cache.ofKind(this.info(kind).kind);
    return m ? [...m.values()] : [];
  }

  /** One object without a copy, for hot paths inside the engine (read-only, never mutate). */
  peek<T extends KubeObject = KubeObject>(kind: Kind, namespace: string | undefined, name: string): Readonly<T> | undefined {
    const info = this.info(kind);
    return this.cache.get(etcdKey(info, info.namespaced ? namespace || 'default' : undefined, name)) as T | undefined;
  }

  /** The pods bound to a node, in peekAll's order (read-only, never mutate). */
  peekPodsOn(nodeName: string): readonly Pod[] {
    const pods = this.cache.podsOn(nodeName);
    return pods.length > 0 ? this.sortInStoreOrder(pods) : [];
  }

  /** Changes whenever an object of the kind is written or removed (not an etcd revision: only for caching). */
  kindVersion(kind: Kind): number {
    return this.cache.kindVersion(kind);
  }

  /** Sorts objects of one kind into peekAll's order (the order they entered the store). */
  sortInStoreOrder<T extends KubeObject>(objs: T[]): T[] {
    // A key's etcd create revision is its place in that order (taken when it entered the store).
    const at = (o: KubeObject): number => this.etcd.get(etcdKey(this.info(o.kind), o.metadata.namespace, o.metadata.name))?.createRevision ?? Infinity;
    return objs.sort((a, b) => at(a) - at(b));
  }

  /** The object with this uid, if it is of `kind` (read-only, never mutate). */
  peekByUid<T extends KubeObject = KubeObject>(kind: Kind, uid: string): Readonly<T> | undefined {
    const obj = this.cache.byUid(uid);
    return obj?.kind === kind ? (obj as T) : undefined;
  }

  /**
   * How many objects of a kind in `namespace` have an ownerReference to `uid` and pass `pred`
   * (a pure function of the object; pass the same function each time, it is the count's key).
   */
  ownedCount<T extends KubeObject>(kind: Kind, uid: string, namespace: string | undefined, test: (obj: T) => boolean): number {
    return this.cache.ownedCount(kind, uid, namespace, test as OwnedPredicate);
  }

  /** Changes whenever an object of `kind` owned by `uid` is added, changed or removed (only for caching). */
  ownedVersion(kind: Kind, uid: string): number {
    return this.cache.ownedVersion(kind, uid);
  }

  /** Objects of a kind with an ownerReference to `uid`, in no particular order (read-only, never mutate). */
  peekOwned(kind: Kind, uid: string): readonly KubeObject[] {
    return this.cache.peekOwned(kind, uid);
  }

  /**
   * Calls `fn` at once with every object of `kind` stored from now on (and the one it replaced)
   * or removed. Not a watch: no latency, no message in the log. For an in-process cache that
   * must hold exactly what peekAll would right now (the scheduler's NodeInfos), kept up to
   * date per write instead of rebuilt from a scan of the kind. `fn` must not write.
   */
  observeStore(kind: Kind, fn: StoreObserver): () => void {
    return this.watches.observeStore(kind, fn);
  }

  /** Registers a watch; the returned function ends it (a stopped process closes its watches). */
  watch(kind: Kind, actor: string, handler: WatchHandler, opts: WatchOptions = {}): () => void {
    return this.watches.watch(kind, actor, handler, opts);
  }
}
