import type { Clock } from '../sim/clock';
import type { MessageLog } from '../sim/messages';
import type { Prng } from '../sim/prng';
import { isoAt } from '../sim/time';
import { EtcdStore } from '../etcd/store';
import type { Kind, KubeObject, Labels, LabelSelector, Namespace, Pod, Secret, Service, Toleration } from '../api/types';
import { etcdKey, pluralRef, resourceForKind, restPath, type ResourceInfo } from '../api/resources';
import { invalidMessage, selectorMatches, validateObject, type FieldError } from '../api/validation';
import { canonicalJson } from '../sim/hash';
import { ApiError } from './errors';
import { defaultNetworkPolicy } from '../api/networkPolicy';
import { admitNamespace, admitPod, admitQuota, defaultLimitRange, defaultPod, defaultService, type AdmissionView } from './admission';
import { allocateClusterIP, allocateNodePort, usedClusterIPs, usedNodePorts } from './allocators';
import { decodeBase64, encodeBase64 } from './base64';
import { copyKeepingShared, deepCopy } from './copy';
import { internStored } from './intern';
import { flat } from '../sim/flat';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
/** A test on a stored object for ApiServer.ownedCount (read it, never mutate it). */
export type OwnedPredicate = (obj: KubeObject) => boolean;
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

export interface DeleteOptions {
  /** 0 removes a pod at once (--grace-period=0 --force); default: the pod's terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
  /** Orphan leaves the dependents (their ownerReferences are removed); Background lets the GC delete them. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

/** Latencies of the control plane, in simulated ms: small, but enough to see the order. */
export const LATENCY = { request: 2, etcd: 1, watch: 5 };

const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const GENERATION_KINDS = new Set<Kind>(['Deployment', 'ReplicaSet', 'DaemonSet', 'Pod']);
const SELECTOR_IMMUTABLE = new Set<Kind>(['Deployment', 'ReplicaSet', 'DaemonSet']);

/**
 * kube-apiserver: every read and write in the cluster goes through here, and only here is
 * etcd touched. Writes default, validate and admit first and write nothing on error;
 * watchers are notified after the watch latency, so the control-plane flow is visible in
 * the message log.
 */
/**
 * The playground's own safety limits (not Kubernetes'): the Scale tab's biggest cluster — 1,000
 * nodes (scenario LIMITS), 10,000 replicas besides kube-proxy and flannel on every node — and the
 * Events its pods leave (about five each), and no more: past that a browser tab's worker runs
 * out of memory or stops answering for minutes rather than refusing.
 */
export const PLAYGROUND_LIMITS = { objects: 100_000, pods: 12_500 };

/**
 * What each Kubemark hollow node adds to those limits: Kubernetes' envelope is 150,000 pods on
 * 5,000 nodes, 30 a node, and a hollow pod costs a few KB (no sandbox, no network namespace).
 * Its objects: the pod and its Events (about six), the Node, its Lease and theirs.
 */
export const HOLLOW_NODE_ALLOWANCE = { objects: 200, pods: 30 };

export function playgroundPodLimit(hollowNodes: number): number {
  return PLAYGROUND_LIMITS.pods + HOLLOW_NODE_ALLOWANCE.pods * hollowNodes;
}

export function playgroundObjectLimit(hollowNodes: number): number {
  return PLAYGROUND_LIMITS.objects + HOLLOW_NODE_ALLOWANCE.objects * hollowNodes;
}

export class ApiServer {
  readonly etcd = new EtcdStore();
  /** --service-cluster-ip-range; set at bootstrap from the scenario. */
  serviceCIDR = '10.96.0.0/12';
  /** The scenario's Kubemark hollow nodes: each raises the playground's limits (HOLLOW_NODE_ALLOWANCE). */
  hollowNodes = 0;
  /**
   * The playground's own limits (not Kubernetes'): enough for every lesson and far past a
   * laptop cluster, refused with a message that says so rather than freezing the page.
   */
  private admitPlaygroundLimits(obj: KubeObject): void {
    if (this.cache.size >= playgroundObjectLimit(this.hollowNodes)) {
      throw new ApiError(403, 'Forbidden', `the playground holds at most ${playgroundObjectLimit(this.hollowNodes)} objects; delete some before creating ${obj.kind.toLowerCase()} "${obj.metadata.name}"`);
    }
    if (obj.kind === 'Pod' && (this.byKind.get('Pod')?.size ?? 0) >= playgroundPodLimit(this.hollowNodes)) {
      throw new ApiError(403, 'Forbidden', `pods "${obj.metadata.name}" is forbidden: the playground runs at most ${playgroundPodLimit(this.hollowNodes)} pods`);
    }
  }

