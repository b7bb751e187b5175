/** `kubectl describe pod`: the pod, its containers (init first), conditions, volumes, QoS, tolerations and events. */
import type { Container, Pod } from '../../api/types';
import { ageOf, type Kctx } from './context';
import { safeEncode } from '../../controllers/podTemplateHash';
import { fnv1a32 } from '../../sim/hash';
import { qosClass } from '../../kubelet/kubelet';
import { envLines, mountLines, probeLines, volumeLines } from './describeContainer';
import { annotationList, events, labelList, rfc1123, tolerationText, W } from './describeWriter';

/** The projected service-account token volume every pod gets (kube-api-access-xxxxx), named from the pod's uid. */
export function apiAccessVolume(pod: Pod): string {
  return `kube-api-access-${safeEncode(String(fnv1a32(pod.metadata.uid ?? pod.metadata.name))).slice(0, 5)}`;
}

export function containerBlock(_k: Kctx, w: W, c: Container, pod: Pod | undefined, init: boolean, level: number): void {
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

export function describePod(k: Kctx, p: Pod): string {
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
