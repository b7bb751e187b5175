/**
 * A scenario: the topology and cluster settings, the manifests applied at start, the seed.
 * Together with the action log it reproduces a state exactly (that is the shareable URL).
 */
export interface ScenarioNode {
  name: string;
  role: 'control-plane' | 'worker';
  /** The node's address on the cluster network (its eth0). */
  ip: string;
  runtime: 'containerd' | 'cri-o';
  /**
   * false: a spare machine with containerd and the kubeadm packages whose kubelet is stopped,
   * ready for `kubeadm join` (default true: the node joined when the cluster was built).
   */
  joined?: boolean;
}

export interface Scenario {
  name: string;
  /** The preset this scenario was made from (shown in the UI). */
  preset?: string;
  seed: number;
  cluster: {
    podCIDR: string;
    serviceCIDR: string;
    nodeCIDRMaskSize: number;
    /**
     * flannel (overlay or host-gw); bridge: the plain bridge plugin on each node's podCIDR
     * with no routes between nodes; none: no pod network (the learner builds it by hand);
     * calico: calico-node (IPIP between nodes, BIRD routes, felix enforcing NetworkPolicy).
     */
    cni: 'flannel' | 'calico' | 'bridge' | 'none';
    flannelBackend: 'vxlan' | 'host-gw';
    /** flannel's own settings: net-conf.json's Network (default: podCIDR) and --iface. */
    flannel?: { network?: string; iface?: string };
    kubernetesVersion: string;
    /** The L2 network the nodes' main NIC is plugged into. */
    nodeNetwork: string;
    /** Further node networks behind the router (nodes in another subnet: an L3 boundary). */
    extraNetworks?: string[];
    /**
     * cloud: one NIC per node (eth0) on the node network, default route to the router.
     * vagrant: VirtualBox VMs — enp0s3 on a private NAT network (10.0.2.15 on every VM, the
     * default route) and enp0s8 on the host-only network with the node's address.
     */
    topology?: 'cloud' | 'vagrant';
    /** kube-proxy's mode (config.conf `mode:`): iptables chains, IPVS virtual servers or the nftables table `ip kube-proxy` (default iptables). */
    kubeProxyMode?: 'iptables' | 'ipvs' | 'nftables';
    /**
     * Kubemark hollow nodes beside the machines: hollow-node-1 … hollow-node-N, whose kubelet runs
     * against a fake runtime and whose kube-proxy programs fake iptables. The control plane carries
     * them as real Nodes with real pods; there is no machine, shell or datapath behind them.
     */
    hollowNodes?: number;
  };
  nodes: ScenarioNode[];
  /** Multi-document YAML applied with `kubectl apply` once the cluster is up. */
  manifests: string;
}

/** Every command, edit and trace that changed state: replayed in order, it rebuilds the state. */
export type Action =
  | { type: 'exec'; target: string; command: string }
  | { type: 'trace'; from: string; to: string; proto?: 'icmp' | 'tcp' | 'udp'; port?: number }
  | { type: 'sleep'; ms: number }
  /** `kubectl apply` of a manifest from the editor (multi-document YAML). */
  | { type: 'apply'; manifest: string };