  /** The watch cache: parsed objects by etcd key, kept in step with etcd. */
  private cache = new Map<string, KubeObject>();
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
  private byUid = new Map<string, KubeObject>();
  /** Open watches by kind, in registration order (the order events reach them). */
  private watchers = new Map<string, Watcher[]>();
  /** Open field-selected watches by kind and node: a pod event looks up its node's, not every kubelet's. */
  private nodeWatchers = new Map<Kind, Map<string, Watcher[]>>();
  private watchSeq = 0;
  /** In-process observers of the watch cache by kind (see observeStore). */
  private storeObservers = new Map<Kind, StoreObserver[]>();
  private readonly view: AdmissionView = { peek: (kind) => this.peekAll(kind) };

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
    this.log.add({ t: this.clock.now, from, to: 'kube-apiserver', verb, path });
  }

  private persist(info: ResourceInfo, obj: KubeObject, verb: string): void {
    const key = etcdKey(info, obj.metadata.namespace, obj.metadata.name);
    // resourceVersion is the etcd revision this write will get.
    obj.metadata.resourceVersion = String(this.etcd.revision + 1);
    // etcd keeps the cached object and makes its JSON when read (see etcd/store.ts): never mutate `obj` from here on.
    internStored(obj);
    this.etcd.put(key, obj);
    const old = this.cache.get(key);
    if (old) this.unindex(key, old);
    this.cache.set(key, obj);
    let kindMap = this.byKind.get(info.kind);
    if (!kindMap) this.byKind.set(info.kind, (kindMap = new Map()));
    this.kindWrites.set(info.kind, (this.kindWrites.get(info.kind) ?? 0) + 1);
    kindMap.set(key, obj);
    if (old?.metadata.uid && old.metadata.uid !== obj.metadata.uid) this.byUid.delete(old.metadata.uid);
    if (obj.metadata.uid && obj.kind !== 'Event') this.byUid.set(obj.metadata.uid, obj);
    if (old) this.unindexNode(key, old);
    this.indexNode(key, obj);
    this.index(key, obj);
    this.log.add({ t: this.clock.now, from: 'kube-apiserver', to: 'etcd', verb, path: key });
    this.observed(info.kind, obj, old);
  }

  /** Tells the store's observers of a change to an object of `kind` (obj undefined: removed). */
  private observed(kind: Kind, obj: KubeObject | undefined, old: KubeObject | undefined): void {
    const fns = this.storeObservers.get(kind);
    if (fns) for (const fn of fns) fn(obj, old);
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

  private invalid(obj: KubeObject, errs: FieldError[]): ApiError {
    return new ApiError(422, 'Invalid', invalidMessage(obj.kind, obj.metadata.name ?? '', errs));
  }

  create<T extends KubeObject>(input: T, from: string): T {
    const info = this.info(input.kind);
    const obj = deepCopy(input);
    obj.apiVersion = info.apiVersion as T['apiVersion'];
    obj.metadata = { ...obj.metadata };
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    const generated = !obj.metadata.name && !!obj.metadata.generateName;
    if (generated) obj.metadata.name = obj.metadata.generateName + this.prng.string(5, NAME_SUFFIX_ALPHABET);
    for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) delete obj.metadata[k];
    this.normalise(obj);
    const errs = validateObject(obj);
    if (errs.length > 0) throw this.invalid(obj, errs);
    const path = restPath(info, obj.metadata.namespace);
    this.note(from, 'POST', path);
    admitNamespace(obj, this.view);
    // A generated name that is taken is generated again (RetryGenerateName, GA in v1.32: up to 7
    // retries), so 150,000 replicas do not fail on the 5-character suffix's birthday collisions.
    for (let retry = 0; retry < 7 && generated && this.cache.has(etcdKey(info, obj.metadata.namespace, obj.metadata.name)); retry++) {
      obj.metadata.name = obj.metadata.generateName + this.prng.string(5, NAME_SUFFIX_ALPHABET);
    }
    if (this.cache.has(etcdKey(info, obj.metadata.namespace, obj.metadata.name))) {
      throw new ApiError(409, 'AlreadyExists', `${pluralRef(info)} "${obj.metadata.name}" already exists`);
    }
    this.admitPlaygroundLimits(obj);
    if (obj.kind === 'Pod') admitPod(obj, this.view);
    if (obj.kind === 'Service') this.allocateService(obj);
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
    if (obj.kind === 'Service' && this.usedIPs?.version === this.kindVersion('Service') - 1) {
      for (const ip of usedClusterIPs([obj as Service])) this.usedIPs.ips.add(ip);
      this.usedIPs.version++;
    }
    this.notify(info.kind, 'ADDED', obj);
    return deepCopy(obj);
  }

