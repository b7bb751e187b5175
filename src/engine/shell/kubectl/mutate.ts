/** kubectl verbs that change the cluster: create, run, expose, apply -f, delete, scale, label, annotate, set image, patch. */
import type { ConfigMap, Container, DaemonSet, Deployment, KubeObject, Namespace, Pod, PriorityClass, ReplicaSet, ResourceQuota, Secret, Service, ServicePort } from '../../api/types';
import { kindRef, pluralRef, resourceForName, type ResourceInfo } from '../../api/resources';
import { parseManifests, toYaml } from '../../api/manifest';
import { remoteManifest } from '../../ingress/manifest';
import { exampleManifest } from './examples';
import { ingressFromFlags } from '../../ingress/create';
import { applyObject } from '../../apiserver/apply';
import { ApiError } from '../../apiserver/errors';
import { encodeBase64 } from '../../apiserver/base64';
import { canonicalJson } from '../../sim/hash';
import { fail, ok, type CommandResult } from '../types';
import { boolFlag } from './args';
import type { Kctx } from './context';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from './patch';
import { sortedKeys } from './get';
import { parseSelector } from './selector';

export const CREATE_FLAGS = {
  value: ['image', 'replicas', 'port', 'from-literal', 'tcp', 'udp', 'hard', 'value', 'description', 'dry-run', 'output', 'filename', 'type', 'node-port', 'preemption-policy', 'from-file', 'rule', 'class', 'default-backend', 'annotation', 'external-name'],
  bool: ['global-default', 'save-config'],
  short: { o: 'output', f: 'filename' },
};
export const RUN_FLAGS = { value: ['image', 'port', 'labels', 'restart', 'dry-run', 'output', 'env', 'overrides', 'image-pull-policy'], bool: ['command', 'rm', 'stdin', 'tty', 'attach'], short: { o: 'output', l: 'labels', i: 'stdin', t: 'tty' } };
export const EXPOSE_FLAGS = { value: ['port', 'target-port', 'type', 'name', 'protocol', 'selector', 'dry-run', 'output', 'node-port'], bool: [], short: { o: 'output', l: 'selector' } };
export const DELETE_FLAGS = { value: ['selector', 'grace-period', 'cascade', 'filename', 'timeout', 'wait'], bool: ['all', 'force', 'now', 'ignore-not-found'], short: { l: 'selector', f: 'filename' } };
export const SCALE_FLAGS = { value: ['replicas', 'current-replicas', 'selector', 'timeout'], bool: ['all'], short: { l: 'selector' } };
export const LABEL_FLAGS = { value: ['selector', 'resource-version'], bool: ['overwrite', 'all', 'list'], short: { l: 'selector' } };
export const SET_FLAGS = { value: ['selector'], bool: ['all', 'record'], short: { l: 'selector' } };
export const PATCH_FLAGS = { value: ['patch', 'type', 'patch-file', 'output', 'subresource'], bool: ['local'], short: { p: 'patch', o: 'output' } };
export const APPLY_FLAGS = { value: ['filename', 'output', 'dry-run', 'field-manager', 'selector'], bool: ['server-side', 'force-conflicts', 'prune', 'recursive'], short: { f: 'filename', o: 'output', l: 'selector', R: 'recursive' } };

const FROM = 'kubectl';

/** "deployment.apps/web", as kubectl names an object in its messages. */
export function ref(o: KubeObject): string {
  const info = resourceForName(o.kind)!;
  return `${kindRef(info)}/${o.metadata.name}`;
}

function apiLine(e: unknown): string {
  return e instanceof ApiError ? e.kubectlLine() : `error: ${(e as Error).message}`;
}

