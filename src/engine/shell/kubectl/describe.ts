/** kubectl describe: pod, node, deployment, replicaset, service and a generic view, with Events at the bottom. */
import type { ConfigMap, Container, DaemonSet, Deployment, EndpointSlice, KubeEvent, KubeObject, Lease, Namespace, Node, Pod, ReplicaSet, ResourceQuota, Service, Taint, Toleration } from '../../api/types';
import { pluralRef, resourceForName, type ResourceInfo } from '../../api/resources';
import { bytes, formatBytes, formatMilliCpu, milliCpu } from '../../api/quantity';
import { LAST_APPLIED } from '../../apiserver/apply';
import { ApiError } from '../../apiserver/errors';
import { fail, ok, type CommandResult } from '../types';
import { ageOf, type Kctx } from './context';
import { podStatus, sortEvents } from './printers';
import { parseSelector, selectorText } from './selector';
import { tabwrite } from './tabwriter';
import { safeEncode } from '../../controllers/podTemplateHash';
import { fnv1a32 } from '../../sim/hash';
import { goTime, networkPolicySpecLines } from './describeNetpol';
import { qosClass } from '../../kubelet/kubelet';
import { describeHpa, describePdb } from './describeScaling';
import { envLines, mountLines, probeLines, volumeLines } from './describeContainer';
import { describeIngressLines } from '../../ingress/kubectl';

export const DESCRIBE_FLAGS = { value: ['selector'], bool: ['show-events'], short: { l: 'selector' } };

