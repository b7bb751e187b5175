/** CNI spec 1.0 types: network configuration in, result out (github.com/containernetworking/cni SPEC.md). */
export interface IpamConfig {
  type: 'host-local';
  ranges: { subnet: string; gateway?: string; rangeStart?: string; rangeEnd?: string }[][];
  routes?: { dst: string; gw?: string }[];
  dataDir?: string;
}

export interface BridgeConf {
  cniVersion: string;
  name: string;
  type: 'bridge';
  bridge: string;
  isGateway?: boolean;
  isDefaultGateway?: boolean;
  ipMasq?: boolean;
  hairpinMode?: boolean;
  mtu?: number;
  ipam: IpamConfig;
}

export interface CniResult {
  cniVersion: '1.0.0';
  interfaces: { name: string; mac: string; sandbox?: string; mtu?: number }[];
  ips: { address: string; gateway?: string; interface?: number }[];
  routes: { dst: string; gw?: string }[];
  dns: Record<string, never>;
}

/** The environment the runtime passes to a plugin (CNI_COMMAND, CNI_CONTAINERID ...). */
export interface CniArgs {
  command: 'ADD' | 'DEL' | 'CHECK';
  containerId: string;
  netns: string;
  ifname: string;
  /** K8S_POD_NAMESPACE / K8S_POD_NAME from CNI_ARGS. */
  podNamespace: string;
  podName: string;
}

/** One invocation, kept so a learner can read what was passed and returned. */
export interface CniCall {
  t: number;
  plugin: string;
  args: CniArgs;
  config: unknown;
  result?: CniResult;
  error?: string;
}
