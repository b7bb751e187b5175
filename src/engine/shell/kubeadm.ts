/**
 * kubeadm on the simulated machines: `token create [--print-join-command]`, `token list`,
 * `reset` (on a worker: stops the kubelet, removes its pod sandboxes through the runtime —
 * which stops the daemons its DaemonSet pods ran — and deletes its kubeconfig; CNI
 * configuration is left, as kubeadm says), `join` of a spare machine (scenario node with
 * `joined: false`) or of a worker after a reset, and `version`.
 */
import type { Secret } from '../api/types';
import { decodeBase64, encodeBase64 } from '../apiserver/base64';
import { APISERVER_PORT, caCertHash, controlPlaneHost } from '../apiserver/bootstrap';
import { isoAt } from '../sim/time';
import { fail, ok, type Command, type CommandResult, type ShellEnv } from './types';
import { kubeadmUpgrade, packageVersion } from './upgrade';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const TTL_MS = 24 * 3600 * 1000;
const KUBELET_FILES = ['/etc/kubernetes/kubelet.conf', '/var/lib/kubelet/config.yaml', '/etc/kubernetes/pki/ca.crt'];

function joinCommand(env: ShellEnv, token: string): string {
  const cp = controlPlaneHost(env.ctx);
  return `kubeadm join ${cp.ip}:${APISERVER_PORT} --token ${token} --discovery-token-ca-cert-hash sha256:${caCertHash(env.ctx)} `;
}

function tokens(env: ShellEnv): { token: string; expires: string; secret: Secret }[] {
  return env.ctx.api
    .list<Secret>('Secret', 'kube-system')
    .filter((s) => s.type === 'bootstrap.kubernetes.io/token')
    .map((s) => {
      const d = (k: string): string => decodeBase64(s.data?.[k] ?? '') ?? '';
      return { token: `${d('token-id')}.${d('token-secret')}`, expires: d('expiration'), secret: s };
    });
}

function tokenCreate(env: ShellEnv, printJoin: boolean, given?: string): CommandResult {
  if (given && !/^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(given)) return fail(`token "${given}" was not of form "\\\\A([a-z0-9]{6})\\\\.([a-z0-9]{16})\\\\z"`);
  const id = given ? given.split('.')[0] : env.ctx.prng.string(6, ALPHABET);
  const secret = given ? given.split('.')[1] : env.ctx.prng.string(16, ALPHABET);
  const data: Record<string, string> = {
    'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
    expiration: isoAt(env.ctx.clock.now + TTL_MS),
    'token-id': id,
    'token-secret': secret,
    'usage-bootstrap-authentication': 'true',
    'usage-bootstrap-signing': 'true',
  };
  try {
    env.ctx.api.create<Secret>(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' }, type: 'bootstrap.kubernetes.io/token', data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encodeBase64(v)])) },
      'kubeadm',
    );
  } catch (e) {
    return fail(`failed to create or update bootstrap token with name bootstrap-token-${id}: ${(e as Error).message}`);
  }
  const token = `${id}.${secret}`;
  return ok(printJoin ? joinCommand(env, token) : token);
}

function tokenList(env: ShellEnv): CommandResult {
  const rows = tokens(env);
  if (rows.length === 0) return ok('');
  const header = ['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS'];
  const body = rows.map((t) => {
    const left = Math.max(0, Date.parse(t.expires) - Date.parse(isoAt(env.ctx.clock.now)));
    const ttl = left >= 3600_000 ? `${Math.floor(left / 3600_000)}h` : `${Math.floor(left / 60_000)}m`;
    return [t.token, ttl, t.expires, 'authentication,signing', '<none>', 'system:bootstrappers:kubeadm:default-node-token'];
  });
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)) + 3);
  return ok(all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n'));
}

const RESET_TAIL = `
The reset process does not perform cleanup of CNI plugin configuration,
network filtering rules and kubeconfig files.

For example:
- the CNI plugin configuration in /etc/cni/net.d
- iptables / nftables / IPVS rules
- $HOME/.kube/config

For information on how to perform this cleanup manually, please see:
https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-reset/`;

function reset(env: ShellEnv, force: boolean): CommandResult {
  const host = env.ctx.hosts.get(env.target.host)!;
  if (host.role === 'control-plane') return fail('[reset] the playground keeps its control plane: run kubeadm reset on a worker node (after kubectl drain and kubectl delete node)');
  const warn = "W0105 09:00:00.000000    2231 preflight.go:56] [reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.";
  if (!force) return fail(`${warn}\n[reset] Are you sure you want to proceed? [y/N]: \nerror execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue\nTo see the stack trace of this error execute with --v=5 or higher`);
  env.ctx.kubelets?.get(host.name)?.reset();
  for (const f of KUBELET_FILES) delete host.files[f];
  return ok(
    [
      '[preflight] Running pre-flight checks',
      '[reset] Stopping the kubelet service',
      '[reset] Unmounting mounted directories in "/var/lib/kubelet"',
      '[reset] Deleting contents of directories: [/etc/kubernetes/manifests /var/lib/kubelet /etc/kubernetes/pki]',
      '[reset] Deleting files: [/etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf /etc/kubernetes/kubelet.conf /etc/kubernetes/bootstrap-kubelet.conf /etc/kubernetes/controller-manager.conf /etc/kubernetes/scheduler.conf]',
      RESET_TAIL,
    ].join('\n'),
  );
}

