/**
 * Validation of a scenario and an action log that came from outside (a URL, a file). Every
 * problem is named with its path, e.g. `scenario.nodes[1].ip: "10.0.0" is not an IPv4 address`.
 */
import { cidr, cidrContains, isCidr, isIPv4, nthAddress as nthAddressOf, prefixLen } from '../net/ip';
import { MAX_COMMAND_LENGTH } from '../shell/shell';
import { MAX_MANIFEST_BYTES } from '../api/manifest';
import type { Action, Scenario } from './types';
import { ENVELOPE_NODES, hollowRoom } from '../kubemark/layout';

export const LIMITS = { nodes: 1000, actions: 5000 };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function need(cond: boolean, msg: string): void {
  if (!cond) throw new Error(msg);
}

export function validateScenario(v: unknown): Scenario {
  need(isObj(v), 'scenario: must be an object');
  const s = v as Obj;
  need(typeof s.name === 'string' && s.name.length <= 100, 'scenario.name: must be a string of at most 100 characters');
  need(Number.isInteger(s.seed) && (s.seed as number) >= 0 && (s.seed as number) <= 0xffffffff, 'scenario.seed: must be an integer between 0 and 4294967295');
  need(s.preset === undefined || (typeof s.preset === 'string' && /^[a-z0-9-]{1,64}$/.test(s.preset)), 'scenario.preset: must be a preset id (lower case letters, digits, -)');
  need(isObj(s.cluster), 'scenario.cluster: must be an object');
  const c = s.cluster as Obj;
  for (const key of ['podCIDR', 'serviceCIDR', 'nodeNetwork'] as const) {
    need(typeof c[key] === 'string' && isCidr(c[key] as string), `scenario.cluster.${key}: ${JSON.stringify(c[key])} is not a CIDR such as 10.244.0.0/16`);
    need(cidr(c[key] as string).getFirst().toString() === (c[key] as string).split('/')[0], `scenario.cluster.${key}: ${c[key]} has host bits set (did you mean ${cidr(c[key] as string).getFirst().toString()}/${prefixLen(c[key] as string)}?)`);
  }
  const podPrefix = prefixLen(c.podCIDR as string);
  need(Number.isInteger(c.nodeCIDRMaskSize) && (c.nodeCIDRMaskSize as number) > podPrefix && (c.nodeCIDRMaskSize as number) <= 28, `scenario.cluster.nodeCIDRMaskSize: must be an integer between ${podPrefix + 1} and 28`);
  need(c.cni === 'flannel' || c.cni === 'calico' || c.cni === 'bridge' || c.cni === 'none', 'scenario.cluster.cni: must be "flannel", "calico", "bridge" or "none"');
  need(c.flannelBackend === 'vxlan' || c.flannelBackend === 'host-gw', 'scenario.cluster.flannelBackend: must be "vxlan" or "host-gw"');
  need(c.topology === undefined || c.topology === 'cloud' || c.topology === 'vagrant', 'scenario.cluster.topology: must be "cloud" or "vagrant"');
  need(c.kubeProxyMode === undefined || c.kubeProxyMode === 'iptables' || c.kubeProxyMode === 'ipvs' || c.kubeProxyMode === 'nftables', `scenario.cluster.kubeProxyMode: ${JSON.stringify(c.kubeProxyMode)} is not a kube-proxy mode; must be "iptables", "ipvs" or "nftables"`);
  if (c.flannel !== undefined) {
    need(isObj(c.flannel), 'scenario.cluster.flannel: must be an object');
    const f = c.flannel as Obj;
    need(f.network === undefined || (typeof f.network === 'string' && isCidr(f.network)), `scenario.cluster.flannel.network: ${JSON.stringify(f.network)} is not a CIDR`);
    need(f.iface === undefined || (typeof f.iface === 'string' && /^[A-Za-z0-9_.-]{1,15}$/.test(f.iface)), 'scenario.cluster.flannel.iface: must be an interface name');
  }
  const extra = (c.extraNetworks ?? []) as unknown[];
  need(Array.isArray(extra) && extra.length <= 4, 'scenario.cluster.extraNetworks: must be a list of at most 4 CIDRs');
  (extra as unknown[]).forEach((x, i) => need(typeof x === 'string' && isCidr(x) && prefixLen(x) <= 30, `scenario.cluster.extraNetworks[${i}]: ${JSON.stringify(x)} is not a CIDR such as 192.168.57.0/24`));
  const networks = [c.nodeNetwork as string, ...(extra as string[])];
  need(typeof c.kubernetesVersion === 'string' && /^v1\.\d+\.\d+$/.test(c.kubernetesVersion), 'scenario.cluster.kubernetesVersion: must look like v1.34.2');
  need(Array.isArray(s.nodes) && s.nodes.length >= 1 && s.nodes.length <= LIMITS.nodes, `scenario.nodes: must list 1 to ${LIMITS.nodes} nodes`);
  const names = new Set<string>();
  const ips = new Set<string>();
  (s.nodes as unknown[]).forEach((n, i) => {
    const p = `scenario.nodes[${i}]`;
    need(isObj(n), `${p}: must be an object`);
    const node = n as Obj;
    need(typeof node.name === 'string' && DNS_LABEL.test(node.name) && node.name.length <= 63 && node.name !== 'router' && node.name !== 'internet', `${p}.name: ${JSON.stringify(node.name)} is not a valid node name (lower case letters, digits and '-')`);
    need(!names.has(node.name as string), `${p}.name: duplicate node name "${node.name}"`);
    names.add(node.name as string);
    need(node.role === 'control-plane' || node.role === 'worker', `${p}.role: must be "control-plane" or "worker"`);
    need(typeof node.ip === 'string' && isIPv4(node.ip), `${p}.ip: ${JSON.stringify(node.ip)} is not an IPv4 address`);
    need(networks.some((net) => cidrContains(net, node.ip as string)), `${p}.ip: ${node.ip} is outside the node network ${c.nodeNetwork}${extra.length > 0 ? ' and the extra networks' : ''}`);
    need(!networks.some((net) => cidr(net).getFirst().toString() === node.ip || nthAddressOf(net, 1) === node.ip), `${p}.ip: ${node.ip} is the network's own or its router's address`);
    need(!ips.has(node.ip as string), `${p}.ip: ${node.ip} is used by two nodes`);
    ips.add(node.ip as string);
    need(node.runtime === 'containerd' || node.runtime === 'cri-o', `${p}.runtime: must be "containerd" or "cri-o"`);
    need(node.joined === undefined || typeof node.joined === 'boolean', `${p}.joined: must be true or false`);
    need(!(node.joined === false && node.role === 'control-plane'), `${p}.joined: the control-plane is the node kubeadm init ran on; it cannot be a machine still waiting to join`);
  });
  need((s.nodes as Obj[]).some((n) => n.role === 'control-plane'), 'scenario.nodes: one node must be the control-plane');
  const machines = (s.nodes as unknown[]).length;
  const hollow = c.hollowNodes ?? 0;
  const most = ENVELOPE_NODES - machines;
  need(Number.isInteger(hollow) && (hollow as number) >= 0 && (hollow as number) <= most, `scenario.cluster.hollowNodes: must be a whole number from 0 to ${most} (Kubernetes' limit is ${ENVELOPE_NODES} nodes, ${machines} of them machines here)`);
  need((hollow as number) <= hollowRoom(c.nodeNetwork as string, machines), `scenario.cluster.hollowNodes: ${hollow} hollow nodes do not fit in the node network ${c.nodeNetwork} beside ${machines} machines`);
  const subnets = 2 ** ((c.nodeCIDRMaskSize as number) - podPrefix);
  need(machines + (hollow as number) <= subnets, `scenario.cluster.podCIDR: ${c.podCIDR} holds ${subnets} node subnets of /${c.nodeCIDRMaskSize}, fewer than the ${machines + (hollow as number)} nodes (kube-controller-manager could not give every node a podCIDR)`);
  need(typeof s.manifests === 'string' && s.manifests.length <= MAX_MANIFEST_BYTES, `scenario.manifests: must be YAML text of at most ${MAX_MANIFEST_BYTES} bytes`);
  return v as Scenario;
}

