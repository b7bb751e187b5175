/** kubectl: `get` for pods, nodes, deployments, replicasets and events, in kubectl's formats. */
import type { Deployment, KubeEvent, KubeObject, Node, Pod, ReplicaSet } from '../api/types';
import { resourceForName } from '../api/resources';
import { toYaml } from '../api/manifest';
import { ApiError } from '../apiserver/errors';
import { humanDuration, simMsOf } from '../sim/time';
import { table } from './table';
import { fail, ok, type Command, type ShellEnv } from './types';

interface GetFlags {
  output?: string;
  namespace: string;
  allNamespaces: boolean;
  selector?: Record<string, string>;
  showLabels: boolean;
  noHeaders: boolean;
  names: string[];
}

function parseFlags(args: string[]): GetFlags | string {
  const f: GetFlags = { namespace: 'default', allNamespaces: false, showLabels: false, noHeaders: false, names: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = (): string | undefined => (a.includes('=') ? a.split('=').slice(1).join('=') : args[++i]);
    if (a === '-o' || a.startsWith('--output') || a.startsWith('-o')) {
      const v = a === '-o' || a === '--output' ? args[++i] : a.startsWith('-o=') ? a.slice(3) : a.startsWith('-o') ? a.slice(2) : val();
      if (!v || !['wide', 'yaml', 'json', 'name'].includes(v)) return `error: unable to match a printer suitable for the output format "${v ?? ''}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`;
      f.output = v;
    } else if (a === '-n' || a.startsWith('--namespace')) {
      const v = a === '-n' || a === '--namespace' ? args[++i] : val();
      if (!v) return 'error: flag needs an argument: \'n\' in -n';
      f.namespace = v;
    } else if (a === '-A' || a === '--all-namespaces') f.allNamespaces = true;
    else if (a === '-l' || a.startsWith('--selector')) {
      const v = a === '-l' || a === '--selector' ? args[++i] : val();
      if (!v) return "error: flag needs an argument: 'l' in -l";
      f.selector = Object.fromEntries(v.split(',').map((kv) => kv.split('=') as [string, string]));
    } else if (a === '--show-labels') f.showLabels = true;
    else if (a === '--no-headers') f.noHeaders = true;
    else if (a.startsWith('-')) return `error: unknown flag: ${a.split('=')[0]}\nSee 'kubectl get --help' for usage.`;
    else f.names.push(a);
  }
  return f;
}

function age(env: ShellEnv, obj: KubeObject): string {
  return humanDuration(env.ctx.clock.now - simMsOf(obj.metadata.creationTimestamp!));
}

/** kubectl's STATUS column for a pod. */
export function podStatus(p: Pod): string {
  const init = p.status?.initContainerStatuses ?? [];
  const initTotal = p.spec.initContainers?.length ?? 0;
  const initDone = init.filter((s) => s.state.terminated?.exitCode === 0).length;
  if (initTotal > 0 && initDone < initTotal && p.status?.podIP) return `Init:${initDone}/${initTotal}`;
  const waiting = p.status?.containerStatuses?.find((s) => s.state.waiting)?.state.waiting?.reason;
  if (waiting) return waiting;
  return p.status?.phase ?? 'Pending';
}

export function podReady(p: Pod): string {
  const cs = p.status?.containerStatuses ?? [];
  return `${cs.filter((c) => c.ready).length}/${p.spec.containers.length}`;
}

function labelsText(o: KubeObject): string {
  const l = Object.entries(o.metadata.labels ?? {});
  return l.length === 0 ? '<none>' : l.map(([k, v]) => `${k}=${v}`).join(',');
}

function podRows(env: ShellEnv, pods: Pod[], f: GetFlags): string {
  const wide = f.output === 'wide';
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  if (f.allNamespaces) header.unshift('NAMESPACE');
  if (f.showLabels) header.push('LABELS');
  const rows = pods.map((p) => {
    const restarts = (p.status?.containerStatuses ?? []).reduce((s, c) => s + c.restartCount, 0);
    const r = [p.metadata.name, podReady(p), podStatus(p), String(restarts), age(env, p)];
    if (wide) r.push(p.status?.podIP ?? '<none>', p.spec.nodeName ?? '<none>', '<none>', '<none>');
    if (f.allNamespaces) r.unshift(p.metadata.namespace!);
    if (f.showLabels) r.push(labelsText(p));
    return r;
  });
  return table(header, rows);
}

function nodeRows(env: ShellEnv, nodes: Node[], f: GetFlags): string {
  const wide = f.output === 'wide';
  const header = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
  if (wide) header.push('INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME');
  if (f.showLabels) header.push('LABELS');
  const rows = nodes.map((n) => {
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const status = (ready ? 'Ready' : 'NotReady') + (n.spec.unschedulable ? ',SchedulingDisabled' : '');
    const roles = Object.keys(n.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.split('/')[1]).join(',') || '<none>';
    const info = n.status?.nodeInfo;
    const r = [n.metadata.name, status, roles, age(env, n), info?.kubeletVersion ?? ''];
    if (wide) {
      const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '<none>';
      r.push(ip, '<none>', info?.osImage ?? '', info?.kernelVersion ?? '', info?.containerRuntimeVersion ?? '');
    }
    if (f.showLabels) r.push(labelsText(n));
    return r;
  });
  return table(header, rows);
}

