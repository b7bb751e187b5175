// Starting a pod's containers: image pulls, init containers one by one, then the app containers together.
import type { Container, Pod } from '../api/types';
import { imageSize } from '../runtime/images';
import { recordEvent } from '../sim/context';
import { checkBind, startDaemon, startEvents, watchProcess } from './containers';
import type { KubeletCore } from './core';
import { containerStatus, reportRunning, setStatus } from './podStatus';
import { KUBELET_TIMING } from './timing';

/** Pulls (if needed), creates and starts containers; init containers run one at a time. */
export function runContainers(k: KubeletCore, uid: string, list: Container[], index: number, init: boolean): void {
  const pod = k.current(uid);
  if (!pod || k.known.get(uid)?.phase !== 'starting') return;
  if (init && index >= list.length) {
    runContainers(k, uid, pod.spec.containers, 0, false);
    return;
  }
  if (!init) {
    // App containers start in parallel: pull all, then start all.
    let delay = 0;
    for (const c of list) delay = Math.max(delay, pull(k, pod, c));
    k.later(delay + KUBELET_TIMING.create + KUBELET_TIMING.start, () => startApp(k, uid));
    return;
  }
  const c = list[index];
  const delay = pull(k, pod, c);
  k.later(delay + KUBELET_TIMING.create + KUBELET_TIMING.start + KUBELET_TIMING.initRun, () => {
    const p = k.current(uid);
    if (!p || k.known.get(uid)?.phase !== 'starting') return;
    startEvents(k, p, c, 'CONTAINER_EXITED');
    k.daemons.initDone(p, c);
    setStatus(k, p, (s) => {
      s.initContainerStatuses = (p.spec.initContainers ?? []).map((ic, i) => containerStatus(ic, i <= index ? 'terminated' : 'waiting', k.ctx.clock.now, i <= index ? 'Completed' : 'PodInitializing'));
    });
    runContainers(k, uid, list, index + 1, true);
  });
}

/** Returns how long the pull takes (0 when the image is already on the node). */
function pull(k: KubeletCore, pod: Pod, c: Container): number {
  if (k.runtime.hasImage(c.image)) {
    recordEvent(k.ctx, pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, 'kubelet', k.nodeName);
    return 0;
  }
  recordEvent(k.ctx, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, 'kubelet', k.nodeName);
  k.runtime.addImage(c.image);
  const secs = (KUBELET_TIMING.imagePull / 1000).toFixed(1);
  k.later(KUBELET_TIMING.imagePull, () => {
    const p = k.current(pod.metadata.uid!);
    if (p) recordEvent(k.ctx, p, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${imageSize(c.image)} bytes.`, 'kubelet', k.nodeName);
  });
  return KUBELET_TIMING.imagePull;
}

function startApp(k: KubeletCore, uid: string): void {
  const pod = k.current(uid);
  const entry = k.known.get(uid);
  if (!pod || !entry || entry.phase !== 'starting') return;
  for (const c of pod.spec.containers) startEvents(k, pod, c);
  for (const c of pod.spec.containers) startDaemon(k, pod, c, 0);
  entry.phase = 'running';
  for (const c of pod.spec.containers) k.prober.start(pod, c);
  reportRunning(k, pod);
  for (const c of pod.spec.containers) watchProcess(k, uid, c, 0);
  // One network namespace for the whole pod: a second server on a taken port fails to bind.
  for (const c of pod.spec.containers) checkBind(k, pod, c, 0);
}
