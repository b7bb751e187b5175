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
    /** flannel, or none: nodes with no pod network (the learner builds it by hand). */
    cni: 'flannel' | 'none';
    flannelBackend: 'vxlan';
    kubernetesVersion: string;
    /** The L2 network the nodes' eth0 are plugged into. */
    nodeNetwork: string;
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
