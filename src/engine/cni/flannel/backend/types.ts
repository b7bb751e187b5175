/** What a flannel backend does on one node: set itself up, then program each peer. */
import type { NetNs } from '../../../net/types';

export interface PeerLease {
  node: string;
  subnet: string;
  publicIp: string;
  /** Backend data from the node annotation (vxlan: VtepMAC). */
  data: Record<string, string | number>;
}

export interface Backend {
  type: 'vxlan' | 'host-gw';
  /** Creates the backend's device (if any); returns the backend data to announce. */
  setup(ns: NetNs, subnet: string, publicIp: string, iface: string): Record<string, string | number>;
  /** Programs routes (and neighbours, FDB) for one peer; returns an error line if it cannot. */
  addPeer(ns: NetNs, peer: PeerLease, iface: string): string | undefined;
  /** Removes everything the backend created (on restart); `programmed` are the peer subnets it routed. */
  teardown(ns: NetNs, programmed: string[]): void;
}
