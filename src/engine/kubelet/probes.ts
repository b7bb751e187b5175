/**
 * The kubelet's prober: for every running container its startup, liveness and readiness
 * probes, each on its own timer in simulated time (initialDelaySeconds, then every
 * periodSeconds). A startup probe gates the other two; readiness results set the
 * container's `ready` (and so the pod's Ready condition and its Service endpoints); a
 * liveness or startup probe failing failureThreshold times in a row kills the container,
 * which the kubelet restarts with its usual back-off.
 */
import type { Container, Pod, Probe } from '../api/types';
import { recordEvent, type SimContext } from '../sim/context';
import { podListener } from '../net/sockets';
import { containerFiles } from './volumes';

export interface ProbeHost {
  ctx: SimContext;
  nodeName: string;
  /** Runs `fn` after `ms` unless the kubelet stopped meanwhile (background: probes never end). */
  later(ms: number, fn: () => void): void;
  current(uid: string): Pod | undefined;
  /** A readiness/startup result changed the container's ready/started flags. */
  setState(uid: string, name: string, ready: boolean, started: boolean): void;
  /** Liveness (or startup) failed: kill the container; the kubelet restarts it. */
  kill(uid: string, name: string): void;
}

type Kind = 'Startup' | 'Liveness' | 'Readiness';

interface State {
  gen: number;
  started: boolean;
  ready: boolean;
}

export interface ProbeResult {
  ok: boolean;
  /** What the kubelet puts after "Liveness probe failed: ". */
  output: string;
}

export class Prober {
  private states = new Map<string, State>();
  private gen = 0;

  constructor(private readonly host: ProbeHost) {}

  /** Whether the container counts as ready/started right now (true when it has no such probe). */
  ready(uid: string, c: Container): boolean {
    return this.states.get(`${uid}/${c.name}`)?.ready ?? !(c.readinessProbe || c.startupProbe);
  }

  started(uid: string, c: Container): boolean {
    return this.states.get(`${uid}/${c.name}`)?.started ?? !c.startupProbe;
  }

  /** The container (re)started: its probes start over. */
  start(pod: Pod, c: Container): void {
    const uid = pod.metadata.uid!;
    const st: State = { gen: ++this.gen, started: !c.startupProbe, ready: !(c.readinessProbe || c.startupProbe) };
    this.states.set(`${uid}/${c.name}`, st);
    if (c.startupProbe) this.schedule(uid, c, 'Startup', c.startupProbe, st, true);
    else this.afterStartup(uid, c, st);
  }

  /** The container stopped: its pending probes are dropped. */
  stop(uid: string, name: string): void {
    this.states.delete(`${uid}/${name}`);
  }

  podGone(uid: string): void {
    for (const k of [...this.states.keys()]) if (k.startsWith(`${uid}/`)) this.states.delete(k);
  }

  private afterStartup(uid: string, c: Container, st: State): void {
    if (c.livenessProbe) this.schedule(uid, c, 'Liveness', c.livenessProbe, st, true);
    if (c.readinessProbe) this.schedule(uid, c, 'Readiness', c.readinessProbe, st, true);
    else if (!st.ready) {
      st.ready = true;
      this.host.setState(uid, c.name, true, true);
    }
  }

  private schedule(uid: string, c: Container, kind: Kind, probe: Probe, st: State, first: boolean, fails = 0, oks = 0): void {
    const period = (probe.periodSeconds ?? 10) * 1000;
    const delay = first ? (probe.initialDelaySeconds ?? 0) * 1000 : period;
    this.host.later(delay, () => {
      if (this.states.get(`${uid}/${c.name}`)?.gen !== st.gen) return;
      const pod = this.host.current(uid);
      if (!pod || pod.metadata.deletionTimestamp) return;
      const r = runProbe(this.host.ctx, pod, c, probe);
      const failureThreshold = probe.failureThreshold ?? 3;
      const successThreshold = probe.successThreshold ?? 1;
      if (r.ok) {
        oks++;
        fails = 0;
        if (kind === 'Startup') {
          st.started = true;
          this.host.setState(uid, c.name, st.ready, true);
          this.afterStartup(uid, c, st);
          return;
        }
        if (kind === 'Readiness' && !st.ready && oks >= successThreshold) {
          st.ready = true;
          this.host.setState(uid, c.name, true, st.started);
        }
      } else {
        fails++;
        oks = 0;
        recordEvent(this.host.ctx, pod, 'Warning', 'Unhealthy', `${kind} probe failed: ${r.output}`, 'kubelet', this.host.nodeName);
        if (kind === 'Readiness' && st.ready && fails >= failureThreshold) {
          st.ready = false;
          this.host.setState(uid, c.name, false, st.started);
        }
        if (kind !== 'Readiness' && fails >= failureThreshold) {
          recordEvent(this.host.ctx, pod, 'Normal', 'Killing', `Container ${c.name} failed ${kind.toLowerCase()} probe, will be restarted`, 'kubelet', this.host.nodeName);
          this.states.delete(`${uid}/${c.name}`);
          this.host.kill(uid, c.name);
          return;
        }
      }
      this.schedule(uid, c, kind, probe, st, false, fails, oks);
    });
  }
}

