/** Builds the Node network panel's view of one machine from the network model. */
import { formatCt } from '../net/conntrack';
import { ipNeigh, sortedRoutes, formatRoute } from '../net/iproute2';
import { isBuiltinChain, TABLES } from '../net/iptables';
import { ipNumber } from '../net/ip';
import type { NetNs } from '../net/types';
import type { ChainView, NetnsView, NodeNetworkView } from './snapshot';
import type { Simulation } from './simulation';
import { nftView } from './nftView';

function netnsView(ns: NetNs): NetnsView {
  return {
    id: ns.id,
    kind: ns.kind,
    label: ns.kind === 'pod' ? `pod ${ns.pod}` : ns.kind === 'netns' ? `netns ${ns.name}` : ns.host,
    pod: ns.pod,
    links: ns.links.map((l) => ({
      name: l.name,
      kind: l.kind,
      mac: l.mac,
      mtu: l.mtu,
      up: l.up,
      addrs: l.addrs.map((a) => `${a.address}/${a.prefix}`),
      master: l.master,
      peer: l.peer ? { netns: l.peer.ns, ifname: l.peer.ifname } : undefined,
      vxlan: l.vxlan ? { ...l.vxlan } : undefined,
      segment: l.segment,
    })),
    routes: sortedRoutes(ns).map(formatRoute),
    neigh: ipNeigh(ns).split('\n').filter(Boolean),
  };
}

export function buildNodeNetwork(sim: Simulation, node: string): NodeNetworkView {
  const net = sim.ctx.net;
  const root = net.ns(node);
  const others = [...net.namespaces.values()].filter((ns) => ns.host === node && ns.id !== node);
  const chains: ChainView[] = [];
  for (const table of TABLES) {
    for (const c of Object.values(root.iptables[table])) {
      if (c.rules.length === 0 && c.policy !== 'DROP') continue;
      chains.push({
        table,
        name: c.name,
        policy: isBuiltinChain(table, c.name) ? c.policy : undefined,
        packets: c.packets,
        rules: c.rules.map((r) => ({ line: `-A ${c.name} ${r.spec}`, packets: r.packets, bytes: r.bytes })),
      });
    }
  }
  const fdb: string[] = [];
  for (const l of root.links) {
    for (const f of l.fdb ?? []) {
      fdb.push(l.kind === 'vxlan' ? `${f.mac} dev ${l.name} dst ${f.dst} self permanent` : `${f.mac} dev ${f.port} master ${l.name}`);
    }
  }
  const now = sim.ctx.clock.now;
  const host = sim.ctx.hosts.get(node);
  const files: Record<string, string> = {};
  for (const [p, text] of Object.entries(host?.files ?? {})) if (!p.startsWith('/var/lib/cni/networks/') && !p.startsWith('/var/lib/cni/results/')) files[p] = text;
  return {
    node,
    namespaces: [netnsView(root), ...others.map(netnsView)],
    chains,
    fdb,
    conntrack: root.conntrack.filter((e) => e.expires > now).map((e) => formatCt(e, now)),
    sysctl: { ...root.sysctl },
    files,
    ...(root.nft ? { nft: nftView(root.nft) } : {}),
    // Sorted as ipvsadm lists them; InActConn counts connections in their 2-minute TIME_WAIT, as formatIpvsadm does.
    ipvs: [...(root.ipvs?.services ?? [])]
      .sort((a, b) => Number(ipNumber(a.address) - ipNumber(b.address)) || a.port - b.port)
      .map((v) => ({
        proto: v.proto,
        address: v.address,
        port: v.port,
        scheduler: v.scheduler,
        persistent: v.persistent,
        servers: [...v.servers]
          .sort((a, b) => Number(ipNumber(a.address) - ipNumber(b.address)) || a.port - b.port)
          .map((r) => ({ address: r.address, port: r.port, weight: r.weight, active: 0, inactive: r.conns.filter((t) => now - t < 120_000).length })),
      })),
    cniCalls: (host?.cniCalls ?? []).slice(-20).map((c) => ({
      t: c.t,
      command: c.args.command,
      plugin: c.plugin,
      pod: `${c.args.podNamespace}/${c.args.podName}`,
      // The environment a plugin reads, as the CNI spec names it.
      env: {
        CNI_COMMAND: c.args.command,
        CNI_CONTAINERID: c.args.containerId,
        CNI_NETNS: `/var/run/netns/${c.args.netns}`,
        CNI_IFNAME: c.args.ifname,
        CNI_ARGS: `IgnoreUnknown=1;K8S_POD_NAMESPACE=${c.args.podNamespace};K8S_POD_NAME=${c.args.podName};K8S_POD_INFRA_CONTAINER_ID=${c.args.containerId}`,
        CNI_PATH: '/opt/cni/bin',
      },
      config: c.config,
      result: c.result,
      error: c.error,
    })),
  };
}
