/**
 * What each flanneld remembers of its peers' leases (flannel's handleUpdateLeaseEvent: a node
 * update that leaves the lease as it was changes nothing). Every node remembers every peer, so
 * this is nodes × peers entries; kept compact: the records are shared, and each flanneld holds
 * an array indexed by a cluster-wide peer number rather than a Map (~40 MB less at 1,000 nodes).
 */
import type { Node } from '../../api/types';

export interface LeaseSeen {
  subnet: string;
  publicIp: string;
  data: string | undefined;
}

/**
 * One record per Node object, shared by every flanneld that programs it: the record only
 * restates the object's fields, and one per node pair was ~90 MB at 1,000 nodes.
 */
const records = new WeakMap<Node, LeaseSeen>();
function recordOf(node: Node, subnet: string, publicIp: string, data: string | undefined): LeaseSeen {
  const had = records.get(node);
  if (had && had.subnet === subnet && had.publicIp === publicIp && had.data === data) return had;
  const seen: LeaseSeen = { subnet, publicIp, data };
  records.set(node, seen);
  return seen;
}

/** Peer node name → its number, one numbering per cluster (keyed by an object of the cluster's). */
const numberings = new WeakMap<object, Map<string, number>>();

export class PeerLeases {
  private numbers: Map<string, number>;
  private seen: (LeaseSeen | undefined)[] = [];

  /** `cluster`: any object one per simulation (the Network), so every flanneld numbers alike. */
  constructor(cluster: object) {
    let m = numberings.get(cluster);
    if (!m) numberings.set(cluster, (m = new Map()));
    this.numbers = m;
  }

  private numberOf(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) this.numbers.set(name, (n = this.numbers.size));
    return n;
  }

  get(name: string): LeaseSeen | undefined {
    const n = this.numbers.get(name);
    return n === undefined ? undefined : this.seen[n];
  }

  /** Remembers `node`'s lease as programmed. */
  set(node: Node, subnet: string, publicIp: string, data: string | undefined): void {
    const n = this.numberOf(node.metadata.name);
    // Fill any gap first: an array with holes becomes a slower, larger dictionary.
    while (this.seen.length < n) this.seen.push(undefined);
    this.seen[n] = recordOf(node, subnet, publicIp, data);
  }

  delete(name: string): void {
    const n = this.numbers.get(name);
    if (n !== undefined && n < this.seen.length) this.seen[n] = undefined;
  }

  clear(): void {
    this.seen = [];
  }
}
