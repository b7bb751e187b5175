/**
 * What the UI sees of the engine: a compact, serialisable picture of the cluster, sent from
 * the worker after every action. Panels read only this (and traces), never engine objects.
 */
import type { Message } from './messages';
import type { NftTableView } from './nftView';

export interface PodView {
  namespace: string;
  name: string;
  /** namespace/name: the id used everywhere in the UI and in trace steps. */
  id: string;
  node?: string;
  ip?: string;
  phase: string;
  /** kubectl's STATUS column (Running, ContainerCreating, Pending ...). */
  status: string;
  ready: string;
  app?: string;
  images: string[];
  /** Host-side veth name on the node, and the pod's netns id. */
  hostVeth?: string;
  netns?: string;
}

export interface NodeView {
  name: string;
  role: 'control-plane' | 'worker';
  ready: boolean;
  internalIP: string;
  podCIDR?: string;
  runtime: string;
  kubeletVersion: string;
  /** flannel's VTEP on this node (flannel.1), if any. */
  vtep?: { dev: string; mac: string; address: string };
  bridge?: { dev: string; address: string };
  /** The NIC that holds the node's address (eth0, or enp0s8 on Vagrant). */
  nic: { dev: string; address: string };
  /**
   * A Kubemark hollow node (no machine behind it). Its pods are not listed one by one in the
   * snapshot's `pods` (150,000 of them would cost every answer a second): only counted here.
   */
  hollow?: PodCounts & {
    /** Of these, the cluster's own pods (isSystemNamespace: kube-proxy, flannel): the graph hides them unless "System pods" is on, as it does a machine's. */
    system: PodCounts;
  };
}

/** Pods by phase: Running, Pending, and the rest (Terminating, Failed, Succeeded). */
export interface PodCounts {
  running: number;
  pending: number;
  other: number;
}

/** Namespaces of the cluster's own pods (control plane, kube-proxy, CoreDNS, flannel): the graph hides them unless asked for. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-flannel'];

export function isSystemNamespace(ns: string | undefined): boolean {
  return ns !== undefined && SYSTEM_NAMESPACES.includes(ns);
}

/** One Service as the Services view draws it: its addresses, ports and endpoints (from its Endpoints object). */
export interface ServiceView {
  namespace: string;
  name: string;
  /** namespace/name. */
  id: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /** The ClusterIP, "None" for a headless Service, absent for ExternalName. */
  clusterIP?: string;
  ports: { name?: string; protocol: string; port: number; targetPort?: string; nodePort?: number }[];
  selector?: Record<string, string>;
  externalName?: string;
  externalIPs: string[];
  /** status.loadBalancer.ingress addresses. */
  lbIngress: string[];
  externalTrafficPolicy?: string;
  sessionAffinity?: string;
  /** Each endpoint address: the pod it is (namespace/name), its node, ready or not. */
  endpoints: { ip: string; pod?: string; node?: string; ready: boolean }[];
  /** Endpoint ports (name → port), as the Endpoints object lists them. */
  endpointPorts: { name?: string; port: number; protocol?: string }[];
}

export interface Snapshot {
  /** Simulated time in ms. */
  time: number;
  clusterName: string;
  podCIDR: string;
  serviceCIDR: string;
  cni: string;
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  /** Recent control-plane messages, oldest first. */
  messages: Message[];
  /** How many actions the log holds. */
  actionCount: number;
  /**
   * Changes whenever the state does (what panels key their refreshes on). Up to
   * CONTENT_HASH_LIMITS it is the fingerprint of the whole state (stateHash: equal states, equal
   * hashes, so a shared link shows the same one); past them a cheap version that only changes.
   */
  hash: string;
  /** Whether `hash` is the state's fingerprint (false: a version, see hash). */
  hashIsState: boolean;
  /** The L2 networks between machines (the node network, the uplink). */
  segments: { id: string; cidr: string; description: string; members: { host: string; ifname: string; ip?: string }[] }[];
  /** The preset this scenario came from, if any. */
  preset?: string;
  /** Hosts on the internet a learner can ping or curl. */
  outsideHosts: { ip: string; name: string }[];
  /** `kubectl run -it` sessions still open on an existing pod, and the terminal kubectl runs in (a reload reopens both tabs). */
  attached?: { pod: string; from: string }[];
}

/** One interface, as the Node network panel draws it. */
export interface LinkView {
  name: string;
  kind: 'loopback' | 'ether' | 'veth' | 'bridge' | 'vxlan' | 'dummy' | 'ipip';
  mac: string;
  mtu: number;
  up: boolean;
  /** Addresses as CIDRs (10.244.1.1/24). */
  addrs: string[];
  /** The bridge this link is a port of. */
  master?: string;
  /** veth: the other end (namespace id and interface name). */
  peer?: { netns: string; ifname: string };
  vxlan?: { vni: number; local: string; dstport: number; dev: string };
  /** NIC: the L2 segment its cable goes to. */
  segment?: string;
}

export interface NetnsView {
  id: string;
  kind: 'host' | 'pod' | 'netns' | 'router';
  /** "node-1", "pod default/client", "netns pod1". */
  label: string;
  /** namespace/name for pod sandboxes. */
  pod?: string;
  links: LinkView[];
  /** `ip route` lines. */
  routes: string[];
  /** `ip neigh` lines. */
  neigh: string[];
}

export interface RuleView {
  /** `-A CHAIN ...` as iptables-save prints it. */
  line: string;
  packets: number;
  bytes: number;
}

export interface ChainView {
  table: 'raw' | 'mangle' | 'nat' | 'filter';
  name: string;
  /** Built-in chains have a policy; user chains do not. */
  policy?: 'ACCEPT' | 'DROP';
  packets: number;
  rules: RuleView[];
}

/** Everything the Node network panel shows for one machine. */
export interface NodeNetworkView {
  node: string;
  /** The root namespace first, then pod sandboxes and other namespaces on the machine. */
  namespaces: NetnsView[];
  /** Chains of the root namespace that have rules or a DROP policy. */
  chains: ChainView[];
  /** `bridge fdb show` lines (bridge and VXLAN FDB). */
  fdb: string[];
  /** `conntrack -L` lines. */
  conntrack: string[];
  sysctl: Record<string, string>;
  /** Files a learner may want to read (subnet.env, the CNI config list). */
  files: Record<string, string>;
  /** The latest CNI invocations on this machine: what the runtime passed, what the plugin returned. */
  /** kube-proxy's nftables mode: table ip kube-proxy's chains (those a packet went through, of the per-Service ones); absent otherwise. */
  nft?: NftTableView[];
  /** kube-proxy's ipvs mode: the virtual servers (`ipvsadm -Ln`), empty in iptables mode. */
  ipvs: { proto: string; address: string; port: number; scheduler: string; persistent?: number; servers: { address: string; port: number; weight: number; active: number; inactive: number }[] }[];
  cniCalls: { t: number; command: 'ADD' | 'DEL' | 'CHECK'; plugin: string; pod: string; env: Record<string, string>; config?: unknown; result?: unknown; error?: string }[];
}

/** A ready-made scenario: a basic cluster, or a classic breakage to diagnose and fix. */
export interface PresetInfo {
  id: string;
  title: string;
  category: 'basics' | 'broken';
  summary: string;
  /** What the learner will see (for broken presets). */
  symptom?: string;
  /** A hint towards the fix (for broken presets). */
  hint?: string;
}
