/**
 * flanneld with the kube subnet manager, one per node (the kube-flannel DaemonSet). It takes
 * the node's podCIDR as its lease (refusing one outside net-conf.json's Network), picks its
 * public IP from --iface or the default route's interface, sets up the backend, writes
 * /run/flannel/subnet.env, publishes itself in node annotations, and programs every peer —
 * exactly what `ip route`, `ip neigh show dev flannel.1` and `bridge fdb show` show on a node.
 */
import type { Node } from '../../api/types';
import { cidrContains } from '../../net/ip';
import type { SimContext } from '../../sim/context';
import { flatShared } from '../../sim/flat';
import { SIM_EPOCH_MS } from '../../sim/time';
import { hostGwBackend } from './backend/hostgw';
import type { Backend, PeerLease } from './backend/types';
import { vxlanBackend } from './backend/vxlan';
import { KeyIndex } from './backend/keyIndex';
import { PeerLeases } from './leases';

/** The subnets a node's flanneld has programmed, as a set (1,000 peers each ask it). */
const programmedIx = new KeyIndex<string>((s) => s);
import { flanneldArgs, netConfJson, type FlannelConfig } from './config';
import { installForwardRules, installMasqRules } from './rules';
import { formatSubnetEnv } from './subnetEnv';

export const ANNOTATIONS = {
  backendData: 'flannel.alpha.coreos.com/backend-data',
  backendType: 'flannel.alpha.coreos.com/backend-type',
  publicIp: 'flannel.alpha.coreos.com/public-ip',
  kubeSubnetManager: 'flannel.alpha.coreos.com/kube-subnet-manager',
  /** Set by an admin to override the public IP flannel announces (then flannel restarts). */
  publicIpOverwrite: 'flannel.alpha.coreos.com/public-ip-overwrite',
};

/** The daemon's state on a node, kept in the simulation so it is hashed and replayed. */
export interface FlannelState {
  running: boolean;
  /** The backend the last run set up (what a new run must tear down first). */
  backend?: 'vxlan' | 'host-gw';
  subnet?: string;
  publicIp?: string;
  iface?: string;
  /** Peer subnets this node has routes for. */
  programmed: string[];
  /** flanneld's log, as `kubectl logs` of the flannel pod would show it. */
  log: string[];
}

/** The last klog prefix made: a flanneld programming 1,000 peers at one millisecond formats the date once, not per line. */
const lastPrefix = { level: '', ms: NaN, text: '' };

/** A klog line as flanneld prints it: `I0105 09:00:12.345000       1 main.go:1] text`. */
export function klogLine(level: 'I' | 'E', ms: number, text: string): string {
  if (lastPrefix.ms !== ms || lastPrefix.level !== level) {
    const d = new Date(SIM_EPOCH_MS + ms);
    const p = (n: number, w = 2): string => String(n).padStart(w, '0');
    lastPrefix.text = `${level}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000       1 main.go:1] `;
    lastPrefix.ms = ms;
    lastPrefix.level = level;
  }
  return lastPrefix.text + text;
}

/** The simulated time of a klog line (for `kubectl logs` of one container's run). */
export function klogTime(line: string): number {
  const m = /^[IEW](\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})/.exec(line);
  if (!m) return 0;
  const year = new Date(SIM_EPOCH_MS).getUTCFullYear();
  return Date.UTC(year, Number(m[1]) - 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - SIM_EPOCH_MS;
}

/**
 * A node's backend-data annotation, parsed once per Node object (a watch event's object is
 * shared by every flanneld that receives it; the backends only read it): not 1,000 parses of
 * the same text when a node joins a 1,000-node cluster.
 */
const parsedData = new WeakMap<Node, Record<string, string | number>>();
function backendData(node: Node): Record<string, string | number> {
  let data = parsedData.get(node);
  if (data) return data;
  try {
    data = JSON.parse(node.metadata.annotations?.[ANNOTATIONS.backendData] ?? '{}') as Record<string, string | number>;
  } catch {
    data = {};
  }
  parsedData.set(node, data);
  return data;
}

export class Flanneld {
  readonly actor: string;
  private backend: Backend;
  private unwatch?: () => void;
  /** Per peer node, the lease last programmed: a node update that leaves it as it was changes nothing (flannel's handleUpdateLeaseEvent). */
  private leases: PeerLeases;
  /** Called when flanneld would exit with an error (its container then restarts with back-off). */
  onFatal?: () => void;

