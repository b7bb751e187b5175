/**
 * kubectl logs: what the simulated containers print. nginx writes its entrypoint and start-up
 * lines (and an access line per request, when the network model reports them in
 * ctx.accessLog); busybox running `sleep` prints nothing.
 */
import type { Container, Pod } from '../../api/types';
import { ApiError } from '../../apiserver/errors';
import { SIM_EPOCH_MS } from '../../sim/time';
import { daemonFor } from '../../kubelet/daemons';
import { failedStartLog } from '../../kubelet/ports';
import { fail, ok, type CommandResult } from '../types';
import type { Kctx } from './context';

export const LOGS_FLAGS = { value: ['container', 'tail', 'since', 'selector'], bool: ['follow', 'previous', 'timestamps', 'all-containers', 'prefix'], short: { c: 'container', f: 'follow', p: 'previous', l: 'selector' } };

function nginxTime(ms: number): string {
  const d = new Date(SIM_EPOCH_MS + ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function nginxVersion(image: string): string {
  const tag = image.split(':')[1] ?? 'latest';
  const known: Record<string, string> = { '1.27': '1.27.5', '1.28': '1.28.0', '1.29': '1.29.1', latest: '1.29.1', '1.26': '1.26.3', '1.25': '1.25.5' };
  return known[tag] ?? (/^\d+\.\d+\.\d+/.test(tag) ? tag.split('-')[0] : '1.29.1');
}

/** The lines a container has written since it started (at simulated time `started`). */
export function containerLogs(c: Container, started: number, accessLines: string[]): string[] {
  const cmd = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  const image = c.image.toLowerCase();
  const echo = /\becho\s+(["']?)(.*?)\1(\s*(;|&&|$))/.exec(cmd);
  if (echo && !image.includes('nginx')) return [echo[2]];
  if (image.includes('nginx') && !c.command) {
    const t = nginxTime(started);
    return [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      `${t} [notice] 1#1: using the "epoll" event method`,
      `${t} [notice] 1#1: nginx/${nginxVersion(c.image)}`,
      `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) `,
      `${t} [notice] 1#1: OS: Linux 6.1.0-27-amd64`,
      `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${t} [notice] 1#1: start worker processes`,
      `${t} [notice] 1#1: start worker process 29`,
      `${t} [notice] 1#1: start worker process 30`,
      ...accessLines,
    ];
  }
  return [];
}

export function logs(k: Kctx): CommandResult {
  const [first, second] = k.p.positional;
  if (!first) return fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  let pod: Pod | undefined;
  if (first.includes('/')) {
    const [t, n] = first.split('/');
    if (['pod', 'pods', 'po'].includes(t)) pod = k.env.ctx.api.get<Pod>('Pod', k.namespace, n);
    else {
      // deployment/web: kubectl picks one of its pods.
      const pods = k.env.ctx.api.list<Pod>('Pod', k.namespace).filter((p) => p.metadata.name.startsWith(`${n}-`) && p.status?.phase === 'Running');
      pod = pods[0];
      if (!pod) return fail(`error: timed out waiting for the condition`);
    }
    if (!pod) return fail(new ApiError(404, 'NotFound', `pods "${n}" not found`).kubectlLine());
  } else {
    pod = k.env.ctx.api.get<Pod>('Pod', k.namespace, first);
    if (!pod) return fail(new ApiError(404, 'NotFound', `pods "${first}" not found`).kubectlLine());
  }
  const name = k.p.flags.get('container') ?? second;
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  let c: Container | undefined;
  if (name) {
    c = all.find((x) => x.name === name);
    if (!c) return fail(`error: container ${name} is not valid for pod ${pod.metadata.name}`);
  } else if (pod.spec.containers.length > 1 && !k.p.flags.has('all-containers')) {
    c = pod.spec.containers[0];
  } else c = pod.spec.containers[0];
  const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === c!.name);
  // Which container instance the kubelet reads (validateContainerLogStatus): -p the last terminated one;
  // else the running one, the terminated one, or — waiting in CrashLoopBackOff — the run that just exited.
  const last = status?.lastState?.terminated;
  const previous = k.p.flags.has('previous');
  const bad = (msg: string): CommandResult => fail(`Error from server (BadRequest): ${msg}`);
  if (previous && !last) return bad(`previous terminated container "${c.name}" in pod "${pod.metadata.name}" not found`);
  const startedIso = previous ? (last!.startedAt ?? last!.finishedAt) : (status?.state.running?.startedAt ?? status?.state.terminated?.finishedAt ?? last?.startedAt ?? last?.finishedAt);
  // A server that failed to start (a port already bound in the pod) printed why before it exited.
  const crash = failedStartLog(k.env.ctx, pod, c.name);
  if (crash) return ok(crash.join('\n'));
  if (!startedIso) {
    const reason = status?.state.waiting?.reason ?? 'ContainerCreating';
    const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
    return bad(`container "${c.name}" in pod "${pod.metadata.name}" is waiting to start: ${why}`);
  }
  // A Kubemark hollow node's fake runtime names a log file (the kubelet's CRI config) but writes none.
  if (pod.spec.nodeName && k.env.ctx.hollow?.has(pod.spec.nodeName)) {
    const file = `/var/log/pods/${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}/${c.name}/${status?.restartCount ?? 0}.log`;
    return fail(`Error from server: failed to try resolving symlinks in path "${file}": lstat ${file}: no such file or directory`);
  }
  const started = Date.parse(startedIso) - SIM_EPOCH_MS;
  const access = k.env.ctx.accessLog?.get(`${pod.metadata.namespace}/${pod.metadata.name}`) ?? [];
  // System images (flanneld ...) print what their in-process daemon logged since this container started.
  const daemon = pod.spec.containers.includes(c) && pod.spec.nodeName ? daemonFor(c.image) : undefined;
  let lines = daemon?.logs ? daemon.logs({ ctx: k.env.ctx, host: pod.spec.nodeName!, pod, container: c }, started) : containerLogs(c, started, access);
  const tail = k.p.flags.get('tail');
  if (tail !== undefined && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
  const header = pod.spec.containers.length > 1 && !name ? `Defaulted container "${c.name}" out of: ${pod.spec.containers.map((x) => x.name).join(', ')}\n` : '';
  return ok(header + lines.join('\n'));
}
