/**
 * crictl, the CRI client, on a node: `crictl pods`, `crictl ps [-a]`, `crictl images`,
 * reading that node's container runtime (containerd or CRI-O) the way the kubelet sees it.
 * Columns follow crictl's tabwriter (minwidth 20, padding 3).
 */
import { imageDigest, imageSize } from '../runtime/images';
import { PAUSE_IMAGE, type Sandbox } from '../runtime/runtime';
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
  // Flags with a value (--pod ID, --name NAME, -p ID): their value is no positional.
  const valued = new Map<string, string>();
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^(--pod|-p|--name|--namespace)(?:=(.*))?$/.exec(args[i]);
    if (m) valued.set(m[1] === '-p' ? '--pod' : m[1], m[2] ?? args[++i] ?? '');
    else words.push(args[i]);
  }
  const flags = words.filter((a) => a.startsWith('-'));
  const [sub, ...rest] = words.filter((a) => !a.startsWith('-'));
  const now = env.ctx.clock.now;
  const quiet = flags.includes('-q') || flags.includes('--quiet');
  switch (sub) {
    case 'pods': {
      const pods = [...rt.sandboxes]
        .filter((p) => (!valued.has('--name') || new RegExp(valued.get('--name')!).test(p.name)) && (!valued.has('--namespace') || p.namespace === valued.get('--namespace')))
        .sort((a, b) => b.createdAt - a.createdAt);
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
      // CRI lists app containers only: the pause container is the sandbox (crictl pods, crictl inspectp).
      const pod = valued.get('--pod');
      const list = rt.containers
        .filter((c) => (all || c.state === 'CONTAINER_RUNNING') && (!pod || c.sandboxId.startsWith(pod)) && (!valued.has('--name') || new RegExp(valued.get('--name')!).test(c.name)))
        .sort((a, b) => b.createdAt - a.createdAt);
      if (quiet) return ok(list.map((c) => c.id).join('\n'));
      const state = (s: string): string => (s === 'CONTAINER_RUNNING' ? 'Running' : s === 'CONTAINER_EXITED' ? 'Exited' : 'Created');
      return ok(
        crictlTable(
          ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'],
          list.map((c) => {
            const sb = rt.sandboxes.find((s) => s.id === c.sandboxId);
            return [c.id.slice(0, 13), imageDigest(c.image).slice(0, 13), createdAgo(now - c.createdAt), state(c.state), c.name, String(c.attempt ?? 0), c.sandboxId.slice(0, 13), sb?.name ?? '', sb?.namespace ?? ''];
          }),
        ),
      );
    }
    case 'images':
    case 'img': {
      const imgs = [...rt.images, PAUSE_IMAGE].filter((v, i, a) => a.indexOf(v) === i).sort();
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
      if (sb) return ok(JSON.stringify(inspectSandbox(sb, rt.kind), null, 2));
      const csb = rt.sandboxes.find((s) => s.id === c!.sandboxId);
      // An app container joins the pause container's namespaces (network, ipc, uts): it gets no netns of its own.
      const joined = csb ? ['ipc', 'uts', 'network'].map((type) => ({ type, path: `/proc/${csb.pausePid ?? 1}/ns/${type === 'network' ? 'net' : type}` })) : [];
      return ok(JSON.stringify({ status: { id: c!.id, metadata: { name: c!.name, attempt: c!.attempt ?? 0 }, state: c!.state, image: { image: c!.image }, labels: { 'io.kubernetes.container.name': c!.name, 'io.kubernetes.pod.name': csb?.name ?? '', 'io.kubernetes.pod.namespace': csb?.namespace ?? '' } }, info: { sandboxID: c!.sandboxId, runtimeSpec: { annotations: { 'io.kubernetes.cri.container-type': 'container', 'io.kubernetes.cri.sandbox-id': c!.sandboxId }, linux: { namespaces: [{ type: 'pid' }, ...joined, { type: 'mount' }] } } } }, null, 2));
    }
    default:
      return fail(`crictl: the playground simulates: crictl pods, crictl ps [-a], crictl images, crictl inspectp ID, crictl version${sub ? ` (not "${sub}")` : ''}`);
  }
};

/** `crictl inspectp`: the sandbox, held by its pause container (the process whose netns the containers join). */
function inspectSandbox(sb: Sandbox, kind: 'containerd' | 'cri-o'): unknown {
  const netns = `/var/run/netns/${sb.netns}`;
  return {
    status: { id: sb.id, metadata: { attempt: 0, name: sb.name, namespace: sb.namespace, uid: sb.podUid }, state: sb.state, network: { additionalIps: [], ip: sb.ip ?? '' }, linux: { namespaces: { options: { ipc: 'POD', network: 'POD', pid: 'CONTAINER', targetId: '' } } }, labels: { 'io.kubernetes.pod.name': sb.name, 'io.kubernetes.pod.namespace': sb.namespace, 'io.kubernetes.pod.uid': sb.podUid } },
    info: {
      pid: sb.pausePid ?? 1,
      processStatus: sb.state === 'SANDBOX_READY' ? 'running' : 'exited',
      netNamespaceClosed: false,
      image: sb.pauseImage ?? PAUSE_IMAGE,
      runtimeHandler: '',
      runtimeType: kind === 'cri-o' ? 'runc' : 'io.containerd.runc.v2',
      runtimeSpec: {
        process: { args: ['/pause'], cwd: '/' },
        annotations: { 'io.kubernetes.cri.container-type': 'sandbox', 'io.kubernetes.cri.sandbox-id': sb.id, 'io.kubernetes.cri.sandbox-name': sb.name, 'io.kubernetes.cri.sandbox-namespace': sb.namespace, 'io.kubernetes.cri.sandbox-uid': sb.podUid },
        linux: { namespaces: [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }, { type: 'network', path: netns }] },
      },
    },
  };
}
