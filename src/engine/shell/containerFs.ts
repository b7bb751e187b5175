/**
 * Writing inside a container from its terminal: `echo x > /data/f` (and >>), `touch`, `rm`,
 * and `nginx -s stop` — enough to share a file through an emptyDir volume or to make an app
 * fail its health checks. Nodes keep their own files (see files.ts); these act on pods.
 */
import type { Pod } from '../api/types';
import { containerFiles, writeContainerFile } from '../kubelet/volumes';
import { httpStatus } from '../kubelet/probes';
import { isoAt } from '../sim/time';
import { fail, ok, type Command, type CommandResult, type ShellEnv } from './types';

function pod(env: ShellEnv): Pod | undefined {
  if (env.target.kind !== 'pod' || !env.target.pod) return undefined;
  const [ns, name] = env.target.pod.split('/');
  return env.ctx.api.get<Pod>('Pod', ns, name);
}

/** The files this pod terminal's container sees (empty on a node). */
export function podContainerFiles(env: ShellEnv): Record<string, string> {
  const p = pod(env);
  return p ? containerFiles(env.ctx, p, env.target.container) : {};
}

function absolute(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

function dirExists(files: Record<string, string>, path: string): boolean {
  const dir = path.replace(/\/[^/]*$/, '');
  if (dir === '' || ['/tmp', '/root', '/etc', '/var', '/usr', '/home', '/run'].includes(dir)) return true;
  return Object.keys(files).some((f) => f.startsWith(`${dir}/`));
}

/** Splits `cmd ... > file` / `>> file`; returns the words without the redirection. */
export function splitRedirect(words: string[]): { words: string[]; file?: string; append: boolean } | string {
  for (let i = 0; i < words.length; i++) {
    const m = /^(>>?)(.*)$/.exec(words[i]);
    if (!m) continue;
    const file = m[2] || words[i + 1];
    if (!file) return "syntax error: unexpected newline";
    return { words: [...words.slice(0, i), ...words.slice(i + (m[2] ? 1 : 2))], file, append: m[1] === '>>' };
  }
  return { words, append: false };
}

/** Writes a command's output to a file in the container (nodes: not simulated). */
export function redirectTo(env: ShellEnv, file: string, append: boolean, result: CommandResult, sh: string): CommandResult {
  const p = pod(env);
  if (!p) return fail(`${sh}: writing files on a node is not simulated in the playground (in a pod terminal it is)`, 1);
  const path = absolute(file);
  const files = containerFiles(env.ctx, p, env.target.container);
  if (!dirExists(files, path) && !mountDir(p, env.target.container, path)) return fail(`${sh}: can't create ${file}: nonexistent directory`, 1);
  const content = (append ? (files[path] ?? '') : '') + (result.out === '' ? '' : `${result.out}\n`);
  const err = writeContainerFile(env.ctx, p, env.target.container, path, content);
  if (err) return fail(`${sh}: can't create ${file}: ${err}`, 1);
  return { out: '', code: result.code };
}

/** Whether `path` sits directly in a volume's mount directory (an empty emptyDir has no files yet). */
function mountDir(p: Pod, container: string | undefined, path: string): boolean {
  const c = p.spec.containers.find((x) => x.name === container) ?? p.spec.containers[0];
  const dir = path.replace(/\/[^/]*$/, '');
  return (c?.volumeMounts ?? []).some((m) => dir === m.mountPath.replace(/\/$/, '') || dir.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
}

export const touch: Command = (args, env) => {
  const p = pod(env);
  if (!p) return ok('');
  const files = containerFiles(env.ctx, p, env.target.container);
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    const path = absolute(a);
    if (files[path] !== undefined) continue;
    if (!dirExists(files, path) && !mountDir(p, env.target.container, path)) return fail(`touch: ${a}: No such file or directory`);
    const err = writeContainerFile(env.ctx, p, env.target.container, path, '');
    if (err) return fail(`touch: ${a}: ${err}`);
  }
  return ok('');
};

export const rm: Command = (args, env) => {
  const p = pod(env);
  if (!p) return fail('rm: removing files on a node is not simulated in the playground (in a pod terminal it is)');
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
  const files = containerFiles(env.ctx, p, env.target.container);
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    const path = absolute(a);
    if (files[path] === undefined) {
      if (!force) return fail(`rm: can't remove '${a}': No such file or directory`);
      continue;
    }
    const err = writeContainerFile(env.ctx, p, env.target.container, path, null);
    if (err) return fail(`rm: can't remove '${a}': ${err}`);
  }
  return ok('');
};

/** `nginx -s stop|quit`: the master process (PID 1 of the container) exits, and the container with it. */
export const nginx: Command = (args, env) => {
  const p = pod(env);
  const c = p?.spec.containers.find((x) => x.name === env.target.container) ?? p?.spec.containers[0];
  if (!p || !c || !/(^|\/)nginx(:|@|$)/.test(c.image)) return fail(env.target.kind === 'pod' ? 'sh: nginx: not found' : 'bash: nginx: command not found', 127);
  if (args[0] === '-v') return ok('nginx version: nginx/1.27.5');
  if (args[0] === '-t') return ok('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful');
  if (args[0] !== '-s' || !['stop', 'quit', 'reload', 'reopen'].includes(args[1] ?? '')) return fail('nginx: the playground simulates: nginx -s stop|quit|reload, nginx -t, nginx -v');
  const notice = `${nginxTime(env.ctx.clock.now)} [notice] 35#35: signal process started`;
  if (args[1] === 'reload' || args[1] === 'reopen') return ok(notice);
  const kubelet = env.ctx.kubelets?.get(p.spec.nodeName ?? '') as { killContainer?: (uid: string, name: string, code?: number) => void } | undefined;
  // The terminal's own session ends with the container (real: "command terminated with exit code 137").
  env.ctx.clock.schedule(0, 'nginx', () => kubelet?.killContainer?.(p.metadata.uid!, c.name, 0));
  return ok(notice);
};

function nginxTime(ms: number): string {
  return isoAt(ms).slice(0, 19).replace('T', ' ').replace(/-/g, '/');
}

const REASONS: Record<number, string> = { 301: 'Moved Permanently', 403: 'Forbidden', 404: 'Not Found' };

/** nginx's own error page when its html directory has no index.html any more (403 Forbidden, as autoindex is off). */
export function nginxErrorPage(env: ShellEnv, podId: string | undefined, listener: string | undefined, path: string): string | undefined {
  if (!podId || !listener?.startsWith('nginx')) return undefined;
  const [ns, name] = podId.split('/');
  const p = env.ctx.api.get<Pod>('Pod', ns, name);
  const status = p ? httpStatus(env.ctx, p, listener, path) : 200;
  // Only the directory-without-index case: elsewhere the playground's nginx still answers any path with its page.
  if (status !== 403) return undefined;
  const title = `${status} ${REASONS[status]}`;
  return `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx/1.27.5</center>\n</body>\n</html>`;
}

/** The status line of a page from nginxErrorPage: [code, "403 Forbidden"], or undefined for a normal page. */
export function errorStatus(page: string): [number, string] | undefined {
  const m = /^<html>\n<head><title>(\d{3}) ([^<]+)<\/title>/.exec(page);
  return m ? [Number(m[1]), `${m[1]} ${m[2]}`] : undefined;
}