function dryRun(k: Kctx, obj: KubeObject, verb: string): CommandResult {
  const mode = k.p.flags.get('dry-run');
  if (mode !== undefined && !['client', 'server', 'none'].includes(mode)) return fail(`error: Invalid dry-run value (${mode}). Must be "none", "server", or "client".`);
  const out = k.p.flags.get('output');
  if (out === 'yaml' || out === 'json') {
    // What the client would send: no server-side fields, the namespace only when given.
    const shown = structuredClone(obj) as unknown as { metadata: Record<string, unknown>; spec?: Record<string, unknown>; status?: unknown };
    shown.metadata.creationTimestamp = null;
    if (!k.p.flags.has('namespace')) delete shown.metadata.namespace;
    const t = (shown.spec as { template?: { metadata?: Record<string, unknown>; spec?: { containers?: Record<string, unknown>[] } } } | undefined)?.template;
    if (t?.metadata) t.metadata.creationTimestamp = null;
    const containers = t?.spec?.containers ?? (obj.kind === 'Pod' ? (shown.spec as { containers: Record<string, unknown>[] }).containers : []);
    for (const c of containers) c.resources ??= {};
    if (obj.kind === 'Deployment') shown.spec!.strategy ??= {};
    if (!['Namespace', 'ConfigMap', 'Secret', 'PriorityClass'].includes(obj.kind)) shown.status = obj.kind === 'Service' ? { loadBalancer: {} } : {};
    if (obj.kind === 'Namespace') shown.spec = {};
    if (obj.kind === 'Namespace') shown.status = {};
    const sorted = sortedKeys(shown);
    return ok(out === 'yaml' ? toYaml(sorted).replace(/\n$/, '') : JSON.stringify(sorted, null, 4));
  }
  return ok(`${ref(obj)} ${verb} (dry run)`);
}

function isDryRun(k: Kctx): boolean {
  const m = k.p.flags.get('dry-run');
  return m !== undefined && m !== 'none';
}

function createAndReport(k: Kctx, obj: KubeObject, verb = 'created'): CommandResult {
  if (isDryRun(k)) return dryRun(k, obj, verb);
  try {
    const made = k.env.ctx.api.create(obj, FROM);
    if (k.p.flags.get('output') === 'name') return ok(ref(made));
    return ok(`${ref(made)} ${verb}`);
  } catch (e) {
    return fail(apiLine(e));
  }
}

/** The container name kubectl derives from an image: nginx:1.27 → nginx, registry/x/busybox → busybox. */
function containerName(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.split(/[:@]/)[0].toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

function literals(k: Kctx): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const l of k.p.multi.get('from-literal') ?? []) {
    const i = l.indexOf('=');
    if (i <= 0) return `error: invalid literal source ${l}, expected key=value`;
    out[l.slice(0, i)] = l.slice(i + 1);
  }
  return out;
}

function servicePortsFrom(spec: string, proto: 'TCP' | 'UDP'): ServicePort[] {
  return spec.split(',').map((s) => {
    const [port, target] = s.split(':');
    const p: ServicePort = { name: `${port}-${target ?? port}`, port: Number(port), protocol: proto, targetPort: Number(target ?? port) };
    return p;
  });
}

