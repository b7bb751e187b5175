/**
 * The Linux network model: namespaces holding links, addresses, routes, neighbours and
 * iptables, and the L2 segments that physical NICs plug into. Plain data, so a state hash
 * and a snapshot are just its JSON.
 */
import type { IptablesState } from './iptables';
import type { CtEntry } from './conntrack';
import type { IpsetState } from './ipset';
import type { IpvsState } from './ipvs';
import type { NftState } from './nftables';

export type LinkKind = 'loopback' | 'ether' | 'veth' | 'bridge' | 'vxlan' | 'dummy' | 'ipip';

export interface IfAddr {
  address: string;
  prefix: number;
  scope: 'host' | 'link' | 'global';
  broadcast?: string;
}

export interface FdbEntry {
  mac: string;
  /** bridge: the port it was learned on; vxlan: the remote VTEP IP. */
  port?: string;
  dst?: string;
  permanent: boolean;
}

export interface Link {
  ifindex: number;
  name: string;
  kind: LinkKind;
  mac: string;
  mtu: number;
  up: boolean;
  addrs: IfAddr[];
  /** The bridge this link is a port of. */
  master?: string;
  /** A bridge port's hairpin mode: may a frame leave by the port it came in on (`bridge link set dev X hairpin on`)? */
  hairpin?: boolean;
  /** veth: the other end. */
  peer?: { ns: string; ifname: string };
  vxlan?: { vni: number; local: string; dstport: number; dev: string };
  fdb?: FdbEntry[];
  /** Physical NICs: the L2 segment the cable goes to. */
  segment?: string;
}

export interface Route {
  /** "default" or a CIDR such as 10.244.2.0/24. */
  dst: string;
  via?: string;
  dev: string;
  proto?: 'kernel' | 'static' | 'boot' | 'dhcp' | 'bird';
  /** blackhole: matching packets are discarded (BIRD's route for a node's own Calico block). */
  type?: 'blackhole';
  scope?: 'link' | 'host' | 'global';
  src?: string;
  onlink?: boolean;
  metric?: number;
}

export interface Neighbour {
  ip: string;
  dev: string;
  lladdr?: string;
  state: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'FAILED' | 'NOARP';
}

export interface NetNs {
  /** Unique id: the node name for a host's root namespace, cni-<uuid> for a pod. */
  id: string;
  /** The machine this namespace lives on. */
  host: string;
  /** host: a machine's root namespace; pod: a pod sandbox; netns: made with `ip netns add`; router: outside the cluster. */
  kind: 'host' | 'pod' | 'netns' | 'router';
  /** For `ip netns add` namespaces: the name given. */
  name?: string;
  /** For pod namespaces: namespace/name of the pod. */
  pod?: string;
  links: Link[];
  routes: Route[];
  neigh: Neighbour[];
  sysctl: Record<string, string>;
  iptables: IptablesState;
  /** nf_conntrack's table for this namespace. */
  conntrack: CtEntry[];
  /** ipsets (felix's cali40s:..., kube-proxy's KUBE-CLUSTER-IP ...), by name. */
  ipsets?: IpsetState;
  /** xt_recent's lists (/proc/net/xt_recent/NAME): source address → last seen (ms); made on first use. */
  recent?: Record<string, Record<string, number>>;
  /** IPVS virtual servers (kube-proxy's ipvs mode), made on first use. */
  ipvs?: IpvsState;
  /** nftables tables (kube-proxy's nftables mode: `ip kube-proxy`), made on first use. */
  nft?: NftState;
  nextIfindex: number;
}

export interface Segment {
  id: string;
  cidr: string;
  description: string;
}