  constructor(
    private readonly ctx: SimContext,
    private readonly nodeName: string,
    private config: FlannelConfig,
  ) {
    this.actor = `flanneld/${nodeName}`;
    this.leases = new PeerLeases(ctx.net);
    this.backend = this.makeBackend();
  }

  private get state(): FlannelState {
    const host = this.ctx.hosts.get(this.nodeName)!;
    return (host.flannel ??= { running: false, programmed: [], log: [] });
  }

  private makeBackend(): Backend {
    return this.config.backend === 'host-gw' ? hostGwBackend(this.ctx.net) : vxlanBackend(this.ctx.net);
  }

  logLine(level: 'I' | 'E', text: string): void {
    const log = this.state.log;
    // Shared: every flanneld logs a joining peer's lease with the same line at the same time.
    log.push(flatShared(klogLine(level, this.ctx.clock.now, text)));
    if (log.length > 200) log.shift();
  }

  /**
   * The flannel container started: whatever an earlier run left (flannel.1, host-gw routes) is
   * replaced, the lease is taken from the node's podCIDR and every peer is programmed.
   */
  start(): void {
    const st = this.state;
    if (st.backend) (st.backend === 'host-gw' ? hostGwBackend(this.ctx.net) : vxlanBackend(this.ctx.net)).teardown(this.ctx.net.ns(this.nodeName), st.programmed);
    Object.assign(st, { running: false, backend: undefined, subnet: undefined, publicIp: undefined, iface: undefined, programmed: [] });
    this.leases.clear();
    this.ctx.hosts.get(this.nodeName)!.files['/etc/kube-flannel/net-conf.json'] = netConfJson(this.config);
    this.logLine('I', `flanneld starting: ${flanneldArgs(this.config).join(' ')}, Network ${this.config.network}, backend ${this.config.backend}`);
    this.unwatch = this.ctx.api.watch('Node', this.actor, (type, obj) => {
      const node = obj as Node;
      if (type === 'DELETED') {
        if (node.metadata.name !== this.nodeName) this.onPeerGone(node);
        return;
      }
      if (node.metadata.name === this.nodeName) this.onOwnNode(node);
      else this.onPeer(node);
    });
    const node = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    if (node) this.onOwnNode(node);
  }

  private fatal(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.onFatal?.();
  }

  /** The container stopped: the process is gone; routes, flannel.1 and subnet.env stay on the node. */
  stop(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.state.running = false;
    this.logLine('I', 'flanneld stopped (SIGTERM)');
  }

  /** Restarts with a new configuration (a new --iface, another backend): tear down, start over. */
  restart(config: FlannelConfig): void {
    const ns = this.ctx.net.ns(this.nodeName);
    this.backend.teardown(ns, this.state.programmed);
    this.config = config;
    this.backend = this.makeBackend();
    Object.assign(this.state, { running: false, backend: undefined, subnet: undefined, publicIp: undefined, iface: undefined, programmed: [] });
    this.leases.clear();
    this.ctx.hosts.get(this.nodeName)!.files['/etc/kube-flannel/net-conf.json'] = netConfJson(config);
    this.logLine('I', `flanneld restarting with ${config.iface ? `--iface=${config.iface}` : 'the default interface'}, backend ${config.backend}`);
    const node = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    if (node) this.onOwnNode(node);
  }