/** RFC 1123 with numeric zone, as describe prints times: Mon, 05 Jan 2026 09:00:01 +0000. */
export function rfc1123(iso: string | undefined): string {
  if (!iso) return '<unset>';
  const d = new Date(Date.parse(iso));
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]}, ${String(d.getUTCDate()).padStart(2, '0')} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)} +0000`;
}

export class W {
  lines: string[] = [];
  line(level: number, ...cells: string[]): void {
    this.lines.push('  '.repeat(level) + cells.join('\t'));
  }
  /** A map printed one entry per line, the first beside the title. */
  multi(level: number, title: string, entries: string[]): void {
    if (entries.length === 0) {
      this.line(level, `${title}:`, '<none>');
      return;
    }
    this.line(level, `${title}:`, entries[0]);
    for (const e of entries.slice(1)) this.line(level, '', e);
  }
  text(): string {
    return tabwrite(this.lines.join('\n'));
  }
}

const labelList = (l: Record<string, string> | undefined): string[] => Object.entries(l ?? {}).sort().map(([k, v]) => `${k}=${v}`);
const annotationList = (a: Record<string, string> | undefined): string[] =>
  Object.entries(a ?? {})
    .filter(([k]) => k !== LAST_APPLIED)
    .sort()
    .map(([k, v]) => `${k}: ${v}`);

export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

export function tolerationText(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += ' op=Exists';
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s || ' op=Exists';
}

export function events(k: Kctx, obj: KubeObject, w: W): void {
  const evs = sortEvents(
    (k.env.ctx.api.peekAll('Event') as KubeEvent[]).filter(
      (e) => (e.involvedObject.uid && e.involvedObject.uid === obj.metadata.uid) || (!e.involvedObject.uid && e.involvedObject.kind === obj.kind && e.involvedObject.name === obj.metadata.name),
    ),
  );
  if (evs.length === 0) {
    w.line(0, 'Events:', '<none>');
    return;
  }
  w.line(0, 'Events:');
  w.line(1, 'Type', 'Reason', 'Age', 'From', 'Message');
  w.line(1, '----', '------', '----', '----', '-------');
  const now = k.env.ctx.clock.now;
  for (const e of evs) {
    const when = e.count > 1 ? `${ageOf(now, e.lastTimestamp)} (x${e.count} over ${ageOf(now, e.firstTimestamp)})` : ageOf(now, e.firstTimestamp);
    w.line(1, e.type, e.reason, when, e.source.component, e.message);
  }
}

/** The projected service-account token volume every pod gets (kube-api-access-xxxxx), named from the pod's uid. */
export function apiAccessVolume(pod: Pod): string {
  return `kube-api-access-${safeEncode(String(fnv1a32(pod.metadata.uid ?? pod.metadata.name))).slice(0, 5)}`;
}

function containerBlock(_k: Kctx, w: W, c: Container, pod: Pod | undefined, init: boolean, level: number): void {
  const st = (init ? pod?.status?.initContainerStatuses : pod?.status?.containerStatuses)?.find((s) => s.name === c.name);
  w.line(level, `${c.name}:`);
  const l = level + 1;
  if (pod) w.line(l, 'Container ID:', st?.containerID ?? '');
  w.line(l, 'Image:', c.image);
  if (pod) w.line(l, 'Image ID:', st?.imageID ?? '');
  const ports = c.ports ?? [];
  if (ports.length === 0) {
    w.line(l, 'Port:', '<none>');
    w.line(l, 'Host Port:', '<none>');
  } else {
    w.line(l, ports.length > 1 ? 'Ports:' : 'Port:', ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', '));
    w.line(l, ports.length > 1 ? 'Host Ports:' : 'Host Port:', ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', '));
  }
  if (c.command) {
    w.line(l, 'Command:');
    for (const x of c.command) w.line(l + 1, x);
  }
  if (c.args) {
    w.line(l, 'Args:');
    for (const x of c.args) w.line(l + 1, x);
  }
  if (pod) {
    const s = st?.state ?? { waiting: { reason: 'Pending' } };
    if (s.running) {
      w.line(l, 'State:', 'Running');
      w.line(l + 1, 'Started:', rfc1123(s.running.startedAt));
    } else if (s.terminated) {
      w.line(l, 'State:', 'Terminated');
      w.line(l + 1, 'Reason:', s.terminated.reason);
      w.line(l + 1, 'Exit Code:', String(s.terminated.exitCode));
      if (s.terminated.startedAt) w.line(l + 1, 'Started:', rfc1123(s.terminated.startedAt));
      w.line(l + 1, 'Finished:', rfc1123(s.terminated.finishedAt));
    } else {
      w.line(l, 'State:', 'Waiting');
      w.line(l + 1, 'Reason:', s.waiting?.reason ?? '');
    }
    const last = st?.lastState?.terminated;
    if (last) {
      w.line(l, 'Last State:', 'Terminated');
      w.line(l + 1, 'Reason:', last.reason);
      w.line(l + 1, 'Exit Code:', String(last.exitCode));
    }
    w.line(l, 'Ready:', st?.ready ? 'True' : 'False');
    w.line(l, 'Restart Count:', String(st?.restartCount ?? 0));
  }
  const lim = Object.entries(c.resources?.limits ?? {});
  const req = Object.entries(c.resources?.requests ?? {});
  if (lim.length > 0) {
    w.line(l, 'Limits:');
    for (const [a, b] of lim) w.line(l + 1, `${a}:`, b);
  }
  if (req.length > 0) {
    w.line(l, 'Requests:');
    for (const [a, b] of req) w.line(l + 1, `${a}:`, b);
  }
  const line = (lv: number, ...cells: string[]): void => w.line(lv, ...cells);
  probeLines(line, l, c);
  envLines(line, l, c);
  if (pod) {
    w.line(l, 'Mounts:');
    mountLines(line, l + 1, c);
    w.line(l + 1, `/var/run/secrets/kubernetes.io/serviceaccount from ${apiAccessVolume(pod)} (ro)`);
  } else w.line(l, 'Mounts:', '<none>');
}

function describePod(k: Kctx, p: Pod): string {
  const w = new W();
  const node = p.spec.nodeName ? `${p.spec.nodeName}/${p.status?.hostIP ?? ''}` : '<none>';
  w.line(0, 'Name:', p.metadata.name);
  w.line(0, 'Namespace:', p.metadata.namespace ?? '');
  w.line(0, 'Priority:', String(p.spec.priority ?? 0));
  if (p.spec.priorityClassName) w.line(0, 'Priority Class Name:', p.spec.priorityClassName);
  w.line(0, 'Service Account:', p.spec.serviceAccountName ?? 'default');
  w.line(0, 'Node:', node);
  if (p.status?.startTime) w.line(0, 'Start Time:', rfc1123(p.status.startTime));
  w.multi(0, 'Labels', labelList(p.metadata.labels));
  w.multi(0, 'Annotations', annotationList(p.metadata.annotations));
  const status = p.metadata.deletionTimestamp ? 'Terminating' : p.status?.phase ?? 'Pending';
  w.line(0, 'Status:', status === 'Terminating' ? `Terminating (lasts ${ageOf(k.env.ctx.clock.now, p.metadata.deletionTimestamp)})` : status);
  if (p.metadata.deletionTimestamp) w.line(0, 'Termination Grace Period:', `${p.metadata.deletionGracePeriodSeconds ?? 30}s`);
  if (p.status?.reason) w.line(0, 'Reason:', p.status.reason);
  if (p.status?.message) w.line(0, 'Message:', p.status.message);
  w.line(0, 'IP:', p.status?.podIP ?? '');
  w.line(0, 'IPs:', ...(p.status?.podIPs?.length ? [] : ['<none>']));
  for (const ip of p.status?.podIPs ?? []) w.line(1, 'IP:', ip.ip);
  const owner = p.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
  if (p.status?.nominatedNodeName) w.line(0, 'NominatedNodeName:', p.status.nominatedNodeName);
  if (p.spec.initContainers?.length) {
    w.line(0, 'Init Containers:');
    for (const c of p.spec.initContainers) containerBlock(k, w, c, p, true, 1);
  }
  w.line(0, 'Containers:');
  for (const c of p.spec.containers) containerBlock(k, w, c, p, false, 1);
  const conds = p.status?.conditions ?? [];
  if (conds.length > 0) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type ', 'Status');
    for (const c of conds) w.line(1, `${c.type} `, `${c.status} `);
  }
  w.line(0, 'Volumes:');
  volumeLines((lv, ...cells) => w.line(lv, ...cells), p);
  w.line(1, `${apiAccessVolume(p)}:`);
  w.line(2, 'Type:', 'Projected (a volume that contains injected data from multiple sources)');
  w.line(2, 'TokenExpirationSeconds:', '3607');
  w.line(2, 'ConfigMapName:', 'kube-root-ca.crt');
  w.line(2, 'Optional:', 'false');
  w.line(2, 'DownwardAPI:', 'true');
  // The apiserver fills status.qosClass at creation; a pod no kubelet has seen yet still has one.
  w.line(0, 'QoS Class:', p.status?.qosClass ?? qosClass(p));
  w.multi(0, 'Node-Selectors', labelList(p.spec.nodeSelector));
  w.multi(0, 'Tolerations', (p.spec.tolerations ?? []).map(tolerationText));
  events(k, p, w);
  return w.text();
}


function percent(used: number, total: number): string {
  return total === 0 ? '0%' : `${Math.trunc((used * 100) / total)}%`;
}

function describeNode(k: Kctx, n: Node): string {
  const w = new W();
  const roles = Object.keys(n.metadata.labels ?? {}).filter((x) => x.startsWith('node-role.kubernetes.io/')).map((x) => x.split('/')[1]).join(',') || '<none>';
  w.line(0, 'Name:', n.metadata.name);
  w.line(0, 'Roles:', roles);
  w.multi(0, 'Labels', labelList(n.metadata.labels));
  w.multi(0, 'Annotations', annotationList(n.metadata.annotations));
  w.line(0, 'CreationTimestamp:', rfc1123(n.metadata.creationTimestamp));
  w.multi(0, 'Taints', (n.spec.taints ?? []).map(taintText));
  w.line(0, 'Unschedulable:', String(!!n.spec.unschedulable));
  const lease = k.env.ctx.api.get<Lease>('Lease', 'kube-node-lease', n.metadata.name);
  w.line(0, 'Lease:');
  w.line(1, 'HolderIdentity:', lease?.spec.holderIdentity ?? '<unset>');
  w.line(1, 'AcquireTime:', lease?.spec.acquireTime ? rfc1123(lease.spec.acquireTime) : '<unset>');
  w.line(1, 'RenewTime:', lease?.spec.renewTime ? rfc1123(lease.spec.renewTime) : '<unset>');
  w.line(0, 'Conditions:');
  w.line(1, 'Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message');
  w.line(1, '----', '------', '-----------------', '------------------', '------', '-------');
  for (const c of n.status?.conditions ?? []) w.line(1, `${c.type} `, `${c.status} `, `${rfc1123(c.lastHeartbeatTime)} `, `${rfc1123(c.lastTransitionTime)} `, `${c.reason ?? ''} `, c.message ?? '');
  w.line(0, 'Addresses:');
  for (const a of n.status?.addresses ?? []) w.line(1, `${a.type}:`, a.address);
  for (const [title, res] of [['Capacity', n.status?.capacity], ['Allocatable', n.status?.allocatable]] as const) {
    w.line(0, `${title}:`);
    for (const [a, b] of Object.entries(res ?? {})) w.line(1, `${a}:`, b);
  }
  const info = n.status?.nodeInfo;
  w.line(0, 'System Info:');
  w.line(1, 'Kernel Version:', info?.kernelVersion ?? '');
  w.line(1, 'OS Image:', info?.osImage ?? '');
  w.line(1, 'Operating System:', info?.operatingSystem ?? '');
  w.line(1, 'Architecture:', info?.architecture ?? '');
  w.line(1, 'Container Runtime Version:', info?.containerRuntimeVersion ?? '');
  w.line(1, 'Kubelet Version:', info?.kubeletVersion ?? '');
  w.line(1, 'Kube-Proxy Version:', '');
  if (n.spec.podCIDR) {
    w.line(0, 'PodCIDR:', n.spec.podCIDR);
    w.line(0, 'PodCIDRs:', (n.spec.podCIDRs ?? [n.spec.podCIDR]).join(','));
  }
  const pods = (k.env.ctx.api.list<Pod>('Pod')).filter((p) => p.spec.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc = { cpu: milliCpu(n.status?.allocatable?.cpu), memory: bytes(n.status?.allocatable?.memory) };
  const sum = (p: Pod, part: 'requests' | 'limits', r: 'cpu' | 'memory'): number => p.spec.containers.reduce((s, c) => s + (r === 'cpu' ? milliCpu(c.resources?.[part]?.cpu) : bytes(c.resources?.[part]?.memory)), 0);
  w.line(0, 'Non-terminated Pods:', `(${pods.length} in total)`);
  w.line(1, 'Namespace', 'Name', '', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age');
  w.line(1, '---------', '----', '', '------------', '----------', '---------------', '-------------', '---');
  const tot = { rc: 0, lc: 0, rm: 0, lm: 0 };
  for (const p of pods) {
    const rc = sum(p, 'requests', 'cpu');
    const lc = sum(p, 'limits', 'cpu');
    const rm = sum(p, 'requests', 'memory');
    const lm = sum(p, 'limits', 'memory');
    tot.rc += rc;
    tot.lc += lc;
    tot.rm += rm;
    tot.lm += lm;
    w.line(1, p.metadata.namespace ?? '', p.metadata.name, '', `${formatMilliCpu(rc)} (${percent(rc, alloc.cpu)})`, `${formatMilliCpu(lc)} (${percent(lc, alloc.cpu)})`, `${formatBytes(rm)} (${percent(rm, alloc.memory)})`, `${formatBytes(lm)} (${percent(lm, alloc.memory)})`, ageOf(k.env.ctx.clock.now, p.metadata.creationTimestamp));
  }
  w.line(0, 'Allocated resources:');
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(1, 'Resource', 'Requests', 'Limits');
  w.line(1, '--------', '--------', '------');
  w.line(1, 'cpu', `${formatMilliCpu(tot.rc)} (${percent(tot.rc, alloc.cpu)})`, `${formatMilliCpu(tot.lc)} (${percent(tot.lc, alloc.cpu)})`);
  w.line(1, 'memory', `${formatBytes(tot.rm)} (${percent(tot.rm, alloc.memory)})`, `${formatBytes(tot.lm)} (${percent(tot.lm, alloc.memory)})`);
  w.line(1, 'ephemeral-storage', '0 (0%)', '0 (0%)');
  w.line(1, 'hugepages-1Gi', '0 (0%)', '0 (0%)');
  w.line(1, 'hugepages-2Mi', '0 (0%)', '0 (0%)');
  events(k, n, w);
  return w.text();
}

function podTemplate(k: Kctx, w: W, t: Deployment['spec']['template']): void {
  w.line(0, 'Pod Template:');
  w.multi(1, 'Labels', labelList(t.metadata?.labels));
  if (t.metadata?.annotations) w.multi(1, 'Annotations', annotationList(t.metadata.annotations));
  if (t.spec.initContainers?.length) {
    w.line(1, 'Init Containers:');
    for (const c of t.spec.initContainers) containerBlock(k, w, c, undefined, true, 1);
  }
  w.line(1, 'Containers:');
  for (const c of t.spec.containers) {
    const before = w.lines.length;
    containerBlock(k, w, c, undefined, false, 1);
    // describe writes a template container's name with three spaces, its fields with four.
    w.lines[before] = ` ${w.lines[before]}`;
  }
  w.line(1, 'Volumes:', '<none>');
  w.multi(1, 'Node-Selectors', labelList(t.spec.nodeSelector));
  w.multi(1, 'Tolerations', (t.spec.tolerations ?? []).map(tolerationText));
}

function rsSummary(rs: ReplicaSet): string {
  return `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`;
}

function describeDeployment(k: Kctx, d: Deployment): string {
  const w = new W();
  const s = d.status ?? {};
  w.line(0, 'Name:', d.metadata.name);
  w.line(0, 'Namespace:', d.metadata.namespace ?? '');
  w.line(0, 'CreationTimestamp:', rfc1123(d.metadata.creationTimestamp));
  w.multi(0, 'Labels', labelList(d.metadata.labels));
  w.multi(0, 'Annotations', annotationList(d.metadata.annotations));
  w.line(0, 'Selector:', selectorText(d.spec.selector));
  w.line(0, 'Replicas:', `${d.spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`);
  w.line(0, 'StrategyType:', d.spec.strategy?.type ?? 'RollingUpdate');
  w.line(0, 'MinReadySeconds:', String(d.spec.minReadySeconds ?? 0));
  const ru = d.spec.strategy?.rollingUpdate;
  if ((d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate') w.line(0, 'RollingUpdateStrategy:', `${ru?.maxUnavailable ?? '25%'} max unavailable, ${ru?.maxSurge ?? '25%'} max surge`);
  podTemplate(k, w, d.spec.template);
  if (s.conditions?.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status', 'Reason');
    w.line(1, '----', '------', '------');
    for (const c of s.conditions) w.line(1, c.type, c.status, c.reason ?? '');
  }
  const rss = k.env.ctx.api.list<ReplicaSet>('ReplicaSet', d.metadata.namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
  const rev = d.metadata.annotations?.['deployment.kubernetes.io/revision'];
  const newRS = rss.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev);
  const olds = rss.filter((rs) => rs !== newRS && ((rs.spec.replicas ?? 0) > 0 || (rs.status?.replicas ?? 0) > 0));
  w.line(0, 'OldReplicaSets:', olds.length > 0 ? olds.map(rsSummary).join(', ') : '<none>');
  w.line(0, 'NewReplicaSet:', newRS ? rsSummary(newRS) : '<none>');
  events(k, d, w);
  return w.text();
}

function podsStatus(k: Kctx, ns: string, uid: string | undefined): string {
  const pods = k.env.ctx.api.list<Pod>('Pod', ns).filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === uid));
  const c = (ph: string): number => pods.filter((p) => (p.status?.phase ?? 'Pending') === ph).length;
  return `${c('Running')} Running / ${c('Pending')} Waiting / ${c('Succeeded')} Succeeded / ${c('Failed')} Failed`;
}

function describeReplicaSet(k: Kctx, rs: ReplicaSet): string {
  const w = new W();
  w.line(0, 'Name:', rs.metadata.name);
  w.line(0, 'Namespace:', rs.metadata.namespace ?? '');
  w.line(0, 'Selector:', selectorText(rs.spec.selector));
  w.multi(0, 'Labels', labelList(rs.metadata.labels));
  w.multi(0, 'Annotations', annotationList(rs.metadata.annotations));
  const owner = rs.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
  w.line(0, 'Replicas:', `${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 0} desired`);
  w.line(0, 'Pods Status:', podsStatus(k, rs.metadata.namespace!, rs.metadata.uid));
  podTemplate(k, w, rs.spec.template);
  events(k, rs, w);
  return w.text();
}

function describeDaemonSet(k: Kctx, ds: DaemonSet): string {
  const w = new W();
  const s = ds.status;
  w.line(0, 'Name:', ds.metadata.name);
  w.line(0, 'Namespace:', ds.metadata.namespace ?? '');
  w.line(0, 'Selector:', selectorText(ds.spec.selector));
  w.line(0, 'Node-Selector:', labelList(ds.spec.template.spec.nodeSelector).join(',') || '<none>');
  w.multi(0, 'Labels', labelList(ds.metadata.labels));
  w.multi(0, 'Annotations', annotationList(ds.metadata.annotations));
  w.line(0, 'Desired Number of Nodes Scheduled:', String(s?.desiredNumberScheduled ?? 0));
  w.line(0, 'Current Number of Nodes Scheduled:', String(s?.currentNumberScheduled ?? 0));
  w.line(0, 'Number of Nodes Scheduled with Up-to-date Pods:', String(s?.updatedNumberScheduled ?? 0));
  w.line(0, 'Number of Nodes Scheduled with Available Pods:', String(s?.numberAvailable ?? 0));
  w.line(0, 'Number of Nodes Misscheduled:', String(s?.numberMisscheduled ?? 0));
  w.line(0, 'Pods Status:', podsStatus(k, ds.metadata.namespace!, ds.metadata.uid));
  podTemplate(k, w, ds.spec.template);
  events(k, ds, w);
  return w.text();
}

function describeService(k: Kctx, s: Service): string {
  const w = new W();
  w.line(0, 'Name:', s.metadata.name);
  w.line(0, 'Namespace:', s.metadata.namespace ?? '');
  w.multi(0, 'Labels', labelList(s.metadata.labels));
  w.multi(0, 'Annotations', annotationList(s.metadata.annotations));
  w.line(0, 'Selector:', selectorText(s.spec.selector));
  w.line(0, 'Type:', s.spec.type ?? 'ClusterIP');
  if (s.spec.type === 'ExternalName') w.line(0, 'External Name:', s.spec.externalName ?? '');
  else {
    w.line(0, 'IP Family Policy:', s.spec.ipFamilyPolicy ?? 'SingleStack');
    w.line(0, 'IP Families:', (s.spec.ipFamilies ?? ['IPv4']).join(','));
    w.line(0, 'IP:', s.spec.clusterIP ?? '');
    w.line(0, 'IPs:', (s.spec.clusterIPs ?? []).join(','));
  }
  if (s.spec.externalIPs?.length) w.line(0, 'External IPs:', s.spec.externalIPs.join(','));
  if (s.spec.type === 'LoadBalancer') w.line(0, 'LoadBalancer Ingress:', (s.status?.loadBalancer.ingress ?? []).map((i) => i.ip ?? i.hostname).join(', '));
  const slices = (k.env.ctx.api.peekAll('EndpointSlice') as EndpointSlice[]).filter((x) => x.metadata.namespace === s.metadata.namespace && x.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name);
  for (const p of s.spec.ports ?? []) {
    const name = p.name || '<unset>';
    w.line(0, 'Port:', `${name}  ${p.port}/${p.protocol ?? 'TCP'}`);
    w.line(0, 'TargetPort:', `${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) w.line(0, 'NodePort:', `${name}  ${p.nodePort}/${p.protocol ?? 'TCP'}`);
    const eps: string[] = [];
    for (const sl of slices) {
      const sp = sl.ports?.find((x) => (x.name ?? '') === (p.name ?? ''));
      for (const e of sl.endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses) eps.push(sp?.port ? `${a}:${sp.port}` : a);
    }
    w.line(0, 'Endpoints:', eps.join(','));
  }
  w.line(0, 'Session Affinity:', s.spec.sessionAffinity ?? 'None');
  if (s.spec.externalTrafficPolicy) w.line(0, 'External Traffic Policy:', s.spec.externalTrafficPolicy);
  if (s.spec.internalTrafficPolicy) w.line(0, 'Internal Traffic Policy:', s.spec.internalTrafficPolicy);
  if (s.spec.healthCheckNodePort) w.line(0, 'HealthCheck NodePort:', String(s.spec.healthCheckNodePort));
  events(k, s, w);
  return w.text();
}