export function create(k: Kctx): CommandResult {
  const [what, name, sub] = k.p.positional;
  const file = k.p.flags.get('filename');
  if (file) return applyFile(k, file, 'create');
  if (!what) return fail("error: must specify one of -f and -k\n\nerror: Required resource not specified.\nSee 'kubectl create -h' for help and examples");
  const ns = k.namespace;
  switch (what) {
    case 'deployment':
    case 'deploy': {
      if (!name) return fail('error: exactly one NAME is required, got 0');
      const image = k.p.flags.get('image');
      if (!image) return fail('error: required flag(s) "image" not set');
      const replicas = Number(k.p.flags.get('replicas') ?? 1);
      if (!Number.isInteger(replicas) || replicas < 0) return fail(`error: invalid argument "${k.p.flags.get('replicas')}" for "-r, --replicas" flag: strconv.ParseInt: parsing "${k.p.flags.get('replicas')}": invalid syntax`);
      const c: Container = { image, name: containerName(image) };
      const port = k.p.flags.get('port');
      if (port) c.ports = [{ containerPort: Number(port) }];
      const d: Deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { labels: { app: name }, name, namespace: ns },
        spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [c] } } },
      };
      return createAndReport(k, d);
    }
    case 'ingress':
    case 'ing': {
      const ing = ingressFromFlags(name, ns, k.p.multi.get('rule') ?? [], k.p.flags.get('class'), k.p.flags.get('default-backend'), k.p.multi.get('annotation') ?? []);
      return typeof ing === 'string' ? fail(ing) : createAndReport(k, ing);
    }
    case 'namespace':
    case 'ns': {
      if (!name) return fail('error: exactly one NAME is required, got 0');
      return createAndReport(k, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as Namespace);
    }
    case 'configmap':
    case 'cm': {
      if (!name) return fail('error: exactly one NAME is required, got 0');
      const data = literals(k);
      if (typeof data === 'string') return fail(data);
      return createAndReport(k, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data } as ConfigMap);
    }
    case 'secret': {
      if (name !== 'generic') return fail(`error: unknown secret type "${name ?? ''}"; the playground supports: kubectl create secret generic NAME --from-literal=key=value`);
      if (!sub) return fail('error: exactly one NAME is required, got 0');
      const data = literals(k);
      if (typeof data === 'string') return fail(data);
      const enc = Object.fromEntries(Object.entries(data).map(([a, b]) => [a, encodeBase64(b)]));
      return createAndReport(k, { apiVersion: 'v1', kind: 'Secret', metadata: { name: sub, namespace: ns }, type: 'Opaque', data: enc } as Secret);
    }
    case 'service':
    case 'svc': {
      const types: Record<string, Service['spec']['type']> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };
      const type = types[name ?? ''];
      if (!type) return fail('error: kubectl create service needs a type: clusterip, nodeport, loadbalancer or externalname');
      if (!sub) return fail('error: exactly one NAME is required, got 0');
      const tcp = k.p.flags.get('tcp');
      if (!tcp && type !== 'ExternalName') return fail('error: at least one tcp port specifier must be provided');
      const ports = tcp ? servicePortsFrom(tcp, 'TCP') : [];
      const np = k.p.flags.get('node-port');
      if (np && ports[0]) ports[0].nodePort = Number(np);
      const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { labels: { app: sub }, name: sub, namespace: ns }, spec: { ports, selector: { app: sub }, type } };
      if (type === 'ExternalName') {
        const ext = k.p.flags.get('external-name');
        if (!ext) return fail('error: required flag(s) "external-name" not set');
        svc.spec.externalName = ext;
      }
      return createAndReport(k, svc);
    }
    case 'quota':
    case 'resourcequota': {
      if (!name) return fail('error: exactly one NAME is required, got 0');
      const hard = Object.fromEntries((k.p.flags.get('hard') ?? '').split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
      return createAndReport(k, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: ns }, spec: { hard } } as ResourceQuota);
    }
    case 'priorityclass':
    case 'pc': {
      if (!name) return fail('error: exactly one NAME is required, got 0');
      const pc: PriorityClass = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: Number(k.p.flags.get('value') ?? 0), globalDefault: boolFlag(k.p, 'global-default'), description: k.p.flags.get('description') ?? '', preemptionPolicy: (k.p.flags.get('preemption-policy') as PriorityClass['preemptionPolicy']) ?? 'PreemptLowerPriority' };
      return createAndReport(k, pc);
    }
    default:
      return fail(`error: unknown command "${what}" for "kubectl create"\nDid you mean this?\n\tdeployment\n\tnamespace\n\tconfigmap\n\tsecret\n\tservice\n\tquota\n\tpriorityclass`);
  }
}

export function run(k: Kctx): CommandResult {
  const [name, ...rest] = k.p.positional;
  if (!name) return fail("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
  const image = k.p.flags.get('image');
  if (!image) return fail('error: required flag(s) "image" not set');
  const labels = k.p.flags.get('labels') ? Object.fromEntries(k.p.flags.get('labels')!.split(',').map((kv) => kv.split('=') as [string, string])) : { run: name };
  const c: Container = { image, name, resources: {} };
  if (rest.length > 0) {
    if (boolFlag(k.p, 'command')) c.command = rest;
    else c.args = rest;
  }
  const port = k.p.flags.get('port');
  if (port) c.ports = [{ containerPort: Number(port) }];
  const env = k.p.multi.get('env') ?? [];
  if (env.length > 0) c.env = env.map((e) => ({ name: e.split('=')[0], value: e.split('=').slice(1).join('=') }));
  const restart = (k.p.flags.get('restart') ?? 'Always') as Pod['spec']['restartPolicy'];
  if (!['Always', 'OnFailure', 'Never'].includes(restart!)) return fail(`error: invalid restart policy: ${restart}`);
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { labels, name, namespace: k.namespace }, spec: { containers: [c], dnsPolicy: 'ClusterFirst', restartPolicy: restart } };
  return createAndReport(k, pod);
}

