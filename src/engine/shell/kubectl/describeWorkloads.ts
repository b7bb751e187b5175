/** `kubectl describe` for Deployments, ReplicaSets and DaemonSets: the pod template, rollout state and events. */
import type { DaemonSet, Deployment, Pod, ReplicaSet } from '../../api/types';
import type { Kctx } from './context';
import { selectorText } from './selector';
import { annotationList, events, labelList, rfc1123, tolerationText, W } from './describeWriter';
import { containerBlock } from './describePod';

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

export function describeDeployment(k: Kctx, d: Deployment): string {
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

export function describeReplicaSet(k: Kctx, rs: ReplicaSet): string {
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

export function describeDaemonSet(k: Kctx, ds: DaemonSet): string {
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
