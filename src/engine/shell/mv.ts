/**
 * mv on a machine's files — the classic static pod exercise: moving
 * /etc/kubernetes/manifests/kube-scheduler.yaml out of the kubelet's staticPodPath stops the
 * scheduler, moving it back starts it again.
 */
import { fail, ok, type Command, type ShellEnv } from './types';

/** Directories every machine has, even with no simulated file in them. */
const STANDARD_DIRS = ['/', '/tmp', '/root', '/home', '/etc', '/etc/kubernetes', '/etc/kubernetes/manifests', '/etc/cni', '/etc/cni/net.d', '/opt', '/opt/cni/bin', '/run', '/var', '/var/lib', '/var/tmp'];

function absolute(path: string): string {
  const p = path.startsWith('/') ? path : `/root/${path.replace(/^~\/?/, '')}`;
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

function isDir(files: Record<string, string>, path: string): boolean {
  return STANDARD_DIRS.includes(path) || Object.keys(files).some((f) => f.startsWith(`${path}/`));
}

function parent(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

export const mv: Command = (args, env: ShellEnv) => {
  const operands = args.filter((a) => !/^-[fivn]+$/.test(a));
  if (operands.length < 2) return fail(operands.length === 0 ? "mv: missing file operand\nTry 'mv --help' for more information." : `mv: missing destination file operand after '${operands[0]}'\nTry 'mv --help' for more information.`);
  if (env.target.kind === 'pod') return fail(`mv: cannot stat '${operands[0]}': No such file or directory`);
  const files = env.ctx.hosts.get(env.target.host)!.files;
  const dstArg = operands[operands.length - 1];
  const dst = absolute(dstArg);
  const sources = operands.slice(0, -1);
  if (sources.length > 1 && !isDir(files, dst)) return fail(`mv: target '${dstArg}' is not a directory`);
  const errs: string[] = [];
  for (const s of sources) {
    const src = absolute(s);
    if (files[src] === undefined) {
      errs.push(isDir(files, src) ? `mv: cannot move '${s}': the playground moves files, not directories` : `mv: cannot stat '${s}': No such file or directory`);
      continue;
    }
    const to = isDir(files, dst) ? `${dst === '/' ? '' : dst}/${src.slice(src.lastIndexOf('/') + 1)}` : dst;
    if (!isDir(files, parent(to))) {
      errs.push(`mv: cannot move '${s}' to '${dstArg}': No such file or directory`);
      continue;
    }
    if (to === src) continue;
    files[to] = files[src];
    delete files[src];
  }
  return errs.length > 0 ? fail(errs.join('\n')) : ok('');
};
