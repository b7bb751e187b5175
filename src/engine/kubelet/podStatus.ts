// The pod status the kubelet reports: phase, container statuses, conditions, QoS class.
import type { Container, ContainerStatus, Pod, PodCondition } from '../api/types';
import { imageDigest } from '../runtime/images';
import { normaliseImage } from '../runtime/runtime';
import { isoAt } from '../sim/time';
import type { KubeletCore } from './core';

/** A running pod's conditions, in the order the kubelet reports them. */
export const RUNNING_POD_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'] as const;

export function setStatus(k: KubeletCore, pod: Pod, mutate: (s: NonNullable<Pod['status']>) => void): void {
  const fresh = k.current(pod.metadata.uid!);
  if (!fresh) return;
  const host = k.ctx.hosts.get(k.nodeName)!;
  const s = fresh.status ?? { phase: 'Pending' };
  s.hostIP = host.ip;
  s.hostIPs = [{ ip: host.ip }];
  s.startTime = s.startTime ?? isoAt(k.ctx.clock.now);
  s.qosClass = s.qosClass ?? qosClass(fresh);
  if (!s.containerStatuses) s.containerStatuses = fresh.spec.containers.map((c) => containerStatus(c, 'waiting', k.ctx.clock.now, fresh.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating'));
  mutate(s);
  fresh.status = s;
  k.ctx.api.update(fresh, k.actor, 'status');
}

/** Reports the pod running and ready (also after a kubelet restart). */
export function reportRunning(k: KubeletCore, pod: Pod): void {
  const now = isoAt(k.ctx.clock.now);
  const containers = k.runtime.containers.filter((c) => c.sandboxId === k.known.get(pod.metadata.uid!)?.sandbox?.id);
  setStatus(k, pod, (s) => {
    s.phase = 'Running';
    s.containerStatuses = pod.spec.containers.map((c) => {
      const rc = containers.filter((x) => x.name === c.name).pop();
      const prev = s.containerStatuses?.find((x) => x.name === c.name);
      const st = containerStatus(c, 'running', rc?.createdAt ?? k.ctx.clock.now);
      if (prev?.state.running) st.state = prev.state;
      st.ready = k.prober.ready(pod.metadata.uid!, c);
      st.started = k.prober.started(pod.metadata.uid!, c);
      if (prev) st.restartCount = prev.restartCount;
      if (rc) st.containerID = `${k.runtime.kind === 'cri-o' ? 'cri-o' : 'containerd'}://${rc.id}`;
      return st;
    });
    const prev = s.conditions ?? [];
    s.conditions = RUNNING_POD_CONDITIONS.map((type) => {
      const old = prev.find((c) => c.type === type);
      return { type, status: 'True', lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : now };
    });
    s.conditions = readyConditions(s.conditions, s.containerStatuses, k.ctx.clock.now);
  });
}

/** Ready and ContainersReady: True only when every container is ready (its readiness probe passed). */
export function readyConditions(conds: PodCondition[] | undefined, statuses: ContainerStatus[], now: number): PodCondition[] {
  const unready = statuses.filter((cs) => !cs.ready).map((cs) => cs.name);
  return (conds ?? []).map((c) => {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
    const status = unready.length === 0 ? 'True' : 'False';
    const since = c.status === status ? c.lastTransitionTime : isoAt(now);
    return status === 'True' ? { type: c.type, status, lastTransitionTime: since } : { type: c.type, status, reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]`, lastTransitionTime: since };
  });
}

export function notReady(conds: PodCondition[] | undefined, now: number, reason = 'ContainersNotReady'): PodCondition[] {
  return (conds ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { type: c.type, status: 'False', reason, lastTransitionTime: isoAt(now) } : c));
}

/** The pod's QoS class from its containers' requests and limits. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length > 0 || Object.keys(c.resources?.limits ?? {}).length > 0);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => ['cpu', 'memory'].every((r) => c.resources?.limits?.[r] !== undefined && (c.resources?.requests?.[r] ?? c.resources?.limits?.[r]) === c.resources?.limits?.[r]));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function containerStatus(c: Container, state: 'waiting' | 'running' | 'terminated', now: number, reason = 'ContainerCreating'): ContainerStatus {
  const image = normaliseImage(c.image);
  const base: ContainerStatus = { name: c.name, image, imageID: '', ready: state === 'running', started: state === 'running', restartCount: 0, state: {} };
  if (state === 'waiting') base.state = { waiting: { reason } };
  if (state === 'running') base.state = { running: { startedAt: isoAt(now) } };
  if (state === 'terminated') base.state = { terminated: { exitCode: 0, reason, finishedAt: isoAt(now) } };
  if (state !== 'waiting') base.imageID = `${image.replace(/:[^:/]+$/, '')}@sha256:${imageDigest(image)}`;
  return base;
}
