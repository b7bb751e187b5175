/**
 * crictl, the CRI client, on a node: `crictl pods`, `crictl ps [-a]`, `crictl images`,
 * reading that node's container runtime (containerd or CRI-O) the way the kubelet sees it.
 * Columns follow crictl's tabwriter (minwidth 20, padding 3).
 */
import { imageDigest, imageSize } from '../runtime/images';
import { fail, ok, type Command, type ShellEnv } from './types';

/** crictl's layout: every column at least 20 wide, 3 spaces after the widest cell. */
export function crictlTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(20, ...all.map((r) => (r[i] ?? '').length + 3)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n');
}

/** go-units HumanDuration + " ago", as crictl prints CREATED. */
export function createdAgo(ms: number): string {
  const s = Math.floor(ms / 1000);
  let d: string;
  if (s < 1) d = 'Less than a second';
  else if (s === 1) d = '1 second';
  else if (s < 60) d = `${s} seconds`;
  else if (Math.floor(s / 60) === 1) d = 'About a minute';
  else if (s < 3600) d = `${Math.floor(s / 60)} minutes`;
  else if (Math.round(s / 3600) === 1) d = 'About an hour';
  else if (s < 48 * 3600) d = `${Math.round(s / 3600)} hours`;
  else d = `${Math.round(s / 86400)} days`;
  return `${d} ago`;
}

function repoTag(ref: string): [string, string] {
  const i = ref.lastIndexOf(':');
  return i > ref.lastIndexOf('/') ? [ref.slice(0, i), ref.slice(i + 1)] : [ref, 'latest'];
}

function humanSize(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(3 - String(Math.floor(bytes / 1e9)).length)}GB`.replace(/\.?0+GB$/, 'GB');
  if (bytes >= 1e6) return `${Number((bytes / 1e6).toPrecision(3))}MB`;
  if (bytes >= 1e3) return `${Number((bytes / 1e3).toPrecision(3))}kB`;
  return `${bytes}B`;
}

function runtimeOf(env: ShellEnv) {
  return env.ctx.runtimes.get(env.target.host);
}

export const crictl: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: crictl: not found', 127);
  const rt = runtimeOf(env);
  if (!rt) return fail('bash: crictl: command not found', 127);
  const flags = args.filter((a) => a.startsWith('-'));
  const [sub, ...rest] = args.filter((a) => !a.startsWith('-'));
  const now = env.ctx.clock.now;
  const quiet = flags.includes('-q') || flags.includes('--quiet');
  switch (sub) {
    case 'pods': {
      const pods = [...rt.sandboxes].sort((a, b) => b.createdAt - a.createdAt);
      if (quiet) return ok(pods.map((p) => p.id).join('\n'));
      return ok(
        crictlTable(
          ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'],
          pods.map((p) => [p.id.slice(0, 13), createdAgo(now - p.createdAt), p.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady', p.name, p.namespace, '0', '(default)']),
        ),
      );
    }
    case 'ps': {
      const all = flags.includes('-a') || flags.includes('--all');
      const list = rt.containers.filter((c) => all || c.state === 'CONTAINER_RUNNING').sort((a, b) => b.createdAt - a.createdAt);
      if (quiet) return ok(list.map((c) => c.id).join('\n'));
      const state = (s: string): string => (s === 'CONTAINER_RUNNING' ? 'Running' : s === 'CONTAINER_EXITED' ? 'Exited' : 'Created');
      return ok(
        crictlTable(
          ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'],
          list.map((c) => {
            const sb = rt.sandboxes.find((s) => s.id === c.sandboxId);
            return [c.id.slice(0, 13), imageDigest(c.image).slice(0, 13), createdAgo(now - c.createdAt), state(c.state), c.name, '0', c.sandboxId.slice(0, 13), sb?.name ?? '', sb?.namespace ?? ''];
          }),
        ),
      );
    }
    case 'images':
    case 'img': {
      const imgs = [...rt.images, 'registry.k8s.io/pause:3.10.1'].filter((v, i, a) => a.indexOf(v) === i).sort();
      if (quiet) return ok(imgs.map((i) => `sha256:${imageDigest(i)}`).join('\n'));
      return ok(crictlTable(['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], imgs.map((i) => [...repoTag(i), imageDigest(i).slice(0, 13), humanSize(imageSize(i))])));
    }
    case 'info':
    case 'version':
      return ok(`Version:  0.1.0\nRuntimeName:  ${rt.kind === 'cri-o' ? 'cri-o' : 'containerd'}\nRuntimeVersion:  ${rt.kind === 'cri-o' ? '1.34.1' : 'v2.1.4'}\nRuntimeApiVersion:  v1`);
    case 'inspectp':
    case 'inspect': {
      const id = rest[0];
      const sb = rt.sandboxes.find((s) => s.id.startsWith(id ?? '\0'));
      const c = rt.containers.find((x) => x.id.startsWith(id ?? '\0'));
      if (!id || (!sb && !c)) return fail(`E0105 getting the status of "${id ?? ''}": rpc error: code = NotFound desc = an error occurred when try to find ${sub === 'inspectp' ? 'sandbox' : 'container'} "${id ?? ''}": not found`);
      if (sb) return ok(JSON.stringify({ status: { id: sb.id, metadata: { name: sb.name, namespace: sb.namespace, uid: sb.podUid, attempt: 0 }, state: sb.state, network: { ip: sb.ip ?? '' } }, info: { runtimeSpec: { linux: { namespaces: [{ type: 'network', path: `/var/run/netns/${sb.netns}` }] } } } }, null, 2));
      return ok(JSON.stringify({ status: { id: c!.id, metadata: { name: c!.name, attempt: 0 }, state: c!.state, image: { image: c!.image } } }, null, 2));
    }
    default:
      return fail(`crictl: the playground simulates: crictl pods, crictl ps [-a], crictl images, crictl inspectp ID, crictl version${sub ? ` (not "${sub}")` : ''}`);
  }
};
