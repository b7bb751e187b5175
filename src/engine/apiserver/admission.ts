/**
 * Admission, in the order the apiserver runs the plugins that matter here: NamespaceLifecycle,
 * LimitRanger (defaults, then min/max), Priority, DefaultTolerationSeconds, and last
 * ResourceQuota. A plugin that refuses throws the apiserver's Forbidden error; nothing is
 * written in that case.
 */
import type { Container, KubeObject, LimitRange, Namespace, Pod, PriorityClass, ResourceQuota, Service, Toleration } from '../api/types';
import { amount, formatAmount } from '../api/quantity';
import { pluralRef, resourceForKind } from '../api/resources';
import { ApiError } from './errors';

export interface AdmissionView {
  /** Live objects of a kind (no copies: read only). */
  peek(kind: KubeObject['kind']): readonly KubeObject[];
}

function forbidden(obj: KubeObject, msg: string): ApiError {
  const info = resourceForKind(obj.kind)!;
  return new ApiError(403, 'Forbidden', `${pluralRef(info)} "${obj.metadata.name}" is forbidden: ${msg}`);
}

/** NamespaceLifecycle: no new content in a missing or terminating namespace. */
export function admitNamespace(obj: KubeObject, view: AdmissionView): void {
  const info = resourceForKind(obj.kind)!;
  if (!info.namespaced) return;
  const ns = view.peek('Namespace').find((n) => n.metadata.name === obj.metadata.namespace) as Namespace | undefined;
  if (!ns) throw new ApiError(404, 'NotFound', `namespaces "${obj.metadata.namespace}" not found`);
  if (ns.status?.phase === 'Terminating' && obj.kind !== 'Event') {
    throw forbidden(obj, `unable to create new content in namespace ${ns.metadata.name} because it is being terminated`);
  }
}

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

/** The pod defaults the apiserver fills in (SetDefaults_Pod and friends). */
export function defaultPod(pod: Pod): void {
  const s = pod.spec;
  s.restartPolicy ??= 'Always';
  s.dnsPolicy ??= 'ClusterFirst';
  s.schedulerName ??= 'default-scheduler';
  s.terminationGracePeriodSeconds ??= 30;
  s.serviceAccountName ??= 'default';
  for (const c of [...s.containers, ...(s.initContainers ?? [])]) {
    // A limit without a request: the request defaults to the limit.
    const lim = c.resources?.limits;
    if (lim) {
      c.resources = { ...c.resources, requests: { ...lim, ...(c.resources?.requests ?? {}) } };
    }
    for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  }
}

/** LimitRange defaulting (SetDefaults_LimitRangeItem): max → default → defaultRequest, min → defaultRequest. */
export function defaultLimitRange(lr: LimitRange): void {
  for (const item of lr.spec.limits ?? []) {
    if (item.type !== 'Container') continue;
    item.default = { ...(item.default ?? {}) };
    item.defaultRequest = { ...(item.defaultRequest ?? {}) };
    for (const [k, v] of Object.entries(item.max ?? {})) item.default[k] ??= v;
    for (const [k, v] of Object.entries(item.default)) item.defaultRequest[k] ??= v;
    for (const [k, v] of Object.entries(item.min ?? {})) item.defaultRequest[k] ??= v;
    if (Object.keys(item.default).length === 0) delete item.default;
    if (Object.keys(item.defaultRequest).length === 0) delete item.defaultRequest;
  }
}

