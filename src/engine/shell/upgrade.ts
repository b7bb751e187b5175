/**
 * Cluster upgrades as kubeadm walks them: upgrade the kubeadm package, `kubeadm upgrade plan`
 * and `kubeadm upgrade apply vX` on the control plane (new static pod manifests, so the
 * kubelet restarts kube-apiserver, kube-controller-manager and kube-scheduler on the new
 * image; the kube-proxy DaemonSet rolls), then node by node: drain, `kubeadm upgrade node`,
 * upgrade the kubelet package, restart the kubelet (the Node's VERSION moves), uncordon.
 * Package versions live per machine; apt-get (apt.ts) changes them.
 */
import type { DaemonSet, Node } from '../api/types';
import { controlPlaneManifests, ETCD_IMAGE } from '../addons/controlPlane';
import { controlPlaneHost } from '../apiserver/bootstrap';
import type { SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import { fail, ok, type CommandResult, type ShellEnv } from './types';

export type Package = 'kubeadm' | 'kubelet' | 'kubectl';
/** What pkgs.k8s.io offers the playground: the patch releases of the current minor and the next. */
export const AVAILABLE = ['1.34.0', '1.34.1', '1.34.2', '1.35.0'];
const states = new WeakMap<SimContext, Map<string, Record<Package, string>>>();

/** The installed version of a package on a machine (v-prefixed), the cluster's at start. */
export function packageVersion(ctx: SimContext, host: string, pkg: Package): string {
  return states.get(ctx)?.get(host)?.[pkg] ?? ctx.scenario.cluster.kubernetesVersion;
}

export function setPackageVersion(ctx: SimContext, host: string, pkg: Package, version: string): void {
  let m = states.get(ctx);
  if (!m) states.set(ctx, (m = new Map()));
  const cur = m.get(host) ?? { kubeadm: packageVersion(ctx, host, 'kubeadm'), kubelet: packageVersion(ctx, host, 'kubelet'), kubectl: packageVersion(ctx, host, 'kubectl') };
  cur[pkg] = version;
  m.set(host, cur);
}

/** A (re)started kubelet reports its binary's version in the Node's status.nodeInfo. */
export function kubeletStarted(ctx: SimContext, host: string): void {
  const v = packageVersion(ctx, host, 'kubelet');
  const node = ctx.api.get<Node>('Node', undefined, host);
  if (!node?.status?.nodeInfo || node.status.nodeInfo.kubeletVersion === v) return;
  node.status.nodeInfo.kubeletVersion = v;
  node.status.nodeInfo.kubeProxyVersion = v;
  ctx.api.update(node, `kubelet/${host}`, 'status');
}

const minor = (v: string): number => Number(v.replace(/^v/, '').split('.')[1]);
const bare = (v: string): string => v.replace(/^v/, '');

function nodesTable(ctx: SimContext, target: string): string[] {
  const rows = ctx.api.list<Node>('Node').map((n) => ['kubelet', n.metadata.name, n.status?.nodeInfo?.kubeletVersion ?? '', target]);
  return table([['COMPONENT', 'NODE', 'CURRENT', 'TARGET'], ...rows]);
}

function table(rows: string[][]): string[] {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i] + 3))).join('').trimEnd());
}

const PREAMBLE = ['[upgrade/config] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...', "[upgrade/config] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it."];

