/** A machine in the simulation: a node of the cluster, with its files and CNI bookkeeping. */
import type { HostLocalState } from '../cni/host-local/ipam';
import type { CniCall } from '../cni/types';
import type { FlannelState } from '../cni/flannel/flanneld';
import type { CalicoNodeState } from '../cni/calico/ipam';

export interface Host {
  name: string;
  role: 'control-plane' | 'worker';
  /** The address of eth0 on the node network. */
  ip: string;
  runtime: 'containerd' | 'cri-o';
  /** Files a learner can `cat`: /run/flannel/subnet.env, /etc/cni/net.d/... */
  files: Record<string, string>;
  /** host-local IPAM state per CNI network name (/var/lib/cni/networks/<name>). */
  ipam: Record<string, HostLocalState>;
  /** Every CNI invocation on this host, oldest first (bounded). */
  cniCalls: CniCall[];
  /** Names under /var/run/netns that `ip netns add` or `ln -s` created, → namespace id. */
  netnsNames: Record<string, string>;
  /** flanneld's state on this node, when flannel runs here. */
  flannel?: FlannelState;
  /** Calico's IPAM blocks and addresses of this node, when calico-node runs here. */
  calico?: CalicoNodeState;
}
