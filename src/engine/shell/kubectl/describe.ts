/** kubectl describe: pod, node, deployment, replicaset, service and a generic view, with Events at the bottom. */
import type { ConfigMap, EndpointSlice, KubeObject, Lease, Namespace, ResourceQuota, Service } from '../../api/types';
import { pluralRef, resourceForName, type ResourceInfo } from '../../api/resources';
import { ApiError } from '../../apiserver/errors';
import { fail, ok, type CommandResult } from '../types';
import type { Kctx } from './context';
import { podStatus } from './printers';
import { parseSelector, selectorText } from './selector';
import { goTime, networkPolicySpecLines } from './describeNetpol';
import { describeHpa, describePdb } from './describeScaling';
import { describeIngressLines } from '../../ingress/kubectl';
import { annotationList, events, labelList, W } from './describeWriter';
import { describePod } from './describePod';
import { describeNode } from './describeNode';
import { describeDaemonSet, describeDeployment, describeReplicaSet } from './describeWorkloads';

export const DESCRIBE_FLAGS = { value: ['selector'], bool: ['show-events'], short: { l: 'selector' } };

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