function deploymentRows(env: ShellEnv, ds: Deployment[], f: GetFlags): string {
  const header = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];
  if (f.allNamespaces) header.unshift('NAMESPACE');
  const rows = ds.map((d) => {
    const r = [d.metadata.name, `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(d.status?.updatedReplicas ?? 0), String(d.status?.availableReplicas ?? 0), age(env, d)];
    if (f.allNamespaces) r.unshift(d.metadata.namespace!);
    return r;
  });
  return table(header, rows);
}

function replicaSetRows(env: ShellEnv, rss: ReplicaSet[], f: GetFlags): string {
  const header = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'];
  if (f.allNamespaces) header.unshift('NAMESPACE');
  const rows = rss.map((rs) => {
    const r = [rs.metadata.name, String(rs.spec.replicas ?? 1), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), age(env, rs)];
    if (f.allNamespaces) r.unshift(rs.metadata.namespace!);
    return r;
  });
  return table(header, rows);
}

function eventRows(env: ShellEnv, evs: KubeEvent[], f: GetFlags): string {
  const header = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  if (f.allNamespaces) header.unshift('NAMESPACE');
  const rows = evs
    .sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0))
    .map((e) => {
      const r = [humanDuration(env.ctx.clock.now - simMsOf(e.lastTimestamp)), e.type, e.reason, `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`, e.message];
      if (f.allNamespaces) r.unshift(e.metadata.namespace!);
      return r;
    });
  return table(header, rows);
}

function get(args: string[], env: ShellEnv): ReturnType<Command> {
  const f = parseFlags(args);
  if (typeof f === 'string') return fail(f);
  const [typeName, ...names] = f.names;
  if (!typeName) {
    return fail('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples');
  }
  const [kindName, slashName] = typeName.split('/');
  const info = resourceForName(kindName);
  if (!info) return fail(`error: the server doesn't have a resource type "${kindName}"`);
  if (slashName) names.push(slashName);
  const ns = info.namespaced ? (f.allNamespaces ? undefined : f.namespace) : undefined;
  let items: KubeObject[];
  if (names.length > 0) {
    items = [];
    const errors: string[] = [];
    for (const n of names) {
      const o = env.ctx.api.get(info.kind, ns ?? f.namespace, n);
      if (o) items.push(o);
      else errors.push(new ApiError(404, 'NotFound', `${info.plural} "${n}" not found`).kubectlLine());
    }
    if (errors.length > 0 && items.length === 0) return fail(errors.join('\n'));
  } else {
    items = env.ctx.api.list(info.kind, ns, f.selector);
  }
  if (f.output === 'yaml' || f.output === 'json') {
    const value = names.length === 1 && items.length === 1 ? items[0] : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
    return ok(f.output === 'yaml' ? toYaml(value).replace(/\n$/, '') : JSON.stringify(value, null, 4));
  }
  if (f.output === 'name') return ok(items.map((o) => `${info.kind.toLowerCase()}${info.apiVersion === 'v1' ? '' : `.${info.apiVersion.split('/')[0]}`}/${o.metadata.name}`).join('\n'));
  if (items.length === 0) {
    return ok(info.namespaced && !f.allNamespaces ? `No resources found in ${f.namespace} namespace.` : 'No resources found');
  }
  const text = rowsFor(env, info.kind, items, f);
  return ok(f.noHeaders ? text.split('\n').slice(1).join('\n') : text);
}

function rowsFor(env: ShellEnv, kind: KubeObject['kind'], items: KubeObject[], f: GetFlags): string {
  switch (kind) {
    case 'Pod':
      return podRows(env, items as Pod[], f);
    case 'Node':
      return nodeRows(env, items as Node[], f);
    case 'Deployment':
      return deploymentRows(env, items as Deployment[], f);
    case 'ReplicaSet':
      return replicaSetRows(env, items as ReplicaSet[], f);
    case 'Event':
      return eventRows(env, items as KubeEvent[], f);
    default:
      return table(['NAME', 'AGE'], items.map((o) => [o.metadata.name, age(env, o)]));
  }
}

export const kubectl: Command = (args, env) => {
  const host = env.ctx.hosts.get(env.target.host);
  if (env.target.kind === 'pod') return fail('sh: kubectl: not found', 127);
  if (host?.role !== 'control-plane') return fail('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
  const [verb, ...rest] = args;
  switch (verb) {
    case 'get':
      return get(rest, env);
    case undefined:
      return ok('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands (Beginner):\n  get           Display one or many resources');
    default:
      return fail(`error: unknown command "${verb}" for "kubectl"\nRun 'kubectl --help' for usage.`);
  }
};