export function validateActions(v: unknown): Action[] {
  need(Array.isArray(v), 'actions: must be a list');
  const list = v as unknown[];
  need(list.length <= LIMITS.actions, `actions: ${list.length} actions; the limit is ${LIMITS.actions}`);
  list.forEach((a, i) => {
    const p = `actions[${i}]`;
    need(isObj(a), `${p}: must be an object`);
    const o = a as Obj;
    if (o.type === 'exec') {
      need(typeof o.target === 'string' && o.target.length <= 253, `${p}.target: must be a node name or namespace/pod`);
      need(typeof o.command === 'string' && o.command.length <= MAX_COMMAND_LENGTH, `${p}.command: must be a command line of at most ${MAX_COMMAND_LENGTH} characters`);
    } else if (o.type === 'trace') {
      need(typeof o.from === 'string' && typeof o.to === 'string' && o.from.length <= 253 && o.to.length <= 253, `${p}: a trace needs "from" and "to"`);
      need(o.proto === undefined || o.proto === 'icmp' || o.proto === 'tcp' || o.proto === 'udp', `${p}.proto: must be icmp, tcp or udp`);
      need(o.port === undefined || (Number.isInteger(o.port) && (o.port as number) >= 1 && (o.port as number) <= 65535), `${p}.port: must be 1 to 65535`);
    } else if (o.type === 'sleep') {
      need(Number.isInteger(o.ms) && (o.ms as number) >= 0 && (o.ms as number) <= 86_400_000, `${p}.ms: must be 0 to 86400000`);
    } else if (o.type === 'apply') {
      need(typeof o.manifest === 'string' && o.manifest.length <= MAX_MANIFEST_BYTES, `${p}.manifest: must be YAML text of at most ${MAX_MANIFEST_BYTES} bytes`);
    } else {
      throw new Error(`${p}.type: unknown action ${JSON.stringify(o.type)} (expected exec, trace, sleep or apply)`);
    }
  });
  return list as Action[];
}
