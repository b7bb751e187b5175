/**
 * The kube-flannel DaemonSet's containers as the kubelet runs them: install-cni-plugin and
 * install-cni (init containers) copy the flannel binary and the CNI config from the
 * kube-flannel-cfg ConfigMap to the host; the kube-flannel container runs flanneld with
 * net-conf.json from that ConfigMap and its own args — both read when the container starts,
 * so a changed ConfigMap or DaemonSet takes effect when the pod is recreated.
 */
import type { ConfigMap, Container, Pod } from '../../api/types';
import type { DaemonSpec, DaemonStart } from '../../kubelet/daemons';
import type { SimContext } from '../../sim/context';
import type { FlannelConfig } from './config';
import { Flanneld, klogTime } from './flanneld';

interface Volume {
  name: string;
  configMap?: { name: string };
}

function volumes(pod: Pod): Volume[] {
  return (pod.spec as Pod['spec'] & { volumes?: Volume[] }).volumes ?? [];
}

/** The ConfigMap mounted at /etc/kube-flannel/ (kube-flannel-cfg in kube-flannel.yml). */
function flannelConfigMap(ctx: SimContext, pod: Pod): ConfigMap | undefined {
  const name = volumes(pod).find((v) => v.configMap)?.configMap?.name ?? 'kube-flannel-cfg';
  return ctx.api.get<ConfigMap>('ConfigMap', pod.metadata.namespace, name);
}

/** flanneld's configuration from its args and the mounted net-conf.json, or the error it exits with. */
export function flannelConfigOf(ctx: SimContext, pod: Pod, c: Container): FlannelConfig | string {
  const cm = flannelConfigMap(ctx, pod);
  const text = cm?.data?.['net-conf.json'];
  if (text === undefined) return 'failed to read net config: open /etc/kube-flannel/net-conf.json: no such file or directory';
  let conf: { Network?: unknown; Backend?: { Type?: unknown } };
  try {
    conf = JSON.parse(text) as typeof conf;
  } catch (e) {
    return `failed to read net config: error parsing subnet config: ${(e as Error).message}`;
  }
  if (typeof conf.Network !== 'string' || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(conf.Network)) return 'failed to read net config: please define a correct Network parameter in the flannel config';
  const type = conf.Backend?.Type ?? 'vxlan';
  if (type !== 'vxlan' && type !== 'host-gw') return `Error fetching backend: unknown backend type: ${String(type)}`;
  const args = [...(c.command ?? []), ...(c.args ?? [])];
  let iface: string | undefined;
  args.forEach((a, i) => {
    if (a.startsWith('--iface=')) iface = a.slice('--iface='.length);
    else if (a === '--iface') iface = args[i + 1];
  });
  return { network: conf.Network, backend: type, iface, ipMasq: args.includes('--ip-masq') };
}

function cpTarget(c: Container): string | undefined {
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  return words[0] === 'cp' ? words.at(-1) : undefined;
}

export const flannelDaemon: DaemonSpec = {
  name: 'flanneld',
  image: /(^|\/)flannel(:|@|$)/,
  start({ ctx, host, pod, container, exit }: DaemonStart) {
    const conf = flannelConfigOf(ctx, pod, container);
    const f = new Flanneld(ctx, host, typeof conf === 'string' ? { network: '', backend: 'vxlan', ipMasq: false } : conf);
    if (typeof conf === 'string') {
      f.logLine('E', conf);
      exit?.(1);
      return { stop: () => undefined };
    }
    // flanneld exits on a fatal error (no lease, no interface): the pod goes into CrashLoopBackOff.
    f.onFatal = () => exit?.(1);
    f.start();
    return { stop: () => f.stop() };
  },
  logs: ({ ctx, host }: DaemonStart, since: number) => (ctx.hosts.get(host)?.flannel?.log ?? []).filter((l) => klogTime(l) >= since),
  init({ ctx, host, pod, container }: DaemonStart) {
    // install-cni: cp -f /etc/kube-flannel/cni-conf.json /etc/cni/net.d/10-flannel.conflist
    const dst = cpTarget(container);
    const conflist = flannelConfigMap(ctx, pod)?.data?.['cni-conf.json'];
    if (!dst?.startsWith('/etc/cni/net.d/') || conflist === undefined) return;
    ctx.hosts.get(host)!.files[dst] = conflist;
    ctx.cniConfigWatchers.get(host)?.();
  },
};

/** flannel-cni-plugin's init container: cp -f /flannel /opt/cni/bin/flannel. */
export const flannelCniPluginInstaller: DaemonSpec = {
  name: 'install-cni-plugin',
  image: /(^|\/)flannel-cni-plugin(:|@|$)/,
  start: () => ({ stop: () => undefined }),
  init({ ctx, host, container }: DaemonStart) {
    const dst = cpTarget(container) ?? '/opt/cni/bin/flannel';
    ctx.hosts.get(host)!.files[dst] = '\u007fELF (flannel CNI plugin binary)\n';
  },
};