function admitLimitRanges(pod: Pod, view: AdmissionView): void {
  const ranges = (view.peek('LimitRange') as LimitRange[]).filter((l) => l.metadata.namespace === pod.metadata.namespace).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const problems: string[] = [];
  for (const lr of ranges) {
    for (const item of lr.spec.limits ?? []) {
      if (item.type !== 'Container') continue;
      const all: Container[] = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
      for (const c of all) {
        const requests = { ...(item.defaultRequest ?? {}), ...(c.resources?.requests ?? {}) };
        const limits = { ...(item.default ?? {}), ...(c.resources?.limits ?? {}) };
        if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) {
          c.resources = {};
          if (Object.keys(requests).length > 0) c.resources.requests = requests;
          if (Object.keys(limits).length > 0) c.resources.limits = limits;
        }
        for (const [r, min] of Object.entries(item.min ?? {})) {
          const req = requests[r];
          if (req === undefined) problems.push(`minimum ${r} usage per Container is ${min}.  No request is specified`);
          else if (amount(r, req) < amount(r, min)) problems.push(`minimum ${r} usage per Container is ${min}, but request is ${req}`);
        }
        for (const [r, max] of Object.entries(item.max ?? {})) {
          const lim = limits[r];
          if (lim === undefined) problems.push(`maximum ${r} usage per Container is ${max}.  No limit is specified`);
          else if (amount(r, lim) > amount(r, max)) problems.push(`maximum ${r} usage per Container is ${max}, but limit is ${lim}`);
        }
      }
    }
  }
  if (problems.length > 0) throw forbidden(pod, problems.join(', '));
}

function admitPriority(pod: Pod, view: AdmissionView): void {
  const classes = view.peek('PriorityClass') as PriorityClass[];
  const name = pod.spec.priorityClassName;
  let pc: PriorityClass | undefined;
  if (name) {
    pc = classes.find((c) => c.metadata.name === name);
    if (!pc) throw forbidden(pod, `no PriorityClass with name ${name} was found`);
  } else {
    pc = classes.find((c) => c.globalDefault);
    if (pc) pod.spec.priorityClassName = pc.metadata.name;
  }
  const value = pc?.value ?? 0;
  if (pod.spec.priority !== undefined && pod.spec.priority !== value) {
    throw forbidden(pod, 'the integer value of priority (' + pod.spec.priority + ') must not be provided in pod spec; priority admission controller computed ' + value + ' from the given PriorityClass name');
  }
  pod.spec.priority = value;
  pod.spec.preemptionPolicy = pc?.preemptionPolicy ?? pod.spec.preemptionPolicy ?? 'PreemptLowerPriority';
}

function tolerates(tols: Toleration[], key: string): boolean {
  return tols.some((t) => (t.effect === undefined || t.effect === 'NoExecute') && ((t.operator === 'Exists' && (!t.key || t.key === key)) || t.key === key));
}