  /** The object with the defaults the apiserver would fill in (for `kubectl apply`'s "unchanged"). */
  defaulted<T extends KubeObject>(input: T): T {
    const obj = deepCopy(input);
    try {
      this.normalise(obj);
    } catch {
      return input;
    }
    return obj;
  }

  /** Defaulting and decoding that happen before validation (Secret data, stringData, LimitRange defaults). */
  private normalise(obj: KubeObject): void {
    if (obj.kind === 'Pod' && Array.isArray(obj.spec?.containers)) defaultPod(obj);
    if (obj.kind === 'Secret') {
      const s = obj as Secret;
      s.type ??= 'Opaque';
      for (const [k, v] of Object.entries(s.data ?? {})) {
        if (typeof v !== 'string' || decodeBase64(v) === undefined) {
          throw new ApiError(400, 'BadRequest', `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${firstBadBase64(String(v))}`);
        }
        void k;
      }
      if (s.stringData) {
        s.data = { ...(s.data ?? {}) };
        for (const [k, v] of Object.entries(s.stringData)) s.data[k] = encodeBase64(String(v));
        delete s.stringData;
      }
    }
    if (obj.kind === 'LimitRange' && Array.isArray(obj.spec?.limits)) defaultLimitRange(obj);
    if (obj.kind === 'Service' && obj.spec) defaultService(obj);
    if (obj.kind === 'NetworkPolicy') defaultNetworkPolicy(obj);
    if (obj.kind === 'Deployment' && obj.spec) {
      obj.spec.replicas ??= 1;
      obj.spec.revisionHistoryLimit ??= 10;
      obj.spec.progressDeadlineSeconds ??= 600;
      obj.spec.strategy ??= { type: 'RollingUpdate' };
      obj.spec.strategy.type ??= 'RollingUpdate';
      if (obj.spec.strategy.type === 'RollingUpdate') obj.spec.strategy.rollingUpdate = { maxSurge: '25%', maxUnavailable: '25%', ...(obj.spec.strategy.rollingUpdate ?? {}) };
    }
    if (obj.kind === 'DaemonSet' && obj.spec) {
      obj.spec.updateStrategy ??= { type: 'RollingUpdate' };
      obj.spec.updateStrategy.type ??= 'RollingUpdate';
      if (obj.spec.updateStrategy.type === 'RollingUpdate') obj.spec.updateStrategy.rollingUpdate = { maxUnavailable: 1, maxSurge: 0, ...(obj.spec.updateStrategy.rollingUpdate ?? {}) };
      obj.spec.revisionHistoryLimit ??= 10;
    }
  }

  /** ClusterIPs in use, as of a count of Service writes: a create adds its own, any other write rebuilds (no scan of 10,000 Services per create). */
  private usedIPs?: { version: number; ips: Set<string> };

