/**
 * The sockets a pod's containers bind. All containers of a pod share the sandbox's network
 * namespace (held by the pause container), so two processes binding the same port collide:
 * the second one fails as the real server does (nginx: "bind() ... failed (98: Address
 * already in use)") and its container exits — CrashLoopBackOff.
 */
import type { Container, Pod } from '../api/types';
import { IMAGE_PORTS } from '../net/sockets';
import { containerProgram } from './program';
import { SIM_EPOCH_MS } from '../sim/time';
import type { SimContext } from '../sim/context';

/** The TCP/UDP ports the container's main process binds (its image's, plus declared ones of a server). */
export function boundPorts(c: Container): string[] {
  const known = IMAGE_PORTS.find((k) => k.match.test(c.image));
  const out = new Set<string>();
  // A custom command replaces the image's server (busybox `sleep` binds nothing).
  if (known && !c.command) for (const [pr, po] of known.ports) out.add(`${pr}/${po}`);
  if (known && !c.command) for (const p of c.ports ?? []) out.add(`${(p.protocol ?? 'TCP').toLowerCase()}/${p.containerPort}`);
  return [...out];
}

/** The first port `c` would bind that an earlier running container of the pod already holds. */
export function portConflict(pod: Pod, c: Container, running: (name: string) => boolean): string | undefined {
  const mine = boundPorts(c);
  for (const other of pod.spec.containers) {
    if (other.name === c.name) break;
    if (!running(other.name)) continue;
    const clash = boundPorts(other).find((p) => mine.includes(p));
    if (clash) return clash;
  }
  return undefined;
}

function stamp(ms: number): string {
  const d = new Date(SIM_EPOCH_MS + ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** What the losing server prints before it exits (nginx retries the bind five times, 0.5 s apart). */
export function bindFailureLog(c: Container, port: string, now: number): string[] {
  const [, num] = port.split('/');
  const proc = IMAGE_PORTS.find((k) => k.match.test(c.image))?.proc ?? c.name;
  if (proc !== 'nginx') return [`${proc}: listen tcp :${num}: bind: address already in use`];
  const lines: string[] = [];
  for (let i = 0; i < 5; i++) {
    const t = stamp(now + i * 500);
    lines.push(`${t} [emerg] 1#1: bind() to 0.0.0.0:${num} failed (98: Address already in use)`, `nginx: [emerg] bind() to 0.0.0.0:${num} failed (98: Address already in use)`);
  }
  lines.push(`${stamp(now + 2500)} [emerg] 1#1: still could not bind()`, 'nginx: [emerg] still could not bind()');
  return lines;
}

/** A long-running server (not a one-shot command): only these bind and get probed for sockets. */
export function isServer(c: Container): boolean {
  return containerProgram(c).kind === 'long';
}

/** The log of the container's latest run when it failed to bind (undefined otherwise). */
export function failedStartLog(ctx: SimContext, pod: Pod, name: string): string[] | undefined {
  const rt = pod.spec.nodeName ? ctx.runtimes.get(pod.spec.nodeName) : undefined;
  const sb = rt?.sandboxes.find((s) => s.podUid === pod.metadata.uid);
  return rt?.containers.filter((c) => c.sandboxId === sb?.id && c.name === name).pop()?.log;
}
