/** What `systemctl` and `kubeadm reset` can do to a node's kubelet service. */
export interface KubeletControl {
  readonly node: string;
  /** Whether the kubelet process runs (systemctl is-active kubelet). */
  running(): boolean;
  /** Simulated ms when it last started or stopped (systemctl status "since"). */
  since(): number;
  /** The PID systemd shows. */
  pid(): number;
  stop(): void;
  start(): void;
  /** kubeadm reset: stop the kubelet and remove every pod sandbox of the node. */
  reset(): void;
}