  private clusterIPsInUse(): Set<string> {
    const version = this.kindVersion('Service');
    if (this.usedIPs?.version !== version) this.usedIPs = { version, ips: usedClusterIPs(this.peekAll('Service') as Service[]) };
    return this.usedIPs.ips;
  }

  private allocateService(svc: Service): void {
    // Only called from create, which refused an existing name first: the others are all Services.
    const services = (): Service[] => (this.peekAll('Service') as Service[]).filter((s) => !(s.metadata.namespace === svc.metadata.namespace && s.metadata.name === svc.metadata.name));
    const errs: FieldError[] = [];
    if (svc.spec.type !== 'ExternalName') {
      if (svc.spec.clusterIP === 'None') svc.spec.clusterIPs = ['None'];
      else {
        const r = allocateClusterIP(this.serviceCIDR, this.clusterIPsInUse(), this.prng, svc.spec.clusterIP || undefined);
        if (r.error) errs.push(r.error);
        else {
          svc.spec.clusterIP = r.ip;
          svc.spec.clusterIPs = [r.ip!];
        }
      }
    }
    if (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') {
      const used = usedNodePorts(services());
      (svc.spec.ports ?? []).forEach((p, i) => {
        const r = allocateNodePort(used, this.prng, `spec.ports[${i}].nodePort`, p.nodePort);
        if (r.error) errs.push(r.error);
        else p.nodePort = r.port;
      });
      if (svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local') {
        // kube-proxy answers the cloud load balancer's health checks on this port.
        const r = allocateNodePort(used, this.prng, 'spec.healthCheckNodePort', svc.spec.healthCheckNodePort);
        if (r.error) errs.push(r.error);
        else svc.spec.healthCheckNodePort = r.port;
      } else delete svc.spec.healthCheckNodePort;
    }
    if (svc.spec.type === 'LoadBalancer') svc.status = { loadBalancer: {} };
    if (errs.length > 0) throw this.invalid(svc, errs);
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
      (obj as { status?: unknown }).status = deepCopy((input as { status?: unknown }).status);
    } else {
      obj = deepCopy(input);
      obj.apiVersion = info.apiVersion as T['apiVersion'];
      obj.metadata = { ...obj.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, namespace: old.metadata.namespace, name: old.metadata.name };
      if (old.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
        obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      }
      if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
      if (subresource !== 'binding') (obj as { status?: unknown }).status = deepCopy((old as { status?: unknown }).status);
      this.normalise(obj);
      const errs = validateObject(obj);
      if (errs.length === 0) errs.push(...this.immutable(old, obj, subresource));
      if (errs.length > 0) throw this.invalid(obj, errs);
      if (obj.kind === 'Service') this.keepServiceAllocations(old as Service, obj);
      if (obj.kind === 'Pod' || obj.kind === 'Service') admitQuota(obj, this.view, old);
      if (GENERATION_KINDS.has(obj.kind) && obj.kind !== 'Pod' && canonicalJson((old as { spec?: unknown }).spec) !== canonicalJson((obj as { spec?: unknown }).spec)) {
        obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
      }
    }
    this.persist(info, obj, 'put');
    this.notify(info.kind, 'MODIFIED', obj, old);
    return deepCopy(obj);
  }

  private keepServiceAllocations(old: Service, svc: Service): void {
    svc.spec.clusterIP ??= old.spec.clusterIP;
    svc.spec.clusterIPs ??= old.spec.clusterIPs;
    const type = svc.spec.type;
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const others = (this.peekAll('Service') as Service[]).filter((s) => s.metadata.uid !== old.metadata.uid);
      const used = usedNodePorts(others);
      const errs: FieldError[] = [];
      (svc.spec.ports ?? []).forEach((p, i) => {
        const was = (old.spec.ports ?? []).find((o) => o.port === p.port && o.protocol === p.protocol)?.nodePort;
        const r = allocateNodePort(used, this.prng, `spec.ports[${i}].nodePort`, p.nodePort ?? was);
        if (r.error) errs.push(r.error);
        else p.nodePort = r.port;
      });
      if (type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local') {
        const r = allocateNodePort(used, this.prng, 'spec.healthCheckNodePort', svc.spec.healthCheckNodePort ?? old.spec.healthCheckNodePort);
        if (r.error) errs.push(r.error);
        else svc.spec.healthCheckNodePort = r.port;
      } else delete svc.spec.healthCheckNodePort;
      if (errs.length > 0) throw this.invalid(svc, errs);
    } else for (const p of svc.spec.ports ?? []) delete p.nodePort;
  }

  /** Fields that may not change after creation. */
  private immutable(old: KubeObject, obj: KubeObject, subresource?: string): FieldError[] {
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

  /**
   * Deletes an object. A pod that runs on a node is only marked (deletionTimestamp) and is
   * removed once its kubelet has stopped it; a namespace goes Terminating until the
   * namespace controller has emptied it.
   */
  delete(kind: Kind, namespace: string | undefined, name: string, from: string, opts: DeleteOptions = {}): KubeObject {
    const info = this.info(kind);
    const ns = info.namespaced ? namespace || 'default' : undefined;
    const key = etcdKey(info, ns, name);
    this.note(from, 'DELETE', restPath(info, ns, name));
    const old = this.cache.get(key);
    if (!old) throw new ApiError(404, 'NotFound', `${pluralRef(info)} "${name}" not found`);
    if (opts.propagationPolicy === 'Orphan') this.orphanDependents(old);
    if (old.kind === 'Pod') {
      const grace = opts.gracePeriodSeconds ?? old.spec.terminationGracePeriodSeconds ?? 30;
      if (old.spec.nodeName && grace > 0 && !isTerminal(old)) {
        if (old.metadata.deletionTimestamp) return deepCopy(old);
        const obj = deepCopy(old);
        obj.metadata.deletionTimestamp = isoAt(this.clock.now + grace * 1000);
        obj.metadata.deletionGracePeriodSeconds = grace;
        this.persist(info, obj, 'put');
        this.notify(kind, 'MODIFIED', obj, old);
        return deepCopy(obj);
      }
    }
    if (old.kind === 'Namespace' && (old.spec?.finalizers ?? []).length > 0) {
      if (old.status?.phase === 'Terminating') return deepCopy(old);
      const obj = deepCopy(old) as Namespace;
      obj.metadata.deletionTimestamp = isoAt(this.clock.now);
      obj.status = { phase: 'Terminating' };
      this.persist(info, obj, 'put');
      this.notify(kind, 'MODIFIED', obj, old);
      return deepCopy(obj);
    }
    return this.remove(info, key, old);
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
    this.cache.delete(key);
    this.byKind.get(info.kind)?.delete(key);
    this.kindWrites.set(info.kind, (this.kindWrites.get(info.kind) ?? 0) + 1);
    if (old.metadata.uid && this.byUid.get(old.metadata.uid) === old) this.byUid.delete(old.metadata.uid);
    this.unindexNode(key, old);
    this.unindex(key, old);
    this.log.add({ t: this.clock.now, from: 'kube-apiserver', to: 'etcd', verb: 'delete', path: key });
    this.observed(info.kind, undefined, old);
    this.notify(info.kind, 'DELETED', old);
    return deepCopy(old);
  }

  private orphanDependents(owner: KubeObject): void {
    for (const [key, o] of this.cache) {
      if (!o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) continue;
      const obj = deepCopy(o);
      obj.metadata.ownerReferences = obj.metadata.ownerReferences!.filter((r) => r.uid !== owner.metadata.uid);
      if (obj.metadata.ownerReferences.length === 0) delete obj.metadata.ownerReferences;
      const info = this.info(obj.kind);
      void key;
      this.persist(info, obj, 'put');
      this.notify(obj.kind, 'MODIFIED', obj, o);
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
    const sel: LabelSelector | undefined = selector && ('matchLabels' in selector || 'matchExpressions' in selector) ? (selector as LabelSelector) : selector ? { matchLabels: selector as Labels } : undefined;
    // The kind's own slice of the cache, sorted as etcd's range would return it.
    const keys = [...(this.byKind.get(info.kind)?.keys() ?? [])].filter((k) => k.startsWith(prefix)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out: T[] = [];
    for (const key of keys) {
      const obj = this.cache.get(key)!;
      if (!sel || selectorMatches(sel, obj.metadata.labels)) out.push(deepCopy(obj) as T);
    }
    return out;
  }

  /** Read-only view without copying, for hot paths inside the engine (never mutate). */
  peekAll(kind: Kind): readonly KubeObject[] {
    const m = this.byKind.get(this.info(kind).kind);
    return m ? [...m.values()] : [];
  }

  /** One object without a copy, for hot paths inside the engine (read-only, never mutate). */
  peek<T extends KubeObject = KubeObject>(kind: Kind, namespace: string | undefined, name: string): Readonly<T> | undefined {
    const info = this.info(kind);
    return this.cache.get(etcdKey(info, info.namespaced ? namespace || 'default' : undefined, name)) as T | undefined;
  }

  /** The pods bound to a node, in peekAll's order (read-only, never mutate). */
  peekPodsOn(nodeName: string): readonly Pod[] {
    const m = this.podsByNode.get(nodeName);
    return m ? this.sortInStoreOrder([...m.values()]) : [];
  }

  /** Changes whenever an object of the kind is written or removed (not an etcd revision: only for caching). */
  kindVersion(kind: Kind): number {
    return this.kindWrites.get(kind) ?? 0;
  }

  /** Sorts objects of one kind into peekAll's order (the order they entered the store). */
  sortInStoreOrder<T extends KubeObject>(objs: T[]): T[] {
    // A key's etcd create revision is its place in that order (taken when it entered the store).
    const at = (o: KubeObject): number => this.etcd.get(etcdKey(this.info(o.kind), o.metadata.namespace, o.metadata.name))?.createRevision ?? Infinity;
    return objs.sort((a, b) => at(a) - at(b));
  }

  /** The object with this uid, if it is of `kind` (read-only, never mutate). */
  peekByUid<T extends KubeObject = KubeObject>(kind: Kind, uid: string): Readonly<T> | undefined {
    const obj = this.byUid.get(uid);
    return obj?.kind === kind ? (obj as T) : undefined;
  }

  /**
   * How many objects of a kind in `namespace` have an ownerReference to `uid` and pass `pred`
   * (a pure function of the object; pass the same function each time, it is the count's key).
   */
  ownedCount<T extends KubeObject>(kind: Kind, uid: string, namespace: string | undefined, test: (obj: T) => boolean): number {
    const pred = test as OwnedPredicate;
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

  /**
   * Calls `fn` at once with every object of `kind` stored from now on (and the one it replaced)
   * or removed. Not a watch: no latency, no message in the log. For an in-process cache that
   * must hold exactly what peekAll would right now (the scheduler's NodeInfos), kept up to
   * date per write instead of rebuilt from a scan of the kind. `fn` must not write.
   */
  observeStore(kind: Kind, fn: StoreObserver): () => void {
    this.storeObservers.set(kind, [...(this.storeObservers.get(kind) ?? []), fn]);
    return () => this.storeObservers.set(kind, (this.storeObservers.get(kind) ?? []).filter((f) => f !== fn));
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
  private notify(kind: Kind, type: WatchEventType, obj: KubeObject, old?: KubeObject): void {
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

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function goSelector(s: LabelSelector): string {
  const ml = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `"${k}":"${v}"`).join(', ');
  return `v1.LabelSelector{MatchLabels:map[string]string{${ml}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
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

function firstBadBase64(s: string): number {
  const i = s.search(/[^A-Za-z0-9+/=]/);
  return i >= 0 ? i : s.length;
}

/** A random (version 4 style) UID drawn from the seeded PRNG. */
export function uuid(prng: Prng): string {
  const h = prng.hex(16);
  // Flat: as a template literal of slices it was a ~390-byte rope, on every object (and every Event).
  return flat(`${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`);
}

/** Whether an object matches a plain label map (a selector given as key=value pairs). */
export function matchesLabels(labels: Labels | undefined, selector: Labels | undefined): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if ((labels ?? {})[k] !== v) return false;
  return true;
}
