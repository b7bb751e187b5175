/** `kubectl describe node`: addresses, capacity, conditions, the pods on the node and their allocated resources. */
import type { Lease, Node, Pod } from '../../api/types';
import { bytes, formatBytes, formatMilliCpu, milliCpu } from '../../api/quantity';
import { ageOf, type Kctx } from './context';
import { annotationList, events, labelList, rfc1123, taintText, W } from './describeWriter';

function percent(used: number, total: number): string {
  return total === 0 ? '0%' : `${Math.trunc((used * 100) / total)}%`;
}

export function describeNode(k: Kctx, n: Node): string {
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