export function expose(k: Kctx): CommandResult {
  const [first, second] = k.p.positional;
  if (!first) return fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const [t, n] = first.includes('/') ? first.split('/') : [first, second];
  const info = resourceForName(t);
  if (!info) return fail(`error: the server doesn't have a resource type "${t}"`);
  const obj = k.env.ctx.api.get(info.kind, k.namespace, n ?? '');
  if (!obj) return fail(new ApiError(404, 'NotFound', `${pluralRef(info)} "${n ?? ''}" not found`).kubectlLine());
  let selector: Record<string, string> | undefined;
  let ports: number[] = [];
  if (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet' || obj.kind === 'DaemonSet') {
    selector = obj.spec.selector.matchLabels;
    if (!selector || (obj.spec.selector.matchExpressions ?? []).length > 0) return fail(`error: couldn't convert expressions - "${JSON.stringify(obj.spec.selector)}" to map: cannot expose a selector with expressions`);
    ports = obj.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
  } else if (obj.kind === 'Pod') {
    selector = obj.metadata.labels;
    ports = obj.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
  } else if (obj.kind === 'Service') {
    selector = obj.spec.selector;
    ports = (obj.spec.ports ?? []).map((p) => p.port);
  } else return fail(`error: cannot expose a ${obj.kind}`);
  const portFlag = k.p.flags.get('port');
  if (portFlag) ports = [Number(portFlag)];
  if (ports.length === 0) return fail("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
  const target = k.p.flags.get('target-port');
  const protocol = (k.p.flags.get('protocol') ?? 'TCP') as ServicePort['protocol'];
  const svcPorts: ServicePort[] = ports.map((p, i) => ({ ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}), port: p, protocol, targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : p }));
  const type = (k.p.flags.get('type') ?? 'ClusterIP') as Service['spec']['type'];
  const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: k.p.flags.get('name') ?? obj.metadata.name, namespace: k.namespace, ...(obj.metadata.labels ? { labels: { ...obj.metadata.labels } } : {}) }, spec: { ports: svcPorts, selector, type } };
  return createAndReport(k, svc, 'exposed');
}

/**
 * The text behind `-f FILE`: a file on the machine, or a URL the playground's offline internet
 * serves (the add-ons' and k8s.io examples' manifests). Any other URL gets what kubectl prints
 * for a missing page (resource/visitor.go readHttpWithRetries).
 */