function describeGeneric(k: Kctx, o: KubeObject): string {
  const w = new W();
  w.line(0, 'Name:', o.metadata.name);
  if (o.metadata.namespace) w.line(0, 'Namespace:', o.metadata.namespace);
  w.multi(0, 'Labels', labelList(o.metadata.labels));
  w.multi(0, 'Annotations', annotationList(o.metadata.annotations));
  if (o.kind === 'Namespace') w.line(0, 'Status:', (o as Namespace).status?.phase ?? 'Active');
  if (o.kind === 'NetworkPolicy') {
    w.lines.splice(2, 0, `Created on:\t${goTime(o.metadata.creationTimestamp)}`);
    w.lines.push(...networkPolicySpecLines(o));
  }
  if (o.kind === 'ResourceQuota') {
    const q = o as ResourceQuota;
    w.line(0, 'Resource', 'Used', 'Hard');
    w.line(0, '--------', '----', '----');
    for (const r of Object.keys(q.spec.hard ?? {}).sort()) w.line(0, r, q.status?.used?.[r] ?? '0', q.spec.hard![r]);
  }
  if (o.kind === 'ConfigMap') {
    const c = o as ConfigMap;
    w.lines.push('', 'Data', '====');
    for (const [key, v] of Object.entries(c.data ?? {})) w.lines.push(`${key}:`, '----', v.replace(/\n$/, ''), '');
    w.lines.push('', 'BinaryData', '====', '');
  }
  if (o.kind === 'Lease') {
    const l = o as Lease;
    w.line(0, 'Holder Identity:', l.spec.holderIdentity ?? '');
    w.line(0, 'Lease Duration Seconds:', String(l.spec.leaseDurationSeconds ?? ''));
    w.line(0, 'Renew Time:', l.spec.renewTime ?? '<unset>');
  }
  // kubectl's NetworkPolicy describer prints no Events section.
  if (o.kind !== 'NetworkPolicy') events(k, o, w);
  return w.text();
}

