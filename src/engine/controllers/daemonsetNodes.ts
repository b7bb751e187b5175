/**
 * What a DaemonSet sync needs from every node — should the daemon run there, its pods there,
 * and the per-node counts behind the status and the rolling update — kept per DaemonSet and
 * brought up to date per write (the apiserver's store observer marks the nodes a Node or
 * owned Pod write touched), instead of a pass over every node on every sync. A sync runs on
 * each of the DaemonSet's pod events and each node event; with a pass per sync, booting N
 * nodes cost O(N²). The result is exactly what a pass would compute: the same counts, the
 * same nodes to act on, in the same (name) order.
 */
import type { DaemonSet, KubeObject, Node, OwnerReference, Pod } from '../api/types';
import type { SimContext } from '../sim/context';
import { isPodActive, isPodReady, ownedBy } from './util';

/** A node's part in the sync: what the per-node pass of syncDaemonSet / updateStatus would count there. */
interface Row {
  should: boolean;
  /** Needs a write: a missing daemon (none terminating), extras, or a daemon where it should not run. */
  act: boolean;
  /** The ready daemon with an old controller-revision-hash, for the rolling update. */
  outdated: Pod | undefined;
  unavailable: number;
  current: number;
  misscheduled: number;
  ready: number;
  updated: number;
}

export interface DaemonCounts {
  desired: number;
  current: number;
  misscheduled: number;
  ready: number;
  updated: number;
  /** Should run there, and no daemon or its first one not ready (the sync's maxUnavailable budget). */
  unavailable: number;
}

/** What depends on the template (uid/generation): its hash and where it should run. */
export interface DaemonTemplate {
  key: string;
  hash: string;
  shouldRun: (node: Node) => boolean;
  /** The node a DaemonSet pod is on, or pinned to by its node affinity. */
  podNode: (p: Pod) => string | undefined;
}

const placed = (p: Pod): boolean => isPodActive(p) && !!p.spec.nodeName;
const NONE: readonly Pod[] = [];
const NO_REFS: readonly OwnerReference[] = [];

export class DaemonNodes {
  private template: DaemonTemplate | undefined;
  private rows = new Map<string, Row>();
  /** The DaemonSet's pods by node (all of them, terminating and finished too). */
  private pods = new Map<string, Pod[]>();
  private dirty = new Set<string>();
  private act = new Set<string>();
  private outdatedOn = new Map<string, Pod>();
  readonly counts: DaemonCounts = { desired: 0, current: 0, misscheduled: 0, ready: 0, updated: 0, unavailable: 0 };

  constructor(
    private readonly ctx: SimContext,
    readonly uid: string,
    readonly namespace: string,
    template: DaemonTemplate,
  ) {
    this.template = template;
    for (const p of ctx.api.peekOwned('Pod', uid) as Pod[]) this.podChanged(p, undefined);
    this.markAll();
  }

  /** A new template (generation): every node is looked at again. */
  setTemplate(t: DaemonTemplate): void {
    if (this.template?.key === t.key) return;
    this.template = t;
    this.markAll();
  }

  private markAll(): void {
    for (const n of this.ctx.api.peekAll('Node')) this.dirty.add(n.metadata.name);
    for (const name of this.rows.keys()) this.dirty.add(name);
  }

  nodeChanged(name: string): void {
    this.dirty.add(name);
  }

  /** A write of a pod that is (or was) this DaemonSet's: it moves in the by-node lists, its node is looked at again. */
  podChanged(obj: KubeObject | undefined, old: KubeObject | undefined): void {
    const podNode = this.template!.podNode;
    const mine = (o: KubeObject | undefined): o is Pod => !!o && o.metadata.namespace === this.namespace && ownedBy(o, this.uid);
    const was = mine(old) ? podNode(old) : undefined;
    const is = mine(obj) ? podNode(obj) : undefined;
    let kept = false;
    if (was !== undefined) {
      const list = this.pods.get(was);
      const i = list ? list.indexOf(old as Pod) : -1;
      // The new version keeps the old one's place; otherwise it leaves.
      if (i >= 0 && is === was) {
        list![i] = obj as Pod;
        kept = true;
      } else if (i >= 0 && list!.length === 1) this.pods.delete(was);
      else if (i >= 0) list!.splice(i, 1);
      this.dirty.add(was);
    }
    if (is !== undefined && !kept) {
      const list = this.pods.get(is);
      if (list) list.push(obj as Pod);
      else this.pods.set(is, [obj as Pod]);
      this.dirty.add(is);
    }
  }

