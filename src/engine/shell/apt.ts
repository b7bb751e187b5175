/**
 * apt-get, apt-mark and apt-cache for the Kubernetes packages (pkgs.k8s.io): enough for the
 * kubeadm upgrade steps. kubelet, kubeadm and kubectl start held, as the install guide leaves
 * them (`apt-mark hold`); installing a new kubelet changes the binary, and the Node reports the
 * new version once the kubelet restarts (`systemctl restart kubelet`).
 */
import type { SimContext } from '../sim/context';
import { fail, ok, type Command } from './types';
import { AVAILABLE, packageVersion, setPackageVersion, type Package } from './upgrade';

const PKGS: Package[] = ['kubeadm', 'kubelet', 'kubectl'];
const unheld = new WeakMap<SimContext, Set<string>>();
const isHeld = (ctx: SimContext, host: string, pkg: string): boolean => !unheld.get(ctx)?.has(`${host}/${pkg}`);
const DEB = (v: string): string => `${v.replace(/^v/, '')}-1.1`;
const HEADER = ['Reading package lists... Done', 'Building dependency tree... Done', 'Reading state information... Done'];

export const aptMark: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: apt-mark: not found', 127);
  const [verb, ...pkgs] = args;
  if (verb === 'showhold') return ok(PKGS.filter((p) => isHeld(env.ctx, env.target.host, p)).join('\n'));
  if (verb !== 'hold' && verb !== 'unhold') return fail(`E: Invalid operation ${verb ?? ''}`, 100);
  let set = unheld.get(env.ctx);
  if (!set) unheld.set(env.ctx, (set = new Set()));
  const out: string[] = [];
  for (const p of pkgs) {
    if (!PKGS.includes(p as Package)) return fail(`E: Unable to locate package ${p}`, 100);
    const key = `${env.target.host}/${p}`;
    const was = !set.has(key);
    if (verb === 'hold') set.delete(key);
    else set.add(key);
    out.push(verb === 'hold' ? (was ? `${p} was already set on hold.` : `${p} set on hold.`) : was ? `Canceled hold on ${p}.` : `${p} was already not on hold.`);
  }
  return ok(out.join('\n'));
};

export const aptCache: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: apt-cache: not found', 127);
  const [verb, pkg] = args;
  if (verb !== 'madison' || !PKGS.includes(pkg as Package)) return fail('the playground simulates: apt-cache madison kubeadm|kubelet|kubectl', 100);
  return ok([...AVAILABLE].reverse().map((v) => `   ${pkg} | ${DEB(v)} | https://pkgs.k8s.io/core:/stable:/v${v.split('.').slice(0, 2).join('.')}/deb  Packages`).join('\n'));
};

export const aptGet: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: apt-get: not found', 127);
  const words = args.filter((a) => !a.startsWith('-'));
  const [verb, ...specs] = words;
  const ctx = env.ctx;
  const host = env.target.host;
  if (verb === 'update') return ok(['Hit:1 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.35/deb  InRelease', 'Reading package lists... Done'].join('\n'));
  if (verb !== 'install') return fail('E: the playground simulates apt-get update and apt-get install kubeadm|kubelet|kubectl[=VERSION]', 100);
  const changes: [Package, string, string][] = [];
  for (const spec of specs) {
    const [name, ver] = spec.replace(/['"]/g, '').split('=');
    if (!PKGS.includes(name as Package)) return fail([...HEADER, `E: Unable to locate package ${name}`].join('\n'), 100);
    const pkg = name as Package;
    const wanted = ver === undefined ? AVAILABLE.at(-1)! : AVAILABLE.find((v) => ver === DEB(v) || (ver.endsWith('*') && DEB(v).startsWith(ver.slice(0, -1))));
    if (!wanted) return fail([...HEADER, `E: Version '${ver}' for '${name}' was not found`].join('\n'), 100);
    const cur = packageVersion(ctx, host, pkg);
    if (`v${wanted}` !== cur) changes.push([pkg, cur, `v${wanted}`]);
  }
  if (changes.length === 0) return ok([...HEADER, ...specs.map((s) => `${s.split('=')[0]} is already the newest version.`), '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.'].join('\n'));
  const held = changes.filter(([p]) => isHeld(ctx, host, p)).map(([p]) => p);
  if (held.length > 0 && !args.includes('--allow-change-held-packages')) {
    return fail([...HEADER, 'The following held packages will be changed:', `  ${held.join(' ')}`, ...(args.includes('-y') ? ['E: Held packages were changed and -y was used without --allow-change-held-packages.'] : ['Do you want to continue? [Y/n] Abort.'])].join('\n'), 100);
  }
  if (!args.includes('-y') && !args.includes('--yes')) return fail([...HEADER, 'Do you want to continue? [Y/n] Abort. (the playground\'s terminal cannot answer: add -y)'].join('\n'), 1);
  const names = changes.map(([p]) => p);
  const out = [...HEADER, 'The following packages will be upgraded:', `  ${names.join(' ')}`, `${names.length} upgraded, 0 newly installed, 0 to remove and 0 not upgraded.`];
  changes.forEach(([p, , to], i) => out.push(`Get:${i + 1} https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v${to.slice(1).split('.').slice(0, 2).join('.')}/deb  ${p} ${DEB(to)}`));
  for (const [p, from, to] of changes) {
    out.push(`Preparing to unpack .../${p}_${DEB(to)}_amd64.deb ...`, `Unpacking ${p} (${DEB(to)}) over (${DEB(from)}) ...`);
    setPackageVersion(ctx, host, p, to);
  }
  for (const [p, , to] of changes) out.push(`Setting up ${p} (${DEB(to)}) ...`);
  return ok(out.join('\n'));
};
