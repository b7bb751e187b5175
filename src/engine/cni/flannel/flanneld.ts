/**
 * flanneld with the kube subnet manager and the VXLAN backend, one per node (the
 * kube-flannel DaemonSet). It takes the node's podCIDR as its lease, creates flannel.1,
 * writes subnet.env, publishes its VTEP in node annotations, and for every peer programs a
 * route, a permanent neighbour and an FDB entry — exactly what `ip route`, `ip neigh show dev
 * flannel.1` and `bridge fdb show dev flannel.1` show on a real node.
 */
import type { Node } from '../../api/types';
import type { SimContext } from '../../sim/context';
import { parseRule } from '../../net/iptables';
import { formatSubnetEnv, CNI_CONFLIST } from './subnetEnv';

export const ANNOTATIONS = {
  backendData: 'flannel.alpha.coreos.com/backend-data',
  backendType: 'flannel.alpha.coreos.com/backend-type',
  publicIp: 'flannel.alpha.coreos.com/public-ip',
  kubeSubnetManager: 'flannel.alpha.coreos.com/kube-subnet-manager',
};

const VNI = 1;
const PORT = 8472;

export class Flanneld {
  private started = false;
  readonly actor: string;

  constructor(
    private readonly ctx: SimContext,
    private readonly nodeName: string,
  ) {
    this.actor = `flanneld/${nodeName}`;
  }

  start(): void {
    this.ctx.api.watch('Node', this.actor, (type, obj) => {
      const node = obj as Node;
      if (type === 'DELETED') return;
      if (node.metadata.name === this.nodeName) this.onOwnNode(node);
      else this.onPeer(node);
    });
  }

  private onOwnNode(node: Node): void {
    if (this.started || !node.spec.podCIDR) return;
    this.started = true;
    const { net, hosts, scenario } = this.ctx;
    const host = hosts.get(this.nodeName)!;
    const ns = net.ns(this.nodeName);
    // Without --iface, flannel uses the interface of the default route.
    const iface = ns.routes.find((r) => r.dst === 'default')?.dev ?? 'eth0';
    const nic = net.link(ns, iface)!;
    const publicIp = nic.addrs[0].address;
    const mtu = nic.mtu - 50;
    const [base, prefix] = node.spec.podCIDR.split('/');
    const vtep = net.addLink(ns, 'flannel.1', 'vxlan', { mtu, up: true, vxlan: { vni: VNI, local: publicIp, dstport: PORT, dev: iface } });
    net.addAddress(ns, 'flannel.1', base, 32);
    const gw = base.replace(/\.0$/, '.1');
    host.files['/run/flannel/subnet.env'] = formatSubnetEnv({
      FLANNEL_NETWORK: scenario.cluster.podCIDR,
      FLANNEL_SUBNET: `${gw}/${prefix}`,
      FLANNEL_MTU: mtu,
      FLANNEL_IPMASQ: true,
    });
    host.files['/etc/cni/net.d/10-flannel.conflist'] = CNI_CONFLIST;
    this.ctx.cniConfigWatchers.get(this.nodeName)?.();
    host.files['/etc/kube-flannel/net-conf.json'] = `{\n  "Network": "${scenario.cluster.podCIDR}",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "vxlan"\n  }\n}\n`;
    this.installForwardRules(scenario.cluster.podCIDR);
    this.installMasqRules(scenario.cluster.podCIDR, node.spec.podCIDR);
    const updated: Node = structuredClone(node);
    updated.metadata.annotations = {
      ...(updated.metadata.annotations ?? {}),
      [ANNOTATIONS.backendData]: JSON.stringify({ VNI: VNI, VtepMAC: vtep.mac }),
      [ANNOTATIONS.backendType]: 'vxlan',
      [ANNOTATIONS.kubeSubnetManager]: 'true',
      [ANNOTATIONS.publicIp]: publicIp,
    };
    const fresh = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    if (fresh) {
      fresh.metadata.annotations = updated.metadata.annotations;
      this.ctx.api.update(fresh, this.actor);
    }
    // Peers that announced themselves before we started.
    for (const peer of this.ctx.api.list<Node>('Node')) if (peer.metadata.name !== this.nodeName) this.onPeer(peer);
  }

