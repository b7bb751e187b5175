/** kubectl's table printers (pkg/printers/internalversion): the columns of `kubectl get` per kind. */
import type {
  ConfigMap,
  DaemonSet,
  Deployment,
  EndpointSlice,
  Endpoints,
  KubeEvent,
  KubeObject,
  Lease,
  LimitRange,
  Namespace,
  NetworkPolicy,
  ClusterRoleBinding,
  Node,
  Pod,
  PriorityClass,
  ReplicaSet,
  ResourceQuota,
  Secret,
  Service,
} from '../../api/types';
import { simMsOf } from '../../sim/time';
import { selectorText } from './selector';
import { age, ageOf, type Kctx } from './context';
import { scalingTable } from './autoscale';
import { storageTable } from '../../api/storage';
import { INGRESS_CLASS_HEADER, INGRESS_HEADER, ingressClassRow, ingressRow } from '../../ingress/kubectl';
import type { Ingress, IngressClass } from '../../ingress/types';

export interface Table {
  header: string[];
  rows: string[][];
}

/** kubectl's STATUS column for a pod (printPod). */
export function podStatus(p: Pod): string {
  let reason: string = p.status?.reason ?? p.status?.phase ?? 'Pending';
  const inits = p.spec.initContainers ?? [];
  let initializing = false;
  if (inits.length > 0 && p.spec.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') {
    const st = p.status?.initContainerStatuses ?? [];
    for (let i = 0; i < inits.length; i++) {
      const s = st.find((x) => x.name === inits[i].name);
      const term = s?.state.terminated;
      if (term && term.exitCode === 0) continue;
      initializing = true;
      if (term) reason = `Init:${term.reason || `ExitCode:${term.exitCode}`}`;
      else if (s?.state.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') reason = `Init:${s.state.waiting.reason}`;
      else reason = `Init:${i}/${inits.length}`;
      break;
    }
  }
  if (!initializing) {
    let hasRunning = false;
    const cs = p.status?.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const s = cs[i];
      if (s.state.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state.terminated) reason = s.state.terminated.reason || `ExitCode:${s.state.terminated.exitCode}`;
      else if (s.state.running && s.ready) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }
  if (p.metadata.deletionTimestamp) reason = p.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

export function podReady(p: Pod): string {
  const cs = p.status?.containerStatuses ?? [];
  return `${cs.filter((c) => c.ready).length}/${p.spec.containers.length}`;
}

export function podRestarts(k: Kctx, p: Pod): string {
  const cs = p.status?.containerStatuses ?? [];
  const n = cs.reduce((s, c) => s + c.restartCount, 0);
  const last = cs.map((c) => c.lastState?.terminated?.finishedAt).filter((x): x is string => !!x).sort().pop();
  return last && n > 0 ? `${n} (${ageOf(k.env.ctx.clock.now, last)} ago)` : String(n);
}

export function labelsText(o: KubeObject): string {
  const l = Object.entries(o.metadata.labels ?? {});
  return l.length === 0 ? '<none>' : l.map(([k, v]) => `${k}=${v}`).join(',');
}

function nodeStatus(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return (ready === 'True' ? 'Ready' : ready === 'Unknown' ? 'NotReady' : 'NotReady') + (n.spec.unschedulable ? ',SchedulingDisabled' : '');
}

function nodeRoles(n: Node): string {
  return (
    Object.keys(n.metadata.labels ?? {})
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.split('/')[1])
      .sort()
      .join(',') || '<none>'
  );
}

function containersAndImages(spec: Pod['spec']): [string, string] {
  return [spec.containers.map((c) => c.name).join(','), spec.containers.map((c) => c.image).join(',')];
}

export function servicePorts(s: Service): string {
  const ports = s.spec.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function externalIP(s: Service): string {
  const type = s.spec.type ?? 'ClusterIP';
  const ext = s.spec.externalIPs ?? [];
  if (type === 'ExternalName') return s.spec.externalName ?? '<none>';
  if (type === 'LoadBalancer') {
    const ing = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '');
    const all = [...ing, ...ext];
    return all.length > 0 ? all.join(',') : '<pending>';
  }
  return ext.length > 0 ? ext.join(',') : '<none>';
}

/** "10.244.1.2:80,10.244.2.2:80 + 1 more..." (at most three shown). */
export function endpointsText(e: Endpoints): string {
  const list: string[] = [];
  let total = 0;
  for (const s of e.subsets ?? []) {
    for (const a of s.addresses ?? []) {
      for (const p of s.ports ?? [{ port: 0 }]) {
        total++;
        if (list.length < 3) list.push(p.port ? `${a.ip}:${p.port}` : a.ip);
      }
    }
  }
  if (total === 0) return '<none>';
  return total > 3 ? `${list.join(',')} + ${total - 3} more...` : list.join(',');
}

function sliceEndpoints(s: EndpointSlice): string {
  const all = (s.endpoints ?? []).flatMap((e) => e.addresses);
  if (all.length === 0) return '<unset>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

function slicePorts(s: EndpointSlice): string {
  const ps = (s.ports ?? []).map((p) => (p.port === undefined ? '' : String(p.port))).filter(Boolean);
  return ps.length === 0 ? '<unset>' : ps.join(',');
}

function quotaColumns(q: ResourceQuota): [string, string] {
  const hard = q.status?.hard ?? q.spec.hard ?? {};
  const used = q.status?.used ?? {};
  const req: string[] = [];
  const lim: string[] = [];
  for (const k of Object.keys(hard).sort()) {
    const s = `${k}: ${used[k] ?? '0'}/${hard[k]}`;
    if (k.startsWith('limits.')) lim.push(s);
    else req.push(s);
  }
  return [req.join(', '), lim.join(', ')];
}

function eventObject(e: KubeEvent): string {
  return `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`;
}

export function sortEvents(evs: KubeEvent[]): KubeEvent[] {
  return [...evs].sort((a, b) => {
    const ta = simMsOf(a.lastTimestamp);
    const tb = simMsOf(b.lastTimestamp);
    return ta - tb || Number(a.metadata.resourceVersion ?? 0) - Number(b.metadata.resourceVersion ?? 0);
  });
}

/** The table of `kubectl get` for one kind (without the NAMESPACE / LABELS columns). */
export function printTable(k: Kctx, kind: KubeObject['kind'], items: KubeObject[], wide: boolean): Table {
  const now = k.env.ctx.clock.now;
  switch (kind) {
    case 'Pod': {
      const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
      if (wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
      const rows = (items as Pod[]).map((p) => {
        const r = [p.metadata.name, podReady(p), podStatus(p), podRestarts(k, p), age(k, p)];
        if (wide) r.push(p.status?.podIP ?? '<none>', p.spec.nodeName ?? '<none>', p.status?.nominatedNodeName ?? '<none>', '<none>');
        return r;
      });
      return { header, rows };
    }
    case 'Node': {
      const header = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
      if (wide) header.push('INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME');
      const rows = (items as Node[]).map((n) => {
        const info = n.status?.nodeInfo;
        const r = [n.metadata.name, nodeStatus(n), nodeRoles(n), age(k, n), info?.kubeletVersion ?? ''];
        if (wide) {
          const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '<none>';
          const ext = n.status?.addresses?.find((a) => a.type === 'ExternalIP')?.address ?? '<none>';
          r.push(ip, ext, info?.osImage ?? '', info?.kernelVersion ?? '', info?.containerRuntimeVersion ?? '');
        }
        return r;
      });
      return { header, rows };
    }
    case 'Deployment': {
      const header = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];
      if (wide) header.push('CONTAINERS', 'IMAGES', 'SELECTOR');
      const rows = (items as Deployment[]).map((d) => {
        const r = [d.metadata.name, `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(d.status?.updatedReplicas ?? 0), String(d.status?.availableReplicas ?? 0), age(k, d)];
        if (wide) r.push(...containersAndImages(d.spec.template.spec), selectorText(d.spec.selector));
        return r;
      });
      return { header, rows };
    }
    case 'ReplicaSet': {
      const header = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'];
      if (wide) header.push('CONTAINERS', 'IMAGES', 'SELECTOR');
      const rows = (items as ReplicaSet[]).map((rs) => {
        const r = [rs.metadata.name, String(rs.spec.replicas ?? 1), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), age(k, rs)];
        if (wide) r.push(...containersAndImages(rs.spec.template.spec), selectorText(rs.spec.selector));
        return r;
      });
      return { header, rows };
    }
    case 'DaemonSet': {
      const header = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'];
      if (wide) header.push('CONTAINERS', 'IMAGES', 'SELECTOR');
      const rows = (items as DaemonSet[]).map((ds) => {
        const s = ds.status;
        const sel = Object.entries(ds.spec.template.spec.nodeSelector ?? {}).map(([a, b]) => `${a}=${b}`).join(',') || '<none>';
        const r = [ds.metadata.name, String(s?.desiredNumberScheduled ?? 0), String(s?.currentNumberScheduled ?? 0), String(s?.numberReady ?? 0), String(s?.updatedNumberScheduled ?? 0), String(s?.numberAvailable ?? 0), sel, age(k, ds)];
        if (wide) r.push(...containersAndImages(ds.spec.template.spec), selectorText(ds.spec.selector));
        return r;
      });
      return { header, rows };
    }
    case 'Service': {
      const header = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'];
      if (wide) header.push('SELECTOR');
      const rows = (items as Service[]).map((s) => {
        const r = [s.metadata.name, s.spec.type ?? 'ClusterIP', s.spec.type === 'ExternalName' ? '<none>' : (s.spec.clusterIP ?? '<none>'), externalIP(s), servicePorts(s), age(k, s)];
        if (wide) r.push(selectorText(s.spec.selector));
        return r;
      });
      return { header, rows };
    }
    case 'Endpoints':
      return { header: ['NAME', 'ENDPOINTS', 'AGE'], rows: (items as Endpoints[]).map((e) => [e.metadata.name, endpointsText(e), age(k, e)]) };
    case 'EndpointSlice':
      return { header: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], rows: (items as EndpointSlice[]).map((s) => [s.metadata.name, s.addressType, slicePorts(s), sliceEndpoints(s), age(k, s)]) };
    case 'ConfigMap':
      return { header: ['NAME', 'DATA', 'AGE'], rows: (items as ConfigMap[]).map((c) => [c.metadata.name, String(Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length), age(k, c)]) };
    case 'Secret':
      return { header: ['NAME', 'TYPE', 'DATA', 'AGE'], rows: (items as Secret[]).map((s) => [s.metadata.name, s.type ?? 'Opaque', String(Object.keys(s.data ?? {}).length), age(k, s)]) };
    case 'ResourceQuota':
      return { header: ['NAME', 'AGE', 'REQUEST', 'LIMIT'], rows: (items as ResourceQuota[]).map((q) => [q.metadata.name, age(k, q), ...quotaColumns(q)]) };
    case 'LimitRange':
      return { header: ['NAME', 'CREATED AT'], rows: (items as LimitRange[]).map((l) => [l.metadata.name, l.metadata.creationTimestamp ?? '']) };
    case 'PriorityClass':
      return {
        header: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
        rows: (items as PriorityClass[]).map((c) => [c.metadata.name, String(c.value), String(c.globalDefault ?? false), age(k, c), c.preemptionPolicy ?? 'PreemptLowerPriority']),
      };
    case 'NetworkPolicy':
      return { header: ['NAME', 'POD-SELECTOR', 'AGE'], rows: (items as NetworkPolicy[]).map((n) => [n.metadata.name, selectorText(n.spec.podSelector), age(k, n)]) };
    case 'Ingress':
      return { header: [...INGRESS_HEADER, 'AGE'], rows: (items as Ingress[]).map((i) => [...ingressRow(i), age(k, i)]) };
    case 'IngressClass':
      return { header: [...INGRESS_CLASS_HEADER, 'AGE'], rows: (items as IngressClass[]).map((c) => [...ingressClassRow(c), age(k, c)]) };
    case 'ServiceAccount':
      return { header: ['NAME', 'SECRETS', 'AGE'], rows: items.map((o) => [o.metadata.name, '0', age(k, o)]) };
    case 'ClusterRole':
      return { header: ['NAME', 'CREATED AT'], rows: items.map((o) => [o.metadata.name, o.metadata.creationTimestamp ?? '']) };
    case 'ClusterRoleBinding':
      return { header: ['NAME', 'ROLE', 'AGE'], rows: (items as ClusterRoleBinding[]).map((b) => [b.metadata.name, `${b.roleRef.kind}/${b.roleRef.name}`, age(k, b)]) };
    case 'HorizontalPodAutoscaler':
    case 'PodDisruptionBudget':
      return scalingTable(k, kind, items);
    case 'PersistentVolume':
    case 'PersistentVolumeClaim':
    case 'StorageClass':
      return storageTable(kind, items, (o) => age(k, o));
    case 'Lease':
      return { header: ['NAME', 'HOLDER', 'AGE'], rows: (items as Lease[]).map((l) => [l.metadata.name, l.spec.holderIdentity ?? '', age(k, l)]) };
    case 'Namespace':
      return { header: ['NAME', 'STATUS', 'AGE'], rows: (items as Namespace[]).map((n) => [n.metadata.name, n.status?.phase ?? 'Active', age(k, n)]) };
    case 'Event':
      // -o wide adds kubectl's SUBOBJECT (the involved fieldPath), SOURCE, FIRST SEEN, COUNT and NAME.
      return wide
        ? {
            header: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
            rows: sortEvents(items as KubeEvent[]).map((e) => [ageOf(now, e.lastTimestamp), e.type, e.reason, eventObject(e), '', e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component, e.message, ageOf(now, e.firstTimestamp), String(e.count), e.metadata.name]),
          }
        : {
            header: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
            rows: sortEvents(items as KubeEvent[]).map((e) => [ageOf(now, e.lastTimestamp), e.type, e.reason, eventObject(e), e.message]),
          };
    default:
      return { header: ['NAME', 'AGE'], rows: items.map((o) => [o.metadata.name, age(k, o)]) };
  }
}
