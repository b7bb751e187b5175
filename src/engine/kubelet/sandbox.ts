// The pod sandbox: CRI RunPodSandbox with its network set up through CNI, and its removal.
import { cniAdd, cniDel } from '../cni/invoke';
import type { Sandbox } from '../runtime/runtime';
import { recordEvent } from '../sim/context';
import type { KubeletCore } from './core';
import { runContainers } from './podStartup';
import { setStatus } from './podStatus';
import { KUBELET_TIMING } from './timing';

export function createSandbox(k: KubeletCore, uid: string): void {
  const pod = k.current(uid);
  const entry = k.known.get(uid);
  if (!pod || !entry || entry.phase !== 'starting' || pod.metadata.deletionTimestamp) return;
  k.ctx.log.add({ t: k.ctx.clock.now, from: k.actor, to: `${k.runtime.kind}/${k.nodeName}`, verb: 'CRI RunPodSandbox', path: `${pod.metadata.namespace}/${pod.metadata.name}` });
  const sb = k.runtime.newSandbox(uid, pod.metadata.namespace!, pod.metadata.name, k.ctx.clock.now);
  if (pod.spec.hostNetwork) {
    sb.ip = k.ctx.hosts.get(k.nodeName)!.ip;
    sb.state = 'SANDBOX_READY';
    entry.sandbox = sb;
  } else {
    k.ctx.net.addNamespace(sb.netns, k.nodeName, 'pod', `${pod.metadata.namespace}/${pod.metadata.name}`);
    try {
      const result = cniAdd(k.ctx, k.nodeName, sb);
      sb.ip = result.ips[0].address.split('/')[0];
      sb.state = 'SANDBOX_READY';
      entry.sandbox = sb;
    } catch (e) {
      k.ctx.net.removeNamespace(sb.netns);
      k.runtime.removeSandbox(sb.id);
      const msg = `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sb.id.slice(0, 64)}": plugin type="flannel" failed (add): ${(e as Error).message}`;
      recordEvent(k.ctx, pod, 'Warning', 'FailedCreatePodSandBox', msg, 'kubelet', k.nodeName);
      // Retries are housekeeping: they must not keep `settle()` spinning while CNI is broken.
      k.later(KUBELET_TIMING.cniRetry, () => createSandbox(k, uid), true);
      return;
    }
  }
  setStatus(k, pod, (s) => {
    s.podIP = sb.ip;
    s.podIPs = [{ ip: sb.ip! }];
  });
  runContainers(k, uid, pod.spec.initContainers ?? [], 0, true);
}

export function removeSandbox(k: KubeletCore, sb: Sandbox): void {
  k.daemons.podGone(sb.podUid);
  k.prober.podGone(sb.podUid);
  if (k.ctx.net.namespaces.has(sb.netns)) cniDel(k.ctx, k.nodeName, sb);
  k.runtime.removeSandbox(sb.id);
}