/** DefaultTolerationSeconds: every pod tolerates not-ready and unreachable for 300 s. */
function admitDefaultTolerations(pod: Pod): void {
  const tols = pod.spec.tolerations ?? [];
  for (const key of [TAINT_NOT_READY, TAINT_UNREACHABLE]) {
    if (!tolerates(tols, key)) tols.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  pod.spec.tolerations = tols;
}

/** A terminal pod (Succeeded/Failed) or one being deleted no longer counts against quota. */
function counts(pod: Pod): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

function containerSum(pod: Pod, part: 'requests' | 'limits', r: string): number {
  let sum = 0;
  for (const c of pod.spec.containers) sum += amount(r, c.resources?.[part]?.[r]);
  for (const c of pod.spec.initContainers ?? []) sum = Math.max(sum, amount(r, c.resources?.[part]?.[r]));
  return sum;
}

/** What one object uses of a quota resource name (0 when it does not count). */
export function usage(obj: KubeObject, resource: string): number {
  const info = resourceForKind(obj.kind)!;
  const group = info.apiVersion.includes('/') ? `.${info.apiVersion.split('/')[0]}` : '';
  if (resource === `count/${info.plural}${group}`) return obj.kind === 'Pod' && !counts(obj) ? 0 : 1;
  switch (obj.kind) {
    case 'Pod': {
      if (!counts(obj)) return 0;
      if (resource === 'pods') return 1;
      const m = /^(requests|limits)\.(cpu|memory|ephemeral-storage)$/.exec(resource);
      if (m) return containerSum(obj, m[1] as 'requests' | 'limits', m[2]);
      if (resource === 'cpu' || resource === 'memory' || resource === 'ephemeral-storage') return containerSum(obj, 'requests', resource);
      return 0;
    }
    case 'Service':
      if (resource === 'services') return 1;
      if (resource === 'services.nodeports') return obj.spec.type === 'NodePort' || obj.spec.type === 'LoadBalancer' ? (obj.spec.ports ?? []).length : 0;
      if (resource === 'services.loadbalancers') return obj.spec.type === 'LoadBalancer' ? 1 : 0;
      return 0;
    case 'ConfigMap':
      return resource === 'configmaps' ? 1 : 0;
    case 'Secret':
      return resource === 'secrets' ? 1 : 0;
    case 'ResourceQuota':
      return resource === 'resourcequotas' ? 1 : 0;
    default:
      return 0;
  }
}

/** The quota's used amounts, recomputed from the live objects of its namespace. */
export function quotaUsed(q: ResourceQuota, view: AdmissionView): Record<string, number> {
  const used: Record<string, number> = {};
  const kinds: KubeObject['kind'][] = ['Pod', 'Service', 'ConfigMap', 'Secret', 'ResourceQuota', 'Deployment', 'ReplicaSet', 'DaemonSet'];
  for (const r of Object.keys(q.spec.hard ?? {})) used[r] = 0;
  for (const kind of kinds) {
    for (const o of view.peek(kind)) {
      if (o.metadata.namespace !== q.metadata.namespace) continue;
      for (const r of Object.keys(used)) used[r] += usage(o, r);
    }
  }
  return used;
}

const pretty = (m: [string, string][]): string => m.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');

/** ResourceQuota admission: refuses an object that would take a namespace over its quota. */
export function admitQuota(obj: KubeObject, view: AdmissionView, old?: KubeObject): void {
  const quotas = (view.peek('ResourceQuota') as ResourceQuota[]).filter((q) => q.metadata.namespace === obj.metadata.namespace).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const q of quotas) {
    const hard = q.spec.hard ?? {};
    if (obj.kind === 'Pod') {
      const missing: string[] = [];
      for (const r of Object.keys(hard).sort()) {
        const m = /^(requests|limits)\.(cpu|memory)$/.exec(r) ?? (/^(cpu|memory)$/.exec(r) ? ['', 'requests', r] : null);
        if (!m) continue;
        const lacking = obj.spec.containers.filter((c) => c.resources?.[m[1] as 'requests' | 'limits']?.[m[2]] === undefined).map((c) => c.name);
        if (lacking.length > 0) missing.push(`${r} for: ${lacking.join(',')}`);
      }
      if (missing.length > 0) throw forbidden(obj, `failed quota: ${q.metadata.name}: must specify ${missing.join('; ')}`);
    }
    const used = quotaUsed(q, view);
    const requested: [string, string][] = [];
    const usedOut: [string, string][] = [];
    const limited: [string, string][] = [];
    for (const [r, h] of Object.entries(hard)) {
      const want = usage(obj, r) - (old ? usage(old, r) : 0);
      if (want <= 0) continue;
      const limit = amount(r, h);
      if (used[r] + want > limit) {
        requested.push([r, formatAmount(r, want)]);
        usedOut.push([r, formatAmount(r, used[r])]);
        limited.push([r, h]);
      }
    }
    if (requested.length > 0) {
      throw forbidden(obj, `exceeded quota: ${q.metadata.name}, requested: ${pretty(requested)}, used: ${pretty(usedOut)}, limited: ${pretty(limited)}`);
    }
  }
}

/** The pod admission chain (mutating plugins, then validating ones). */
export function admitPod(pod: Pod, view: AdmissionView): void {
  defaultPod(pod);
  admitLimitRanges(pod, view);
  admitPriority(pod, view);
  admitDefaultTolerations(pod);
}

/** Service defaults: type ClusterIP, protocol TCP, targetPort = port. */
export function defaultService(svc: Service): void {
  svc.spec.type ??= 'ClusterIP';
  svc.spec.sessionAffinity ??= 'None';
  if (svc.spec.sessionAffinity === 'ClientIP') svc.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800 } };
  if (svc.spec.type !== 'ExternalName') {
    svc.spec.ipFamilies ??= ['IPv4'];
    svc.spec.ipFamilyPolicy ??= 'SingleStack';
    svc.spec.internalTrafficPolicy ??= 'Cluster';
  }
  if (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') svc.spec.externalTrafficPolicy ??= 'Cluster';
  for (const p of svc.spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
}
