/**
 * Who listens where: the sockets of each machine and pod. Pods listen on their containers'
 * ports (and the well-known ports of common images), nodes run sshd and the kubelet, the
 * control plane the apiserver and etcd, and the internet's hosts web and DNS servers.
 */
import type { Pod } from '../api/types';
import type { NetNs } from './types';
import { INTERNET } from './uplink';

type Proto = 'tcp' | 'udp';

/** Ports an image's main process opens even when the pod spec does not declare them. */
export const IMAGE_PORTS: { match: RegExp; proc: string; ports: [Proto, number][] }[] = [
  { match: /(^|\/)nginx(:|@|$)/, proc: 'nginx', ports: [['tcp', 80]] },
  { match: /(^|\/)(httpd|apache)(:|@|$)/, proc: 'httpd', ports: [['tcp', 80]] },
  { match: /coredns/, proc: 'coredns', ports: [['udp', 53], ['tcp', 53], ['tcp', 8080], ['tcp', 8181], ['tcp', 9153]] },
  { match: /(^|\/)redis(:|@|$)/, proc: 'redis-server', ports: [['tcp', 6379]] },
  { match: /(^|\/)(agnhost|echoserver)/, proc: 'agnhost', ports: [['tcp', 8080]] },
  { match: /(^|\/)ingress-nginx\/controller(:|@|$)/, proc: 'nginx', ports: [['tcp', 80], ['tcp', 443], ['tcp', 8443], ['tcp', 10254]] },
  { match: /(^|\/)http-echo(:|@|$)/, proc: 'http-echo', ports: [['tcp', 5678]] },
];

const NODE_PORTS: [Proto, number, string][] = [
  ['tcp', 22, 'sshd'],
  ['tcp', 10250, 'kubelet'],
  ['tcp', 10256, 'kube-proxy'],
];
const CONTROL_PLANE_PORTS: [Proto, number, string][] = [
  ['tcp', 6443, 'kube-apiserver'],
  ['tcp', 2379, 'etcd'],
  ['tcp', 2380, 'etcd'],
  ['tcp', 10257, 'kube-controller-manager'],
  ['tcp', 10259, 'kube-scheduler'],
];
const INTERNET_PORTS: [Proto, number, string][] = [
  ['tcp', 80, 'web server'],
  ['tcp', 443, 'web server'],
  ['udp', 53, 'DNS server'],
  ['tcp', 53, 'DNS server'],
];

export function podListener(pod: Pod, proto: Proto, port: number): string | undefined {
  for (const c of pod.spec.containers) {
    // A container that is not running (crashed, stopped, waiting) holds no socket.
    const st = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    if (st && !st.state.running) continue;
    const known = IMAGE_PORTS.find((k) => k.match.test(c.image));
    // The process is named after the image (nginx, coredns ...), whatever the container is called.
    const proc = known?.proc ?? (c.image.split('/').pop() ?? c.image).split(/[:@]/)[0];
    const declared = (c.ports ?? []).some((p) => p.containerPort === port && (p.protocol ?? 'TCP').toLowerCase() === proto);
    if (declared || known?.ports.some(([pr, po]) => pr === proto && po === port)) return `${proc} (container ${c.name})`;
  }
  return undefined;
}

export function hostListener(ns: NetNs, role: 'control-plane' | 'worker' | undefined, proto: Proto, port: number): string | undefined {
  const table = ns.host === INTERNET ? INTERNET_PORTS : ns.kind === 'host' ? [...NODE_PORTS, ...(role === 'control-plane' ? CONTROL_PLANE_PORTS : [])] : [];
  return table.find(([pr, po]) => pr === proto && po === port)?.[2];
}
