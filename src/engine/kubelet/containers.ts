// A running container's life: start events, daemons and processes, exits, restarts with back-off, kills.
import type { Container, Pod } from '../api/types';
import { recordEvent } from '../sim/context';
import { isoAt } from '../sim/time';
import type { KubeletCore } from './core';
import { bindFailureLog, portConflict } from './ports';
import { notReady, readyConditions, setStatus } from './podStatus';
import { backoffMs, containerProgram } from './program';
import { resetContainerLayer } from './volumes';

export function startEvents(k: KubeletCore, pod: Pod, c: Container, state: 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' = 'CONTAINER_RUNNING', attempt = 0): void {
  const sb = k.known.get(pod.metadata.uid!)?.sandbox;
  if (sb) k.runtime.addContainer(sb.id, c.name, c.image, k.ctx.clock.now, attempt).state = state;
  recordEvent(k.ctx, pod, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet', k.nodeName);
  recordEvent(k.ctx, pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', k.nodeName);
}

/** A container whose server cannot bind its port exits with 1 after the server's retries. */
export function checkBind(k: KubeletCore, pod: Pod, c: Container, restarts: number): void {
  const uid = pod.metadata.uid!;
  const sbId = k.known.get(uid)?.sandbox?.id;
  const running = (name: string): boolean => k.runtime.containers.some((x) => x.sandboxId === sbId && x.name === name && x.state === 'CONTAINER_RUNNING');
  const clash = portConflict(pod, c, running);
  if (!clash) return;
  const rc = k.runtime.containers.filter((x) => x.sandboxId === sbId && x.name === c.name).pop();
  if (rc) rc.log = bindFailureLog(c, clash, k.ctx.clock.now);
  // Foreground: an apply settles until the clash has shown (the back-off restarts are background).
  k.later(2500, () => exited(k, uid, c, 1, restarts));
}

/** Liveness/startup failure or the process stopped from a terminal (`nginx -s stop`): the container ends. */
export function killContainer(k: KubeletCore, uid: string, name: string, code?: number): void {
  const pod = k.current(uid);
  const c = pod?.spec.containers.find((x) => x.name === name);
  if (!pod || !c) return;
  const restarts = pod.status?.containerStatuses?.find((s) => s.name === name)?.restartCount ?? 0;
  exited(k, uid, c, code ?? (ignoresSigterm(c) ? 137 : 0), restarts, code === undefined);
}

/** A probe changed a container's ready/started flags: the pod's Ready condition follows. */
export function setProbeState(k: KubeletCore, uid: string, name: string, ready: boolean, started: boolean): void {
  const pod = k.current(uid);
  if (!pod || k.known.get(uid)?.phase !== 'running') return;
  const now = k.ctx.clock.now;
  setStatus(k, pod, (s) => {
    s.containerStatuses = (s.containerStatuses ?? []).map((cs) => (cs.name === name && cs.state.running ? { ...cs, ready, started } : cs));
    s.conditions = readyConditions(s.conditions, s.containerStatuses, now);
  });
}

/** Starts the in-process daemon of a system image; when it exits (flanneld on a bad config), the container exits. */
export function startDaemon(k: KubeletCore, pod: Pod, c: Container, restarts: number): void {
  const uid = pod.metadata.uid!;
  k.daemons.started(pod, c, (code) => k.later(0, () => exited(k, uid, c, code, restarts), true));
}

/** A container whose process ends: restart it (with back-off) or let the pod complete. */
export function watchProcess(k: KubeletCore, uid: string, c: Container, restarts: number): void {
  const prog = containerProgram(c);
  if (prog.kind !== 'exit') return;
  k.later(prog.afterMs, () => exited(k, uid, c, prog.code, restarts), true);
}

/** `killed`: stopped by the kubelet (a failed probe), restarted at once the first time, then with back-off. */
function exited(k: KubeletCore, uid: string, c: Container, code: number, restarts: number, killed = false): void {
  const pod = k.current(uid);
  const entry = k.known.get(uid);
  if (!pod || entry?.phase !== 'running' || pod.metadata.deletionTimestamp) return;
  const sbId = entry.sandbox?.id;
  const rc = k.runtime.containers.filter((x) => x.sandboxId === sbId && x.name === c.name).pop();
  if (rc) rc.state = 'CONTAINER_EXITED';
  k.daemons.stopped(uid, c.name);
  k.prober.stop(uid, c.name);
  const now = k.ctx.clock.now;
  const prev = pod.status?.containerStatuses?.find((s) => s.name === c.name);
  const terminated = { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: prev?.state.running?.startedAt, finishedAt: isoAt(now) };
  const policy = pod.spec.restartPolicy ?? 'Always';
  const restart = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
  if (restart && killed && restarts === 0) {
    setStatus(k, pod, (s) => {
      s.containerStatuses = (s.containerStatuses ?? []).map((cs) => (cs.name === c.name ? { ...cs, ready: false, started: false, lastState: { terminated } } : cs));
    });
    k.later(0, () => restartContainer(k, uid, c, restarts + 1), true);
    return;
  }
  if (restart) {
    const delay = killed ? backoffMs(restarts) : backoffMs(restarts + 1);
    const secs = `${delay / 1000}s`;
    setStatus(k, pod, (s) => {
      s.containerStatuses = (s.containerStatuses ?? []).map((cs) =>
        cs.name === c.name ? { ...cs, ready: false, started: false, restartCount: restarts, state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${secs} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${uid})` } }, lastState: { terminated } } : cs,
      );
      s.conditions = notReady(s.conditions, now);
    });
    recordEvent(k.ctx, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${uid})`, 'kubelet', k.nodeName);
    k.later(delay, () => restartContainer(k, uid, c, restarts + 1), true);
    return;
  }
  setStatus(k, pod, (s) => {
    s.containerStatuses = (s.containerStatuses ?? []).map((cs) => (cs.name === c.name ? { ...cs, ready: false, started: false, state: { terminated } } : cs));
    const all = s.containerStatuses.every((cs) => cs.state.terminated);
    if (all) s.phase = s.containerStatuses.every((cs) => cs.state.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
    s.conditions = notReady(s.conditions, now, all ? 'PodCompleted' : 'ContainersNotReady');
  });
}

function restartContainer(k: KubeletCore, uid: string, c: Container, restarts: number): void {
  const pod = k.current(uid);
  const entry = k.known.get(uid);
  if (!pod || entry?.phase !== 'running' || pod.metadata.deletionTimestamp) return;
  recordEvent(k.ctx, pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, 'kubelet', k.nodeName);
  // A new container: a fresh writable layer (volumes keep their files).
  resetContainerLayer(entry.sandbox, c.name);
  startEvents(k, pod, c, 'CONTAINER_RUNNING', restarts);
  startDaemon(k, pod, c, restarts);
  k.prober.start(pod, c);
  const now = k.ctx.clock.now;
  const ready = k.prober.ready(uid, c);
  const started = k.prober.started(uid, c);
  setStatus(k, pod, (s) => {
    s.containerStatuses = (s.containerStatuses ?? []).map((cs) => (cs.name === c.name ? { ...cs, ready, started, restartCount: restarts, state: { running: { startedAt: isoAt(now) } } } : cs));
    s.conditions = readyConditions(s.conditions, s.containerStatuses, now);
  });
  watchProcess(k, uid, c, restarts);
  checkBind(k, pod, c, restarts);
}

/** PID 1 of `sleep` in a busybox shell does not handle SIGTERM: the kubelet waits out the grace period. */
export function ignoresSigterm(c: Container): boolean {
  return [...(c.command ?? []), ...(c.args ?? [])].some((w) => /\bsleep\b/.test(w));
}