  /** flanneld's FORWARD rules, so pod traffic is forwarded even where the policy is DROP. */
  private installForwardRules(network: string): void {
    const ns = this.ctx.net.ns(this.nodeName);
    const filter = ns.iptables.filter;
    if (filter['FLANNEL-FWD']) return;
    filter['FLANNEL-FWD'] = { name: 'FLANNEL-FWD', rules: [], packets: 0, bytes: 0 };
    const c = ['-m', 'comment', '--comment', 'flanneld forward'];
    filter.FORWARD.rules.push(parseRule([...c, '-j', 'FLANNEL-FWD']));
    filter['FLANNEL-FWD'].rules.push(parseRule(['-s', network, ...c, '-j', 'ACCEPT']));
    filter['FLANNEL-FWD'].rules.push(parseRule(['-d', network, ...c, '-j', 'ACCEPT']));
  }

  /**
   * flanneld's masquerade rules (--ip-masq): pod traffic leaving the pod network is
   * MASQUERADEd to the node's address; pod-to-pod traffic keeps its source.
   */
  private installMasqRules(network: string, subnet: string): void {
    const nat = this.ctx.net.ns(this.nodeName).iptables.nat;
    if (nat['FLANNEL-POSTRTG']) return;
    nat['FLANNEL-POSTRTG'] = { name: 'FLANNEL-POSTRTG', rules: [], packets: 0, bytes: 0 };
    const c = ['-m', 'comment', '--comment', 'flanneld masq'];
    nat.POSTROUTING.rules.push(parseRule([...c, '-j', 'FLANNEL-POSTRTG'], 'nat'));
    const add = (words: string[]): void => {
      nat['FLANNEL-POSTRTG'].rules.push(parseRule(words, 'nat'));
    };
    add(['-m', 'mark', '--mark', '0x4000/0x4000', ...c, '-j', 'RETURN']);
    add(['-s', subnet, '-d', network, ...c, '-j', 'RETURN']);
    add(['-s', network, '-d', subnet, ...c, '-j', 'RETURN']);
    add(['!', '-s', network, '-d', subnet, ...c, '-j', 'RETURN']);
    add(['-s', network, '!', '-d', '224.0.0.0/4', ...c, '-j', 'MASQUERADE', '--random-fully']);
    add(['!', '-s', network, '-d', network, ...c, '-j', 'MASQUERADE', '--random-fully']);
  }

  private onPeer(node: Node): void {
    if (!this.started) return;
    const a = node.metadata.annotations ?? {};
    const cidr = node.spec.podCIDR;
    if (!cidr || !a[ANNOTATIONS.backendData] || !a[ANNOTATIONS.publicIp]) return;
    const { VtepMAC } = JSON.parse(a[ANNOTATIONS.backendData]) as { VtepMAC: string };
    const publicIp = a[ANNOTATIONS.publicIp];
    const net = this.ctx.net;
    const ns = net.ns(this.nodeName);
    const vtep = net.link(ns, 'flannel.1')!;
    const gw = cidr.split('/')[0];
    if (!ns.routes.some((r) => r.dst === cidr)) net.addRoute(ns, { dst: cidr, via: gw, dev: 'flannel.1', onlink: true });
    ns.neigh = ns.neigh.filter((n) => !(n.dev === 'flannel.1' && n.ip === gw));
    ns.neigh.push({ ip: gw, dev: 'flannel.1', lladdr: VtepMAC, state: 'PERMANENT' });
    vtep.fdb = (vtep.fdb ?? []).filter((f) => f.mac !== VtepMAC);
    vtep.fdb.push({ mac: VtepMAC, dst: publicIp, permanent: true });
  }
}