function join(env: ShellEnv, args: string[]): CommandResult {
  const host = env.ctx.hosts.get(env.target.host)!;
  const flag = (name: string): string | undefined => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    return args[i].includes('=') ? args[i].split('=').slice(1).join('=') : args[i + 1];
  };
  const token = flag('token');
  const hash = flag('discovery-token-ca-cert-hash');
  const endpoint = args.find((a) => /^\d+\.\d+\.\d+\.\d+:\d+$/.test(a));
  const kubelet = env.ctx.kubelets?.get(host.name);
  const pre = '[preflight] Running pre-flight checks';
  if (kubelet?.running() || host.files['/etc/kubernetes/kubelet.conf'] !== undefined) {
    return fail(`${pre}\nerror execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n\t[ERROR Port-10250]: Port 10250 is in use\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\`\nTo see the stack trace of this error execute with --v=5 or higher`);
  }
  const cp = controlPlaneHost(env.ctx);
  if (endpoint !== `${cp.ip}:${APISERVER_PORT}`) return fail(`${pre}\nerror execution phase preflight: couldn't validate the identity of the API Server: Get "https://${endpoint ?? ''}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp ${endpoint ?? ''}: connect: connection refused`);
  if (!token || !tokens(env).some((t) => t.token === token)) return fail(`${pre}\nerror execution phase preflight: couldn't validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "${(token ?? '').split('.')[0]}"`);
  if (hash !== `sha256:${caCertHash(env.ctx)}`) return fail(`${pre}\nerror execution phase preflight: couldn't validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "sha256:${caCertHash(env.ctx)}" are pinned`);
  if (!kubelet) return fail(`${pre}\nerror execution phase kubelet-start: the playground can only join machines of the scenario`);
  kubelet.start();
  return ok(
    [
      pre,
      '[preflight] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
      "[preflight] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.",
      '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
      '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"',
      '[kubelet-start] Starting the kubelet',
      '[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s',
      '[kubelet-check] The kubelet is healthy after 501.2ms',
      '[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap',
      '',
      'This node has joined the cluster:',
      '* Certificate signing request was sent to apiserver and a response was received.',
      '* The Kubelet was informed of the new secure connection details.',
      '',
      "Run 'kubectl get nodes' on the control-plane to see this node join the cluster.",
    ].join('\n'),
  );
}

export const kubeadm: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: kubeadm: not found', 127);
  const [sub, ...rest] = args;
  const host = env.ctx.hosts.get(env.target.host)!;
  switch (sub) {
    case 'token': {
      if (host.role !== 'control-plane') return fail('failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher');
      const [verb, ...more] = rest;
      if (verb === 'create') return tokenCreate(env, more.includes('--print-join-command'), more.find((a) => !a.startsWith('-')));
      if (verb === 'list') return tokenList(env);
      if (verb === 'generate') return ok(`${env.ctx.prng.string(6, ALPHABET)}.${env.ctx.prng.string(16, ALPHABET)}`);
      return fail(`unknown command "${verb ?? ''}" for "kubeadm token" (the playground simulates create, list, generate)`);
    }
    case 'reset':
      return reset(env, rest.includes('-f') || rest.includes('--force'));
    case 'join':
      return join(env, rest);
    case 'upgrade':
      return kubeadmUpgrade(env, rest);
    case 'version': {
      const v = packageVersion(env.ctx, env.target.host, 'kubeadm');
      const [maj, min] = v.replace(/^v/, '').split('.');
      return ok(`kubeadm version: &version.Info{Major:"${maj}", Minor:"${min}", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"${v}", GitCommit:"", GitTreeState:"clean", BuildDate:"", GoVersion:"go1.24.9", Compiler:"gc", Platform:"linux/amd64"}`);
    }
    case 'init':
      return fail(host.role === 'control-plane' ? `[init] Using Kubernetes version: ${env.ctx.scenario.cluster.kubernetesVersion}\n[preflight] Running pre-flight checks\nerror execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR Port-6443]: Port 6443 is in use\n\t[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml]: /etc/kubernetes/manifests/kube-apiserver.yaml already exists\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\`\nTo see the stack trace of this error execute with --v=5 or higher` : 'the playground initialises the cluster itself: run kubeadm join on a worker');
    default:
      return fail(`unknown command "${sub ?? ''}" for "kubeadm"\nRun 'kubeadm --help' for usage.`);
  }
};
