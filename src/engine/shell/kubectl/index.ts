/**
 * kubectl: the verbs a learner uses, in kubectl's output formats. It talks to the apiserver
 * of the simulated cluster, so it works where a kubeconfig is (the control-plane node).
 */
import { RESOURCES } from '../../api/resources';
import { APISERVER_PORT, controlPlaneHost } from '../../apiserver/bootstrap';
import { table } from '../table';
import { fail, ok, type Command, type CommandResult, type ShellEnv } from '../types';
import { FlagError, type FlagSpec } from './args';
import { config, CONFIG_FLAGS } from './config';
import { makeKctx, type Kctx } from './context';
import { describe, DESCRIBE_FLAGS } from './describe';
import { exec, EXEC_FLAGS } from './exec';
import { get, GET_FLAGS } from './get';
import { logs, LOGS_FLAGS } from './logs';
import { apply, APPLY_FLAGS, del, DELETE_FLAGS, LABEL_FLAGS, labelOrAnnotate, patch, PATCH_FLAGS, scale, SCALE_FLAGS, SET_FLAGS, setImage } from './mutate';
import { create, CREATE_FLAGS, expose, EXPOSE_FLAGS, run, RUN_FLAGS } from './create';
import { cordon, drain, NODE_FLAGS } from './nodes';
import { rollout, ROLLOUT_FLAGS } from './rollout';
import { autoscale, AUTOSCALE_FLAGS } from './autoscale';
import { top, TOP_FLAGS } from './top';
import { packageVersion } from '../upgrade';
import { createPdb, PDB_CREATE_FLAGS, SET_RESOURCES_FLAGS, setResources } from './scalingCmds';

export { podReady, podStatus } from './printers';

const HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  get             Display one or many resources
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  exec            Execute a command in a container

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  config          Modify kubeconfig files
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]`;

const VERBS: Record<string, { flags: FlagSpec; run: (k: Kctx) => CommandResult }> = {
  get: { flags: GET_FLAGS, run: get },
  describe: { flags: DESCRIBE_FLAGS, run: describe },
  create: { flags: { ...CREATE_FLAGS, value: [...CREATE_FLAGS.value, ...PDB_CREATE_FLAGS] }, run: (k) => createPdb(k) ?? create(k) },
  run: { flags: RUN_FLAGS, run },
  expose: { flags: EXPOSE_FLAGS, run: expose },
  apply: { flags: APPLY_FLAGS, run: apply },
  delete: { flags: DELETE_FLAGS, run: del },
  scale: { flags: SCALE_FLAGS, run: scale },
  autoscale: { flags: AUTOSCALE_FLAGS, run: autoscale },
  top: { flags: TOP_FLAGS, run: top },
  label: { flags: LABEL_FLAGS, run: (k) => labelOrAnnotate(k, 'labels') },
  annotate: { flags: LABEL_FLAGS, run: (k) => labelOrAnnotate(k, 'annotations') },
  set: { flags: { ...SET_FLAGS, value: [...SET_FLAGS.value, ...SET_RESOURCES_FLAGS] }, run: (k) => setResources(k) ?? setImage(k) },
  patch: { flags: PATCH_FLAGS, run: patch },
  rollout: { flags: ROLLOUT_FLAGS, run: rollout },
  logs: { flags: LOGS_FLAGS, run: logs },
  exec: { flags: EXEC_FLAGS, run: exec },
  config: { flags: CONFIG_FLAGS, run: config },
  cordon: { flags: NODE_FLAGS, run: (k) => cordon(k, true) },
  uncordon: { flags: NODE_FLAGS, run: (k) => cordon(k, false) },
  drain: { flags: NODE_FLAGS, run: drain },
  'api-resources': { flags: { value: ['output', 'api-group'], bool: ['namespaced', 'no-headers'], short: { o: 'output' } }, run: apiResources },
  version: { flags: { value: ['output'], bool: ['client', 'short'], short: { o: 'output' } }, run: version },
  'cluster-info': { flags: { value: [], bool: [] }, run: clusterInfo },
  proxy: { flags: { value: ['port', 'address', 'accept-hosts', 'api-prefix'], bool: ['disable-filter'], short: { p: 'port' } }, run: proxy },
};

/**
 * kubectl proxy: serves the apiserver on 127.0.0.1:8001 of this machine. The playground's
 * terminal cannot hold a foreground process, so the proxy keeps serving after the prompt
 * returns (as `kubectl proxy &` would).
 */
function proxy(k: Kctx): CommandResult {
  const port = Number(k.p.flags.get('port') ?? 8001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`error: invalid argument "${k.p.flags.get('port')}" for "-p, --port" flag: strconv.ParseInt: parsing "${k.p.flags.get('port')}": invalid syntax`);
  (k.env.ctx.apiProxies ??= new Map()).set(k.env.target.host, port);
  return ok(`Starting to serve on 127.0.0.1:${port}`);
}

function apiResources(k: Kctx): CommandResult {
  const rows = [...RESOURCES]
    .sort((a, b) => (a.plural < b.plural ? -1 : 1))
    .map((r) => [r.plural, r.shortNames.filter((s) => s !== r.kind.toLowerCase() && s !== r.plural).join(','), r.apiVersion, String(r.namespaced), r.kind]);
  if (k.p.flags.get('output') === 'name') return ok(RESOURCES.map((r) => (r.apiVersion.includes('/') ? `${r.plural}.${r.apiVersion.split('/')[0]}` : r.plural)).sort().join('\n'));
  return ok(table(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], rows));
}

function version(k: Kctx): CommandResult {
  const server = k.env.ctx.scenario.cluster.kubernetesVersion;
  const v = packageVersion(k.env.ctx, k.env.target.host, 'kubectl');
  if (k.p.flags.has('client')) return ok(`Client Version: ${v}\nKustomize Version: v5.7.1`);
  return ok(`Client Version: ${v}\nKustomize Version: v5.7.1\nServer Version: ${server}`);
}

function clusterInfo(k: Kctx): CommandResult {
  const cp = controlPlaneHost(k.env.ctx);
  const dns = k.env.ctx.api.get('Service', 'kube-system', 'kube-dns');
  const lines = [`Kubernetes control plane is running at https://${cp.ip}:${APISERVER_PORT}`];
  if (dns) lines.push(`CoreDNS is running at https://${cp.ip}:${APISERVER_PORT}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`);
  lines.push('', "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.");
  return ok(lines.join('\n'));
}

/** Whether this terminal has a kubeconfig (the control plane, where kubeadm put admin.conf). */
function hasKubeconfig(env: ShellEnv): boolean {
  const host = env.ctx.hosts.get(env.target.host);
  return !!host && (host.files['/root/.kube/config'] !== undefined || host.files['/etc/kubernetes/admin.conf'] !== undefined);
}

export const kubectl: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: kubectl: not found', 127);
  if (!hasKubeconfig(env)) return fail('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
  // Global flags may come before the verb: kubectl -n kube-system get pods.
  let i = 0;
  const lead: string[] = [];
  while (i < args.length && args[i].startsWith('-')) {
    lead.push(args[i]);
    if (/^(-n|--namespace|--context|--kubeconfig|-s|--server)$/.test(args[i])) lead.push(args[++i] ?? '');
    i++;
  }
  const verb = args[i];
  const rest = [...lead, ...args.slice(i + 1)];
  if (verb === undefined || verb === 'help' || verb === '--help') return ok(HELP);
  const v = VERBS[verb];
  if (!v) return fail(`error: unknown command "${verb}" for "kubectl"\nRun 'kubectl --help' for usage.`);
  try {
    const k = makeKctx(env, verb, rest, v.flags);
    return v.run(k);
  } catch (e) {
    if (e instanceof FlagError) return fail(e.message);
    throw e;
  }
};