function plan(env: ShellEnv): CommandResult {
  const ctx = env.ctx;
  const cluster = ctx.scenario.cluster.kubernetesVersion;
  const kubeadm = packageVersion(ctx, env.target.host, 'kubeadm');
  const latestSame = `v${AVAILABLE.filter((v) => minor(v) === minor(cluster)).pop()}`;
  const target = `v${AVAILABLE.filter((v) => minor(v) <= minor(cluster) + 1).pop()}`;
  const head = ['[preflight] Running pre-flight checks.', ...PREAMBLE, '[upgrade] Running cluster health checks', '[upgrade] Fetching available versions to upgrade to', `[upgrade/versions] Cluster version: ${cluster}`, `[upgrade/versions] kubeadm version: ${kubeadm}`, `[upgrade/versions] Target version: ${target}`, `[upgrade/versions] Latest version in the v1.${minor(cluster)} series: ${latestSame}`, ''];
  if (target === cluster) return ok([...head, 'Awesome, you\'re up-to-date! Enjoy!'].join('\n'));
  const cp = controlPlaneHost(ctx).name;
  const comp = (name: string, node: string, from: string, to: string): string[] => [name, node, from, to];
  const lines = [
    ...head,
    "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':",
    ...nodesTable(ctx, target),
    '',
    'Upgrade to the latest stable version:',
    '',
    ...table([
      ['COMPONENT', 'NODE', 'CURRENT', 'TARGET'],
      comp('kube-apiserver', cp, cluster, target),
      comp('kube-controller-manager', cp, cluster, target),
      comp('kube-scheduler', cp, cluster, target),
      comp('kube-proxy', '', bare(cluster), target),
      comp('CoreDNS', '', 'v1.12.1', 'v1.12.1'),
      comp('etcd', cp, ETCD_IMAGE.split(':')[1], ETCD_IMAGE.split(':')[1]),
    ]),
    '',
    'You can now apply the upgrade by executing the following command:',
    '',
    `\tkubeadm upgrade apply ${target}`,
    '',
  ];
  if (kubeadm !== target) lines.push(`Note: Before you can perform this upgrade, you have to update kubeadm to ${target}.`, '');
  lines.push('_____________________________________________________________________');
  return ok(lines.join('\n'));
}

function apply(env: ShellEnv, args: string[]): CommandResult {
  const ctx = env.ctx;
  const want = args.find((a) => /^v?\d+\.\d+\.\d+$/.test(a));
  if (!want) return fail('[upgrade/version] FATAL: missing one or more required arguments. Required arguments: [version]\nTo see the stack trace of this error execute with --v=5 or higher');
  const target = `v${bare(want)}`;
  const cluster = ctx.scenario.cluster.kubernetesVersion;
  const kubeadm = packageVersion(ctx, env.target.host, 'kubeadm');
  const errs: string[] = [];
  if (!AVAILABLE.includes(bare(target))) errs.push(`Specified version to upgrade to "${target}" is not a released version`);
  else if (minor(target) > minor(cluster) + 1) errs.push(`Specified version to upgrade to "${target}" is too high; kubeadm can upgrade only 1 minor version at a time`);
  else if (minor(target) < minor(cluster) || (minor(target) === minor(cluster) && bare(target) < bare(cluster))) errs.push(`Specified version to upgrade to "${target}" is equal to or lower than the cluster version "${cluster}". Downgrades are not supported yet`);
  else if (bare(target) > bare(kubeadm) || minor(target) > minor(kubeadm)) errs.push(`Specified version to upgrade to "${target}" is higher than the kubeadm version "${kubeadm}". Upgrade kubeadm first using the tool you used to install kubeadm`);
  const head = [...PREAMBLE, '[upgrade/preflight] Running preflight checks', '[upgrade] Running cluster health checks', `[upgrade/preflight] You have chosen to upgrade the cluster version to "${target}"`, `[upgrade/versions] Cluster version: ${cluster}`, `[upgrade/versions] kubeadm version: ${kubeadm}`];
  if (errs.length > 0) return fail([...head, `error execution phase preflight: [upgrade/version] FATAL: the --version argument is invalid due to these fatal errors:`, '', ...errs.map((e) => `\t- ${e}`), '', 'Please fix the misalignments highlighted above and try upgrading again', 'To see the stack trace of this error execute with --v=5 or higher'].join('\n'));
  if (!args.includes('-y') && !args.includes('--yes') && !args.includes('-f') && !args.includes('--force')) {
    return fail([...head, '[upgrade] Are you sure you want to proceed? [y/N]: ', "error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue (the playground's terminal cannot answer: add -y)", 'To see the stack trace of this error execute with --v=5 or higher'].join('\n'));
  }
  // New manifests: the kubelet sees changed files and restarts each component on the new image.
  // Packages default to the cluster's version: pin them on every machine before it moves.
  for (const h of ctx.hosts.keys()) for (const pkg of ['kubeadm', 'kubelet', 'kubectl'] as const) setPackageVersion(ctx, h, pkg, packageVersion(ctx, h, pkg));
  ctx.scenario.cluster.kubernetesVersion = target;
  const cp = controlPlaneHost(ctx);
  const host = ctx.hosts.get(cp.name)!;
  const manifests = controlPlaneManifests(ctx, cp.ip);
  const stamp = isoAt(ctx.clock.now).slice(0, 19).replace(/[T:]/g, '-');
  const out = [...head, '[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster', '[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection', `[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${target}" (timeout: 5m0s)...`, `[upgrade/staticpods] Writing new Static Pod manifests to "/etc/kubernetes/tmp/kubeadm-upgraded-manifests${stamp}"`];
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    const path = Object.keys(manifests).find((p) => p.endsWith(`/${c}.yaml`));
    if (!path) continue;
    host.files[path] = manifests[path];
    out.push(`[upgrade/staticpods] Moving new manifest to "${path}" and backing up old manifest to "/etc/kubernetes/tmp/kubeadm-backup-manifests-${stamp}/${c}.yaml"`, '[upgrade/staticpods] Waiting for the kubelet to restart the component', '[upgrade/staticpods] This can take up to 5m0s', `[apiclient] Found 1 Pods for label selector component=${c}`, `[upgrade/staticpods] Component "${c}" upgraded successfully!`);
  }
  env.advance(5000);
  const proxy = ctx.api.get<DaemonSet>('DaemonSet', 'kube-system', 'kube-proxy');
  if (proxy) {
    for (const c of proxy.spec.template.spec.containers) c.image = c.image.replace(/:v[\d.]+$/, `:${target}`);
    ctx.api.update(proxy, 'kubeadm');
  }
  out.push(
    '[upgrade/control-plane] The control plane instance for this node was successfully upgraded!',
    '[upgrade/kubeconfig] The kubeconfig files for this node were successfully upgraded!',
    '[upgrade/kubelet-config] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
    '[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!',
    '[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules',
    '[addons] Applied essential addon: CoreDNS',
    '[addons] Applied essential addon: kube-proxy',
    '',
    `[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "${target}".`,
    '',
    '[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.',
  );
  return ok(out.join('\n'));
}