function probePort(pod: Pod, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === port) return p.containerPort;
  return undefined;
}

/** One probe, the way the kubelet runs it: HTTP GET or TCP connect to the pod IP, or a command in the container. */
export function runProbe(ctx: SimContext, pod: Pod, c: Container, probe: Probe): ProbeResult {
  const ip = pod.status?.podIP ?? '';
  if (probe.exec) return execProbe(ctx, pod, c, probe.exec.command);
  const spec = probe.httpGet ?? probe.tcpSocket;
  if (!spec) return { ok: true, output: '' };
  const port = probePort(pod, spec.port);
  if (port === undefined) return { ok: false, output: `strconv.Atoi: parsing "${spec.port}": invalid syntax` };
  const listener = podListener(pod, 'tcp', port);
  if (probe.tcpSocket) return listener ? { ok: true, output: '' } : { ok: false, output: `dial tcp ${ip}:${port}: connect: connection refused` };
  const path = probe.httpGet!.path ?? '/';
  if (!listener) return { ok: false, output: `Get "http://${ip}:${port}${path}": dial tcp ${ip}:${port}: connect: connection refused` };
  const status = httpStatus(ctx, pod, listener, path);
  // The kubelet counts 200–399 as success.
  return status >= 200 && status < 400 ? { ok: true, output: '' } : { ok: false, output: `HTTP probe failed with statuscode: ${status}` };
}

/** What the server answers for GET path: nginx serves /usr/share/nginx/html (403 for a directory without index.html, 404 for a missing file). */
export function httpStatus(ctx: SimContext, pod: Pod, listener: string, path: string): number {
  if (!listener.startsWith('nginx')) return 200;
  const name = /\(container ([^)]+)\)/.exec(listener)?.[1];
  const files = containerFiles(ctx, pod, name);
  const root = '/usr/share/nginx/html';
  const p = path.split('?')[0];
  if (p.endsWith('/')) return files[`${root}${p}index.html`] !== undefined ? 200 : 403;
  if (files[`${root}${p}`] !== undefined) return 200;
  return Object.keys(files).some((f) => f.startsWith(`${root}${p}/`)) ? 301 : 404;
}

const BUSYBOX = /(^|\/)(busybox|alpine)(:|@|$)/;

/** exec probes: the commands health checks use (cat, test, ls, true/false), over the container's files. */
function execProbe(ctx: SimContext, pod: Pod, c: Container, command: string[]): ProbeResult {
  let words = command;
  if (['sh', '/bin/sh', 'bash', '/bin/bash'].includes(words[0]) && words[1] === '-c') words = (words[2] ?? '').trim().split(/\s+/);
  const files = containerFiles(ctx, pod, c.name);
  const [cmd, ...args] = words;
  const paths = args.filter((a) => !a.startsWith('-') && a !== '[' && a !== ']');
  const missing = paths.find((p) => files[p] === undefined && !Object.keys(files).some((f) => f.startsWith(`${p.replace(/\/$/, '')}/`)));
  switch (cmd.replace(/^.*\//, '')) {
    case 'true':
      return { ok: true, output: '' };
    case 'false':
      return { ok: false, output: '' };
    case 'cat':
      if (!missing) return { ok: true, output: paths.map((p) => files[p] ?? '').join('') };
      return { ok: false, output: BUSYBOX.test(c.image) ? `cat: can't open '${missing}': No such file or directory` : `cat: ${missing}: No such file or directory` };
    case 'ls':
      return missing ? { ok: false, output: `ls: ${missing}: No such file or directory` } : { ok: true, output: '' };
    case 'test':
    case '[':
      return { ok: !missing, output: '' };
    default:
      return { ok: true, output: '' };
  }
}