function readManifest(k: Kctx, file: string): string | CommandResult {
  const text = file === '-' ? undefined : (k.env.ctx.hosts.get(k.env.target.host)?.files[file] ?? remoteManifest(file) ?? exampleManifest(file));
  if (text !== undefined) return text;
  if (/^https?:\/\//.test(file)) return fail(`error: unable to read URL "${file}", server reported 404 Not Found, status code=404`);
  return fail(`error: the path "${file}" does not exist`);
}

/** `kubectl apply -f FILE` / `create -f FILE`: a manifest from the machine's files or a URL. */
export function applyFile(k: Kctx, file: string, verb: 'apply' | 'create'): CommandResult {
  const text = readManifest(k, file);
  if (typeof text !== 'string') return text;
  let objects: KubeObject[];
  try {
    objects = parseManifests(text);
  } catch (e) {
    return fail((e as Error).message.replace(/"STDIN"/g, `"${file}"`));
  }
  const lines: string[] = [];
  let code = 0;
  for (const o of objects) {
    const info = resourceForName(o.kind)!;
    if (info.namespaced && !o.metadata.namespace) o.metadata.namespace = k.namespace;
    try {
      if (verb === 'apply') lines.push(applyObject(k.env.ctx, o, file));
      else lines.push(`${ref(k.env.ctx.api.create(o, FROM))} created`);
    } catch (e) {
      code = 1;
      lines.push(e instanceof ApiError ? e.withVerb('creating', file).kubectlLine() : `error: ${(e as Error).message}`);
    }
  }
  return { out: lines.join('\n'), code };
}

export function apply(k: Kctx): CommandResult {
  const file = k.p.flags.get('filename');
  if (!file) return fail('error: must specify one of -f and -k');
  return applyFile(k, file, 'apply');
}

/** Resolves TYPE NAME..., TYPE/NAME..., or TYPE with -l / --all to objects. */
export function targets(k: Kctx, args: string[], allowAll = true): { info: ResourceInfo; objs: KubeObject[]; missing: string[] }[] | string {
  if (args.length === 0) return 'error: You must provide one or more resources by argument or filename.';
  const out: { info: ResourceInfo; objs: KubeObject[]; missing: string[] }[] = [];
  const add = (info: ResourceInfo, name: string): void => {
    let e = out.find((x) => x.info === info);
    if (!e) out.push((e = { info, objs: [], missing: [] }));
    const o = k.env.ctx.api.get(info.kind, info.namespaced ? k.namespace : undefined, name);
    if (o) e.objs.push(o);
    else e.missing.push(name);
  };
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const [t, n] = a.split('/');
      const info = resourceForName(t);
      if (!info) return `error: the server doesn't have a resource type "${t}"`;
      add(info, n);
    }
    return out;
  }
  const [t, ...names] = args;
  for (const type of t.split(',')) {
    const info = resourceForName(type);
    if (!info) return `error: the server doesn't have a resource type "${type}"`;
    if (names.length > 0) for (const n of names) add(info, n);
    else {
      const sel = k.p.flags.get('selector');
      if (!sel && !(allowAll && boolFlag(k.p, 'all'))) return 'error: resource(s) were provided, but no name was specified';
      const parsed = sel ? parseSelector(sel) : undefined;
      if (typeof parsed === 'string') return parsed;
      out.push({ info, objs: k.env.ctx.api.list(info.kind, info.namespaced ? (k.allNamespaces ? undefined : k.namespace) : undefined, parsed), missing: [] });
    }
  }
  return out;
}

function notFound(info: ResourceInfo, name: string): string {
  return new ApiError(404, 'NotFound', `${pluralRef(info)} "${name}" not found`).kubectlLine();
}

/** A per-object refusal: kubectl prints the line, goes on with the next object, and exits 1. */
class Refused extends Error {}

/** A refusal that ends the whole command at once (kubectl's flag-level errors). */
class Abort extends Error {
  constructor(readonly result: CommandResult) {
    super(result.out);
  }
}

/**
 * kubectl's loop over the objects a command names: one line per object (what `each` returns,
 * or the refusal or API error it throws), a NotFound line per missing name, exit 1 on any failure.
 */
function perObject(groups: Exclude<ReturnType<typeof targets>, string>, each: (o: KubeObject, info: ResourceInfo) => string): CommandResult {
  const lines: string[] = [];
  let code = 0;
  for (const g of groups) {
    for (const o of g.objs) {
      try {
        lines.push(each(o, g.info));
      } catch (e) {
        if (e instanceof Abort) return e.result;
        code = 1;
        lines.push(e instanceof Refused ? e.message : apiLine(e));
      }
    }
    for (const m of g.missing) {
      code = 1;
      lines.push(notFound(g.info, m));
    }
  }
  return { out: lines.join('\n'), code };
}