function node(env: ShellEnv): CommandResult {
  const isCp = env.ctx.hosts.get(env.target.host)?.role === 'control-plane';
  if (isCp) return ok([...PREAMBLE, '[upgrade/preflight] Running pre-flight checks', '[upgrade/control-plane] The control plane instance for this node was already upgraded by `kubeadm upgrade apply`', '[upgrade/kubelet-config] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"', '[upgrade] The configuration for this node was successfully upgraded!', '[upgrade] Now you should go ahead and upgrade the kubelet package using your package manager.'].join('\n'));
  return ok(
    [
      ...PREAMBLE,
      '[upgrade/preflight] Running pre-flight checks',
      '[upgrade/preflight] Skipping prepull. Not a control plane node.',
      '[upgrade/control-plane] Skipping phase. Not a control plane node.',
      '[upgrade/kubeconfig] Skipping phase. Not a control plane node.',
      '[upgrade/kubelet-config] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
      '[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!',
      '[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.',
      '[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.',
      '[upgrade] The configuration for this node was successfully upgraded!',
      '[upgrade] Now you should go ahead and upgrade the kubelet package using your package manager.',
    ].join('\n'),
  );
}

/** kubeadm upgrade plan | apply VERSION | node. */
export function kubeadmUpgrade(env: ShellEnv, args: string[]): CommandResult {
  const [verb, ...rest] = args;
  const isCp = env.ctx.hosts.get(env.target.host)?.role === 'control-plane';
  if ((verb === 'plan' || verb === 'apply') && !isCp) return fail('[upgrade/config] FATAL: failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher');
  if (verb === 'plan') return plan(env);
  if (verb === 'apply') return apply(env, rest);
  if (verb === 'node') return node(env);
  return fail(`unknown command "${verb ?? ''}" for "kubeadm upgrade" (the playground simulates plan, apply, node)`);
}
