/** kubectl verbs that make new objects from flags: create, run, expose (and the dry-run and report they share with apply). */
import type { ConfigMap, Container, Deployment, Namespace, Pod, PriorityClass, ResourceQuota, Secret, Service, ServicePort } from '../../api/types';
import { pluralRef, resourceForName } from '../../api/resources';
import { ingressFromFlags } from '../../ingress/create';
import { ApiError } from '../../apiserver/errors';
import { encodeBase64 } from '../../apiserver/base64';
import { fail, type CommandResult } from '../types';
import { boolFlag } from './args';
import type { Kctx } from './context';
import { createAndReport, isDryRun } from './report';
import { runAttached } from './attach';
import { applyFile } from './applyFile';

export const CREATE_FLAGS = {
  value: ['image', 'replicas', 'port', 'from-literal', 'tcp', 'udp', 'hard', 'value', 'description', 'dry-run', 'output', 'filename', 'type', 'node-port', 'preemption-policy', 'from-file', 'rule', 'class', 'default-backend', 'annotation', 'external-name'],
  bool: ['global-default', 'save-config'],
  short: { o: 'output', f: 'filename' },
};
export const RUN_FLAGS = { value: ['image', 'port', 'labels', 'restart', 'dry-run', 'output', 'env', 'overrides', 'image-pull-policy'], bool: ['command', 'rm', 'stdin', 'tty', 'attach'], short: { o: 'output', l: 'labels', i: 'stdin', t: 'tty' } };
export const EXPOSE_FLAGS = { value: ['port', 'target-port', 'type', 'name', 'protocol', 'selector', 'dry-run', 'output', 'node-port'], bool: [], short: { o: 'output', l: 'selector' } };

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
  const stdin = boolFlag(k.p, 'stdin');
  const tty = boolFlag(k.p, 'tty');
  const attach = stdin || boolFlag(k.p, 'attach');
  if (tty && !stdin) return fail("error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples");
  if (boolFlag(k.p, 'rm') && !attach) return fail('error: --rm should only be used for attached containers');
  if (stdin) Object.assign(c, { stdin: true, stdinOnce: true }, tty ? { tty: true } : {});
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { labels, name, namespace: k.namespace }, spec: { containers: [c], dnsPolicy: 'ClusterFirst', restartPolicy: restart } };
  if (attach && !isDryRun(k)) return runAttached(k, pod, boolFlag(k.p, 'rm'), tty);
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