export function del(k: Kctx): CommandResult {
  const file = k.p.flags.get('filename');
  let groups: ReturnType<typeof targets>;
  if (file) {
    const text = readManifest(k, file);
    if (typeof text !== 'string') return text;
    try {
      const objs = parseManifests(text);
      groups = objs.map((o) => {
        const info = resourceForName(o.kind)!;
        const live = k.env.ctx.api.get(info.kind, info.namespaced ? o.metadata.namespace ?? k.namespace : undefined, o.metadata.name);
        return { info, objs: live ? [live] : [], missing: live ? [] : [o.metadata.name] };
      });
    } catch (e) {
      return fail((e as Error).message);
    }
  } else groups = targets(k, k.p.positional);
  if (typeof groups === 'string') return fail(groups);
  const force = boolFlag(k.p, 'force');
  const graceText = k.p.flags.get('grace-period') ?? (boolFlag(k.p, 'now') ? '1' : undefined);
  const grace = graceText !== undefined ? Number(graceText) : undefined;
  if (grace === 0 && !force) return fail('error: --grace-period=0 must have --force specified');
  const cascade = k.p.flags.get('cascade') ?? 'background';
  if (!['background', 'foreground', 'orphan', 'true', 'false'].includes(cascade)) return fail(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  const lines: string[] = [];
  let code = 0;
  if (force && (grace === undefined || grace === 0)) lines.push('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
  let any = false;
  for (const g of groups) {
    for (const o of g.objs) {
      any = true;
      try {
        k.env.ctx.api.delete(o.kind, o.metadata.namespace, o.metadata.name, FROM, {
          gracePeriodSeconds: force ? (grace ?? 0) : grace,
          propagationPolicy: cascade === 'orphan' || cascade === 'false' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background',
        });
        lines.push(`${g.info.kind === 'Pod' || !g.info.apiVersion.includes('/') ? g.info.kind.toLowerCase() : kindRef(g.info)} "${o.metadata.name}" ${force && (grace ?? 0) === 0 ? 'force deleted' : 'deleted'}${g.info.namespaced ? ` from ${o.metadata.namespace} namespace` : ''}`);
      } catch (e) {
        code = 1;
        lines.push(apiLine(e));
      }
    }
    for (const m of g.missing) {
      if (boolFlag(k.p, 'ignore-not-found')) continue;
      code = 1;
      lines.push(notFound(g.info, m));
    }
  }
  if (!any && code === 0 && !boolFlag(k.p, 'ignore-not-found')) lines.push('No resources found');
  return { out: lines.join('\n'), code };
}

export function scale(k: Kctx): CommandResult {
  const r = k.p.flags.get('replicas');
  if (r === undefined) return fail('error: required flag(s) "replicas" not set');
  const replicas = Number(r);
  if (!/^\d+$/.test(r)) return fail(`error: invalid argument "${r}" for "--replicas" flag: strconv.ParseInt: parsing "${r}": invalid syntax`);
  const groups = targets(k, k.p.positional);
  if (typeof groups === 'string') return fail(groups);
  return perObject(groups, (o, info) => {
    if (o.kind !== 'Deployment' && o.kind !== 'ReplicaSet') {
      throw new Refused(`error: no scaler has been implemented for {"${info.apiVersion.includes('/') ? info.apiVersion.split('/')[0] : ''}" "${o.kind}"}`);
    }
    const cur = k.p.flags.get('current-replicas');
    if (cur !== undefined && Number(cur) !== (o.spec.replicas ?? 1)) throw new Refused(`error: Expected replicas to be ${cur}, was ${o.spec.replicas ?? 1}`);
    const fresh = structuredClone(o) as Deployment | ReplicaSet;
    fresh.spec.replicas = replicas;
    k.env.ctx.api.patch(fresh, FROM);
    return `${ref(o)} scaled`;
  });
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** kubectl label / annotate. */
export function labelOrAnnotate(k: Kctx, which: 'labels' | 'annotations'): CommandResult {
  const args = k.p.positional;
  const changes = args.filter((a) => /=|-$/.test(a) && !a.includes('/') === true ? true : /^[\w./-]+=/.test(a) || /^[\w./-]+-$/.test(a));
  const resourceArgs = args.filter((a) => !changes.includes(a));
  if (changes.length === 0) return fail(`error: at least one ${which === 'labels' ? 'label' : 'annotation'} update is required`);
  const groups = targets(k, resourceArgs);
  if (typeof groups === 'string') return fail(groups);
  const overwrite = boolFlag(k.p, 'overwrite');
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const i = c.indexOf('=');
      const key = c.slice(0, i);
      const value = c.slice(i + 1);
      if (which === 'labels' && (value.length > 63 || !LABEL_VALUE.test(value))) {
        return fail(`error: invalid label value: "${c}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
      }
      set[key] = value;
    }
  }
  const verb = which === 'labels' ? 'labeled' : 'annotated';
  return perObject(groups, (o) => {
    const cur = { ...(o.metadata[which] ?? {}) };
    for (const [key, v] of Object.entries(set)) {
      if (cur[key] !== undefined && cur[key] !== v && !overwrite) throw new Abort(fail(`error: '${key}' already has a value (${cur[key]}), and --overwrite is false`));
    }
    const before = canonicalJson(cur);
    Object.assign(cur, set);
    for (const r of remove) delete cur[r];
    if (canonicalJson(cur) === before) return `${ref(o)} not ${verb}`;
    const fresh = structuredClone(o);
    fresh.metadata[which] = cur;
    k.env.ctx.api.patch(fresh, FROM);
    return `${ref(o)} ${Object.keys(set).length === 0 ? `un${verb}` : verb}`;
  });
}

/** kubectl set image TYPE/NAME container=image ... */
export function setImage(k: Kctx): CommandResult {
  const [sub, ...rest] = k.p.positional;
  if (sub !== 'image') return fail(`error: unknown command "${sub ?? ''}" for "kubectl set"; the playground supports: kubectl set image`);
  const pairs = rest.filter((a) => a.includes('='));
  const res = rest.filter((a) => !a.includes('='));
  if (pairs.length === 0) return fail("error: at least one image update is required\nSee 'kubectl set image -h' for help and examples");
  const groups = targets(k, res);
  if (typeof groups === 'string') return fail(groups);
  return perObject(groups, (o) => {
    const fresh = structuredClone(o);
    const spec = fresh.kind === 'Pod' ? fresh.spec : fresh.kind === 'Deployment' || fresh.kind === 'ReplicaSet' || fresh.kind === 'DaemonSet' ? fresh.spec.template.spec : undefined;
    if (!spec) throw new Refused(`error: ${ref(o)}: the object does not have a pod template`);
    let changed = false;
    for (const p of pairs) {
      const [cname, image] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
      const all = [...spec.containers, ...(spec.initContainers ?? [])];
      const hits = cname === '*' ? all : all.filter((c) => c.name === cname);
      if (hits.length === 0) throw new Abort(fail(`error: unable to find container named "${cname}"`));
      for (const c of hits) {
        if (c.image !== image) changed = true;
        c.image = image;
      }
    }
    if (!changed) return ref(o);
    k.env.ctx.api.patch(fresh, FROM);
    return `${ref(o)} image updated`;
  });
}

export function patch(k: Kctx): CommandResult {
  const body = k.p.flags.get('patch');
  if (body === undefined) return fail('error: must specify --patch or --patch-file containing the contents of the patch');
  const type = k.p.flags.get('type') ?? 'strategic';
  if (!['strategic', 'merge', 'json'].includes(type)) return fail(`error: --type must be one of [json merge strategic], not "${type}"`);
  const groups = targets(k, k.p.positional, false);
  if (typeof groups === 'string') return fail(groups);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    return fail(`Error from server (BadRequest): ${msg.includes('Unexpected token') ? "invalid character looking for beginning of value" : msg}`);
  }
  return perObject(groups, (o) => {
    let next: unknown;
    try {
      next = type === 'json' ? jsonPatch(o, parsed) : type === 'merge' ? mergePatch(o, parsed) : strategicMerge(o, parsed);
    } catch (e) {
      throw new Refused(e instanceof PatchError ? `The request is invalid: ${e.message}` : `error: ${(e as Error).message}`);
    }
    const obj = next as KubeObject;
    if (!obj || typeof obj !== 'object' || obj.kind !== o.kind || obj.metadata?.name !== o.metadata.name) {
      throw new Refused(`Error from server (BadRequest): the name of the object (${String(obj?.metadata?.name)}) does not match the name on the URL (${o.metadata.name})`);
    }
    if (canonicalJson(obj) === canonicalJson(o)) return `${ref(o)} patched (no change)`;
    k.env.ctx.api.patch(obj, FROM);
    return `${ref(o)} patched`;
  });
}

export type { DaemonSet };
