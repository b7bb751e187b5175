/**
 * The `portmap` CNI plugin (containernetworking/plugins, iptables backend): a pod's hostPorts
 * become DNAT rules on the node. Chain layout as the plugin writes it:
 *   PREROUTING, OUTPUT:  -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT
 *   CNI-HOSTPORT-DNAT:   one jump per container (-m multiport --dports …) to CNI-DN-<hash>
 *   CNI-DN-<hash>:       SETMARK for hairpin (-s pod subnet) and localhost sources, then DNAT
 *   POSTROUTING:         -j CNI-HOSTPORT-MASQ, which masquerades what SETMARK marked (0x2000).
 */
import type { NetNs } from '../../net/types';
import type { TableName } from '../../net/iptables';
import { parseRule } from '../../net/iptables';
import { networkOf } from '../../net/ip';
import { fnv1a32 } from '../../sim/hash';

/** One entry of runtimeConfig.portMappings (the kubelet fills it from the pod's hostPorts). */
export interface PortMapping {
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  hostIP?: string;
}

export const DNAT_CHAIN = 'CNI-HOSTPORT-DNAT';
export const MASQ_CHAIN = 'CNI-HOSTPORT-MASQ';
export const SETMARK_CHAIN = 'CNI-HOSTPORT-SETMARK';
const MARK = '0x2000/0x2000';
const ENTRY = ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', DNAT_CHAIN];
const MASQ_ENTRY = ['-m', 'comment', '--comment', 'CNI portfwd requiring masquerade', '-j', MASQ_CHAIN];

/** CNI-DN- and 21 hex digits from network name and container id: at most 28 characters, as iptables allows. */
export function dnatChainName(network: string, containerId: string): string {
  const hex = [network + containerId, containerId + network, containerId].map((s) => fnv1a32(s).toString(16).padStart(8, '0')).join('');
  return `CNI-DN-${hex.slice(0, 21)}`;
}

function ensureChain(host: NetNs, table: TableName, name: string): void {
  host.iptables[table][name] ??= { name, rules: [], packets: 0, bytes: 0 };
}

function ensureRule(host: NetNs, table: TableName, chain: string, words: string[], first = false): void {
  const rule = parseRule(words, table);
  const c = host.iptables[table][chain];
  if (c.rules.some((r) => r.spec === rule.spec)) return;
  if (first) c.rules.unshift(rule);
  else c.rules.push(rule);
}

const comment = (network: string, containerId: string): string[] => ['-m', 'comment', '--comment', `dnat name: "${network}" id: "${containerId}"`];

/** ADD: installs the top-level chains (once per node) and this container's CNI-DN chain. */
export function portmapAdd(host: NetNs, network: string, containerId: string, mappings: PortMapping[], podAddress: string, snat = true): void {
  if (mappings.length === 0) return;
  ensureChain(host, 'nat', DNAT_CHAIN);
  ensureRule(host, 'nat', 'PREROUTING', ENTRY);
  ensureRule(host, 'nat', 'OUTPUT', ENTRY);
  if (snat) {
    ensureChain(host, 'nat', SETMARK_CHAIN);
    ensureRule(host, 'nat', SETMARK_CHAIN, ['-m', 'comment', '--comment', 'CNI portfwd masquerade mark', '-j', 'MARK', '--set-xmark', MARK]);
    ensureChain(host, 'nat', MASQ_CHAIN);
    ensureRule(host, 'nat', MASQ_CHAIN, ['-m', 'mark', '--mark', MARK, '-j', 'MASQUERADE']);
    ensureRule(host, 'nat', 'POSTROUTING', MASQ_ENTRY, true);
  }
  const [ip, prefix] = podAddress.split('/');
  const subnet = networkOf(ip, Number(prefix ?? 32));
  const dn = dnatChainName(network, containerId);
  host.iptables.nat[dn] = { name: dn, rules: [], packets: 0, bytes: 0 };
  for (const proto of ['tcp', 'udp', 'sctp'] as const) {
    const ports = mappings.filter((m) => m.protocol === proto).map((m) => m.hostPort);
    if (ports.length === 0) continue;
    ensureRule(host, 'nat', DNAT_CHAIN, ['-p', proto, ...comment(network, containerId), '-m', 'multiport', '--dports', ports.join(','), '-j', dn]);
  }
  for (const m of mappings) {
    const match = [...(m.hostIP ? ['-d', `${m.hostIP}/32`] : []), '-p', m.protocol, '-m', m.protocol, '--dport', String(m.hostPort)];
    if (snat) {
      // Hairpin (the pod, or a neighbour on its bridge, to its own hostPort) and localhost need SNAT.
      ensureRule(host, 'nat', dn, ['-s', subnet, ...match, '-j', SETMARK_CHAIN]);
      ensureRule(host, 'nat', dn, ['-s', '127.0.0.1/32', ...match, '-j', SETMARK_CHAIN]);
    }
    ensureRule(host, 'nat', dn, [...match, '-j', 'DNAT', '--to-destination', `${ip}:${m.containerPort}`]);
  }
}

/** DEL: removes the container's jumps and CNI-DN chain; the shared top-level chains stay. */
export function portmapDel(host: NetNs, network: string, containerId: string): void {
  const dn = dnatChainName(network, containerId);
  const top = host.iptables.nat[DNAT_CHAIN];
  if (top) top.rules = top.rules.filter((r) => r.target !== dn);
  delete host.iptables.nat[dn];
}

/** CHECK: the container's chain and its jump must still be there when it has mappings. */
export function portmapCheck(host: NetNs, network: string, containerId: string, mappings: PortMapping[]): void {
  if (mappings.length === 0) return;
  const dn = dnatChainName(network, containerId);
  if (!host.iptables.nat[dn]) throw new Error(`could not check ipv4 dnat: chain ${dn} not found in table nat`);
  if (!host.iptables.nat[DNAT_CHAIN]?.rules.some((r) => r.target === dn)) throw new Error(`could not check ipv4 dnat: no rule in ${DNAT_CHAIN} jumps to ${dn}`);
}