  /** The DaemonSet's pods on a node, in the apiserver's store order (read-only). */
  podsOn(name: string): readonly Pod[] {
    const list = this.pods.get(name);
    if (!list) return NONE;
    if (list.length > 1) this.ctx.api.sortInStoreOrder(list);
    return list;
  }

  /** Brings the rows of the nodes written since the last look up to date. */
  refresh(): void {
    if (this.dirty.size === 0) return;
    for (const name of this.dirty) this.recount(name);
    this.dirty.clear();
  }

  /** Whether the daemon should run on the node (as of the last refresh). */
  should(name: string): boolean {
    return this.rows.get(name)?.should ?? false;
  }

  /** Nodes that need a write, in name order (as a pass over the sorted nodes meets them). */
  nodesToAct(): string[] {
    return [...this.act].sort();
  }

  /** The outdated ready daemons, in node-name order. */
  outdated(): Pod[] {
    return [...this.outdatedOn.keys()].sort().map((n) => this.outdatedOn.get(n)!);
  }

  private recount(name: string): void {
    const old = this.rows.get(name);
    if (old) this.add(old, -1);
    this.act.delete(name);
    this.outdatedOn.delete(name);
    const node = this.ctx.api.peek<Node>('Node', undefined, name) as Node | undefined;
    if (!node) {
      this.rows.delete(name);
      return;
    }
    const row = this.row(node, this.podsOn(name));
    this.rows.set(name, row);
    this.add(row, 1);
    if (row.act) this.act.add(name);
    if (row.outdated) this.outdatedOn.set(name, row.outdated);
  }

  /** What syncDaemonSet's node loop and updateStatus would count on this node. */
  private row(node: Node, here: readonly Pod[]): Row {
    const { hash, shouldRun } = this.template!;
    const should = shouldRun(node);
    const active = here.filter(isPodActive);
    const first = active[0] as Pod | undefined;
    const anyPlaced = here.some(placed);
    return {
      should,
      act: should ? active.length > 1 || (active.length === 0 && !here.some((p) => p.metadata.deletionTimestamp)) : active.length > 0,
      outdated: should && first && isPodReady(first) && first.metadata.labels?.['controller-revision-hash'] !== hash ? first : undefined,
      unavailable: should && (!first || !isPodReady(first)) ? 1 : 0,
      current: should && anyPlaced ? 1 : 0,
      misscheduled: !should && anyPlaced ? 1 : 0,
      ready: should && here.some((p) => placed(p) && isPodReady(p)) ? 1 : 0,
      updated: should && here.some((p) => placed(p) && p.metadata.labels?.['controller-revision-hash'] === hash) ? 1 : 0,
    };
  }

  private add(r: Row, sign: 1 | -1): void {
    const c = this.counts;
    c.desired += r.should ? sign : 0;
    c.current += r.current * sign;
    c.misscheduled += r.misscheduled * sign;
    c.ready += r.ready * sign;
    c.updated += r.updated * sign;
    c.unavailable += r.unavailable * sign;
  }
}

/** Each context's trackers by DaemonSet uid, kept by one pair of store observers. */
const trackers = new WeakMap<SimContext, Map<string, DaemonNodes>>();

/** The DaemonSet's tracker, made (from the store as it is) on first use, with the template brought up to date. */
export function daemonNodes(ctx: SimContext, ds: DaemonSet, template: DaemonTemplate): DaemonNodes {
  let byUid = trackers.get(ctx);
  if (!byUid) {
    const all = new Map<string, DaemonNodes>();
    trackers.set(ctx, (byUid = all));
    ctx.api.observeStore('Node', (obj, old) => {
      const name = (obj ?? old)!.metadata.name;
      for (const t of all.values()) t.nodeChanged(name);
    });
    ctx.api.observeStore('Pod', (obj, old) => {
      // Only pods owned by a tracked DaemonSet (after or before the write) matter; each tracker is told once.
      if (all.size === 0) return;
      const refs = obj?.metadata.ownerReferences;
      for (const r of refs ?? NO_REFS) all.get(r.uid)?.podChanged(obj, old);
      for (const r of old?.metadata.ownerReferences ?? NO_REFS) if (!refs?.some((x) => x.uid === r.uid)) all.get(r.uid)?.podChanged(obj, old);
    });
  }
  const uid = ds.metadata.uid!;
  let t = byUid.get(uid);
  if (!t) byUid.set(uid, (t = new DaemonNodes(ctx, uid, ds.metadata.namespace!, template)));
  else t.setTemplate(template);
  return t;
}