  private onOwnNode(node: Node): void {
    if (!this.unwatch) return;
    const st = this.state;
    const overwrite = node.metadata.annotations?.[ANNOTATIONS.publicIpOverwrite];
    if (st.running && overwrite && overwrite !== st.publicIp) {
      // flanneld picks the annotation up when it (re)starts, as its pod would be restarted.
      this.logLine('I', `public-ip-overwrite annotation found: ${overwrite}`);
      this.restart(this.config);
      return;
    }
    if (st.running || !node.spec.podCIDR) return;
    const { net, hosts } = this.ctx;
    const host = hosts.get(this.nodeName)!;
    const ns = net.ns(this.nodeName);
    const subnet = node.spec.podCIDR;
    if (!cidrContains(this.config.network, subnet.split('/')[0])) {
      // The kube subnet manager refuses a podCIDR outside the flannel network: no subnet.env, and flanneld exits.
      this.logLine('E', `Error registering network: failed to acquire lease: subnet "${this.config.network}" specified in the flannel net config doesn't contain "${subnet}" PodCIDR of the "${this.nodeName}" node`);
      this.fatal();
      return;
    }
    // Without --iface, flannel uses the interface of the default route.
    const iface = this.config.iface ?? ns.routes.find((r) => r.dst === 'default')?.dev ?? 'eth0';
    const nic = net.link(ns, iface);
    if (!nic || nic.addrs.length === 0) {
      this.logLine('E', `Failed to find any valid interface to use: failed to find interface: ${iface}`);
      this.fatal();
      return;
    }
    const ifaceIp = nic.addrs[0].address;
    const publicIp = overwrite ?? ifaceIp;
    st.running = true;
    st.backend = this.config.backend;
    st.subnet = subnet;
    st.publicIp = publicIp;
    st.iface = iface;
    this.logLine('I', `Using interface with name ${iface} and address ${ifaceIp}`);
    if (overwrite) this.logLine('I', `Using ${overwrite} as external address (public-ip-overwrite)`);
    const data = this.backend.setup(ns, subnet, ifaceIp, iface);
    const mtu = this.config.backend === 'vxlan' ? nic.mtu - 50 : nic.mtu;
    host.files['/run/flannel/subnet.env'] = formatSubnetEnv({
      FLANNEL_NETWORK: this.config.network,
      FLANNEL_SUBNET: `${subnet.split('/')[0].replace(/\.0$/, '.1')}/${subnet.split('/')[1]}`,
      FLANNEL_MTU: mtu,
      FLANNEL_IPMASQ: this.config.ipMasq,
    });
    installForwardRules(ns, this.config.network);
    if (this.config.ipMasq) installMasqRules(ns, this.config.network, subnet);
    const fresh = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    if (fresh) {
      fresh.metadata.annotations = {
        ...(fresh.metadata.annotations ?? {}),
        [ANNOTATIONS.backendData]: JSON.stringify(data),
        [ANNOTATIONS.backendType]: this.config.backend,
        [ANNOTATIONS.kubeSubnetManager]: 'true',
        [ANNOTATIONS.publicIp]: publicIp,
      };
      this.ctx.api.update(fresh, this.actor);
    }
    // Peers that announced themselves before we started.
    // In etcd key order (by name), as a list would return them; read-only, so no copies of every node.
    const peers = (this.ctx.api.peekAll('Node') as Node[]).slice().sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    for (const peer of peers) if (peer.metadata.name !== this.nodeName) this.onPeer(peer);
  }

  /** A node left the cluster (`kubectl delete node`): its lease is gone, so are its route, neighbour and FDB entry. */
  private onPeerGone(node: Node): void {
    const st = this.state;
    const subnet = node.spec.podCIDR;
    if (!st.running || !subnet || !st.programmed.includes(subnet)) return;
    const ns = this.ctx.net.ns(this.nodeName);
    const gw = subnet.split('/')[0];
    ns.routes = ns.routes.filter((r) => r.dst !== subnet);
    ns.neigh = ns.neigh.filter((n) => !(n.dev === 'flannel.1' && n.ip === gw));
    const vtep = this.ctx.net.link(ns, 'flannel.1');
    const peerIp = node.metadata.annotations?.[ANNOTATIONS.publicIp];
    if (vtep?.fdb) vtep.fdb = vtep.fdb.filter((f) => f.dst !== peerIp);
    st.programmed = st.programmed.filter((x) => x !== subnet);
    this.leases.delete(node.metadata.name);
    this.logLine('I', `Subnet removed: ${subnet} (${node.metadata.name})`);
  }

  private onPeer(node: Node): void {
    const st = this.state;
    if (!st.running) return;
    const a = node.metadata.annotations ?? {};
    const subnet = node.spec.podCIDR;
    if (!subnet || !a[ANNOTATIONS.publicIp] || a[ANNOTATIONS.backendType] !== this.config.backend) return;
    const was = this.leases.get(node.metadata.name);
    if (was && was.subnet === subnet && was.publicIp === a[ANNOTATIONS.publicIp] && was.data === a[ANNOTATIONS.backendData]) return;
    const data = backendData(node);
    const lease: PeerLease = { node: node.metadata.name, subnet, publicIp: a[ANNOTATIONS.publicIp], data };
    const err = this.backend.addPeer(this.ctx.net.ns(this.nodeName), lease, st.iface!);
    if (err) {
      this.logLine('E', err);
      return;
    }
    this.leases.set(node, subnet, lease.publicIp, a[ANNOTATIONS.backendData]);
    if (!programmedIx.has(st, st.programmed, subnet)) {
      st.programmed.push(subnet);
      programmedIx.pushed(st, st.programmed, subnet);
      this.logLine('I', `Added new lease ${subnet} of ${node.metadata.name} (public IP ${lease.publicIp})`);
    }
  }
}
