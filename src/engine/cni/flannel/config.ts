/**
 * flanneld's configuration: net-conf.json (from the kube-flannel-cfg ConfigMap) and its
 * command-line flags. `--iface` picks the NIC; without it flannel uses the interface of the
 * default route — on Vagrant the NAT interface, with 10.0.2.15 on every VM.
 */
import type { Scenario } from '../../scenario/types';

export interface FlannelConfig {
  /** net-conf.json "Network": the whole pod network flannel manages. */
  network: string;
  backend: 'vxlan' | 'host-gw';
  /** --iface */
  iface?: string;
  /** --ip-masq */
  ipMasq: boolean;
}

export function netConfJson(c: FlannelConfig): string {
  return `{\n  "Network": "${c.network}",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "${c.backend}"\n  }\n}\n`;
}

/** The container args of the kube-flannel DaemonSet, as kube-flannel.yml has them. */
export function flanneldArgs(c: FlannelConfig): string[] {
  return [...(c.ipMasq ? ['--ip-masq'] : []), '--kube-subnet-mgr', ...(c.iface ? [`--iface=${c.iface}`] : [])];
}

/** The configuration a scenario starts flannel with (kube-flannel.yml's defaults plus the scenario's choices). */
export function flannelConfig(s: Scenario): FlannelConfig {
  return { network: s.cluster.flannel?.network ?? s.cluster.podCIDR, backend: s.cluster.flannelBackend, iface: s.cluster.flannel?.iface, ipMasq: true };
}