function describeOne(k: Kctx, o: KubeObject): string {
  switch (o.kind) {
    case 'Pod':
      return describePod(k, o);
    case 'Node':
      return describeNode(k, o);
    case 'Deployment':
      return describeDeployment(k, o);
    case 'ReplicaSet':
      return describeReplicaSet(k, o);
    case 'DaemonSet':
      return describeDaemonSet(k, o);
    case 'Service':
      return describeService(k, o);
    case 'HorizontalPodAutoscaler':
      return describeHpa(k, o);
    case 'PodDisruptionBudget':
      return describePdb(k, o);
    case 'Ingress': {
      const w = new W();
      w.lines.push(...describeIngressLines(k.env.ctx, o));
      events(k, o, w);
      return w.text();
    }
    default:
      return describeGeneric(k, o);
  }
}

export function describe(k: Kctx): CommandResult {
  const args = k.p.positional;
  if (args.length === 0) return fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples");
  const targets: { info: ResourceInfo; name?: string }[] = [];
  if (args[0].includes('/')) {
    for (const a of args) {
      const [t, n] = a.split('/');
      const info = resourceForName(t);
      if (!info) return fail(`error: the server doesn't have a resource type "${t}"`);
      targets.push({ info, name: n });
    }
  } else {
    const info = resourceForName(args[0]);
    if (!info) return fail(`error: the server doesn't have a resource type "${args[0]}"`);
    if (args.length === 1) targets.push({ info });
    for (const n of args.slice(1)) targets.push({ info, name: n });
  }
  const out: string[] = [];
  const errors: string[] = [];
  for (const t of targets) {
    const ns = t.info.namespaced ? k.namespace : undefined;
    if (t.name) {
      const o = k.env.ctx.api.get(t.info.kind, ns, t.name);
      // describe also accepts a name prefix: `kubectl describe pod web` shows every web-... pod.
      const found = o ? [o] : k.env.ctx.api.list(t.info.kind, ns).filter((x) => x.metadata.name.startsWith(t.name!));
      if (found.length === 0) errors.push(new ApiError(404, 'NotFound', `${pluralRef(t.info)} "${t.name}" not found`).kubectlLine());
      for (const f of found) out.push(describeOne(k, f));
    } else {
      const sel = k.p.flags.get('selector');
      const parsed = sel ? parseSelector(sel) : undefined;
      if (typeof parsed === 'string') return fail(parsed);
      const items = k.env.ctx.api.list(t.info.kind, k.allNamespaces ? undefined : ns, parsed);
      if (items.length === 0 && out.length === 0) return ok(t.info.namespaced && !k.allNamespaces ? `No resources found in ${k.namespace} namespace.` : 'No resources found');
      for (const o of items) out.push(describeOne(k, o));
    }
  }
  const text = [out.join('\n\n\n'), ...errors].filter(Boolean).join('\n');
  return { out: text, code: errors.length > 0 ? 1 : 0 };
}

export { podStatus };
