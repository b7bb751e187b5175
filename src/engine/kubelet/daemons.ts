/**
 * System containers whose process the engine runs in-process: flanneld (kube-flannel), kube-proxy,
 * CoreDNS, calico-node. When the kubelet starts a container whose image matches one of these,
 * it starts the daemon; when the container stops (pod deleted, node reset, crash), it stops it.
 * So `kubectl delete pod -n kube-flannel ...` really restarts flanneld, and a Deployment or
 * DaemonSet of these images from a manifest (e.g. kube-flannel.yml) really installs them.
 *
 * Each daemon lives next to its component (cni/flannel, kube-proxy, coredns, cni/calico) and is
 * listed in DAEMONS below — one line per daemon.
 */
import type { Container, Pod } from '../api/types';
import type { SimContext } from '../sim/context';
import { flannelCniPluginInstaller, flannelDaemon } from '../cni/flannel/daemon';
import { kubeProxyDaemon } from '../addons/kubeProxy';
import { kubeSchedulerDaemon } from '../addons/controlPlane';
import { calicoCniInstaller, calicoNodeDaemon } from '../cni/calico/daemon';
import { COREDNS_DAEMON } from '../coredns/daemon';
import { INGRESS_NGINX_DAEMON } from '../ingress/controller';
import { METRICS_SERVER_DAEMON } from '../metrics/daemon';

export interface DaemonHandle {
  /** The container stopped: undo what the process holds (listeners, timers), keep what it wrote to disk. */
  stop(): void;
}

export interface DaemonStart {
  ctx: SimContext;
  /** The node the pod runs on. */
  host: string;
  pod: Pod;
  container: Container;
  /** The process exits with this code (a fatal error): the kubelet restarts the container with back-off. */
  exit?: (code: number) => void;
}

export interface DaemonSpec {
  /** Short name for logs: "flanneld", "kube-proxy", "coredns", "calico-node". */
  name: string;
  /** Matches the container image (registry/repo:tag), e.g. /(^|\/)flannel(:|@|$)/. */
  image: RegExp;
  start(s: DaemonStart): DaemonHandle;
  /** An init container of this image ran to completion (e.g. kube-flannel's install-cni copying files to the host). */
  init?(s: DaemonStart): void;
  /** What the process printed since `since` (simulated ms), for `kubectl logs`. */
  logs?(s: DaemonStart, since: number): string[];
}

export const DAEMONS: DaemonSpec[] = [
  flannelDaemon,
  flannelCniPluginInstaller,
  kubeProxyDaemon,
  kubeSchedulerDaemon,
  calicoNodeDaemon,
  calicoCniInstaller,
  COREDNS_DAEMON,
  INGRESS_NGINX_DAEMON,
  METRICS_SERVER_DAEMON,
];

/** The daemon a container's image runs, if it is one of the system images. */
export function daemonFor(image: string): DaemonSpec | undefined {
  return DAEMONS.find((d) => d.image.test(image));
}
