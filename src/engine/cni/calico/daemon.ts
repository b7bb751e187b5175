/**
 * The calico-node DaemonSet's containers as the kubelet runs them. install-cni (image
 * calico/cni) writes /etc/cni/net.d/10-calico.conflist from the calico-config ConfigMap and
 * the calico and calico-ipam binaries to /opt/cni/bin. The calico-node container runs felix
 * (policy in iptables and ipsets), BIRD (routes to the other nodes' blocks over IPIP) and
 * confd (BIRD's config from the datastore); it claims the node's IPAM block with tunl0's
 * address and publishes it in node annotations, which the other nodes' BIRD watch.
 */
import type { ConfigMap, Node } from '../../api/types';
import type { DaemonSpec, DaemonStart } from '../../kubelet/daemons';
import type { SimContext } from '../../sim/context';
import { SIM_EPOCH_MS } from '../../sim/time';
import { birdSync } from './bird';
import { felixSync } from './felix';
import { autoAssign, calicoState } from './ipam';
import { CALICO_MTU } from './plugin';

export const ANNOTATIONS = {
  ipv4Address: 'projectcalico.org/IPv4Address',
  tunnelAddr: 'projectcalico.org/IPv4IPIPTunnelAddr',
};

/** calico-node's log format: `2026-01-05 09:00:05.123 [INFO][1] component file.go 123: text`. */
function logLine(ctx: SimContext, node: string, component: string, text: string): void {
  const log = calicoState(ctx, node).log;
  const ts = new Date(SIM_EPOCH_MS + ctx.clock.now).toISOString().replace('T', ' ').replace('Z', '');
  log.push(`${ts} [INFO][1] ${component} ${text}`);
  if (log.length > 200) log.shift();
}

const logTime = (line: string): number => Date.parse(`${line.slice(0, 23).replace(' ', 'T')}Z`) - SIM_EPOCH_MS;

class CalicoNode {
  private readonly actor: string;
  private unwatch: (() => void)[] = [];
  private pending = { felix: false, bird: false };

  constructor(
    private readonly ctx: SimContext,
    private readonly node: string,
  ) {
    this.actor = `calico-node/${node}`;
  }

  start(): void {
    const { ctx, node } = this;
    const st = calicoState(ctx, node);
    const host = ctx.net.ns(node);
    logLine(ctx, node, 'startup/startup.go 432:', `Early log level set to info`);
    st.tunnelAddr = autoAssign(ctx, node, `ipip-tunnel-addr-${node}`);
    st.running = true;
    logLine(ctx, node, 'startup/startup.go 720:', `Using IPv4 address from environment: IP=${ctx.hosts.get(node)!.ip}`);
    logLine(ctx, node, 'tunnel-ip-allocator/allocateip.go 305:', `Assigned tunnel address to node address="${st.tunnelAddr}" type="ipipTunnelAddress"`);
    if (!ctx.net.link(host, 'tunl0')) ctx.net.addLink(host, 'tunl0', 'ipip', { mtu: CALICO_MTU, up: true, mac: '00:00:00:00:00:00' });
    const tunl = ctx.net.link(host, 'tunl0')!;
    tunl.up = true;
    tunl.addrs = [];
    ctx.net.addAddress(host, 'tunl0', st.tunnelAddr, 32);
    this.annotate();
    const bird = (): void => this.soon('bird', () => birdSync(ctx, node));
    const felix = (): void => this.soon('felix', () => felixSync(ctx, node));
    this.unwatch.push(ctx.api.watch('Node', this.actor, bird));
    for (const kind of ['Pod', 'NetworkPolicy', 'Namespace'] as const) this.unwatch.push(ctx.api.watch(kind, this.actor, felix));
    birdSync(ctx, node);
    felixSync(ctx, node);
    logLine(ctx, node, 'felix/int_dataplane.go 1954:', 'Completed first update to dataplane.');
  }

  /** Coalesces a burst of watch events into one sync, as felix's and confd's loops do. */
  private soon(which: 'felix' | 'bird', run: () => void): void {
    if (this.pending[which]) return;
    this.pending[which] = true;
    this.ctx.clock.schedule(1, this.actor, () => {
      this.pending[which] = false;
      if (calicoState(this.ctx, this.node).running) run();
    });
  }

  private annotate(): void {
    const n = this.ctx.api.get<Node>('Node', undefined, this.node);
    if (!n) return;
    const st = calicoState(this.ctx, this.node);
    const fresh = structuredClone(n);
    fresh.metadata.annotations = { ...(fresh.metadata.annotations ?? {}), [ANNOTATIONS.ipv4Address]: `${this.ctx.hosts.get(this.node)!.ip}/${this.ctx.scenario.cluster.nodeNetwork.split('/')[1]}`, [ANNOTATIONS.tunnelAddr]: st.tunnelAddr! };
    this.ctx.api.update(fresh, this.actor);
  }

  stop(): void {
    for (const u of this.unwatch) u();
    this.unwatch = [];
    calicoState(this.ctx, this.node).running = false;
    logLine(this.ctx, this.node, 'felix/daemon.go 548:', 'Shutting down (SIGTERM)');
  }
}

export const calicoNodeDaemon: DaemonSpec = {
  name: 'calico-node',
  image: /(^|\/)calico\/node(:|@|$)/,
  start({ ctx, host }: DaemonStart) {
    const c = new CalicoNode(ctx, host);
    c.start();
    return { stop: () => c.stop() };
  },
  logs: ({ ctx, host }: DaemonStart, since: number) => (ctx.hosts.get(host)?.calico?.log ?? []).filter((l) => logTime(l) >= since),
};

/** calico/cni's install-cni: the CNI config from CNI_NETWORK_CONFIG (calico-config's cni_network_config), and the plugin binaries. */
export const calicoCniInstaller: DaemonSpec = {
  name: 'install-cni',
  image: /(^|\/)calico\/cni(:|@|$)/,
  start: () => ({ stop: () => undefined }),
  init({ ctx, host, pod, container }: DaemonStart) {
    if (!(container.command ?? []).includes('/opt/cni/bin/install')) return;
    const cm = ctx.api.get<ConfigMap>('ConfigMap', pod.metadata.namespace, 'calico-config');
    const template = cm?.data?.cni_network_config;
    if (template === undefined) return;
    const mtu = Number(cm?.data?.veth_mtu ?? '0') || CALICO_MTU;
    const files = ctx.hosts.get(host)!.files;
    files['/etc/cni/net.d/10-calico.conflist'] = template.replace(/__KUBERNETES_NODE_NAME__/g, host).replace(/__CNI_MTU__/g, String(mtu)).replace(/__KUBECONFIG_FILEPATH__/g, '/etc/cni/net.d/calico-kubeconfig');
    files['/etc/cni/net.d/calico-kubeconfig'] = '# Kubeconfig file for Calico CNI plugin. Installed by calico/node.\napiVersion: v1\nkind: Config\nclusters:\n- name: local\n  cluster:\n    server: https://10.96.0.1:443\n';
    files['/opt/cni/bin/calico'] = '\u007fELF (calico CNI plugin binary)\n';
    files['/opt/cni/bin/calico-ipam'] = '\u007fELF (calico-ipam CNI plugin binary)\n';
    ctx.cniConfigWatchers.get(host)?.();
  },
};
