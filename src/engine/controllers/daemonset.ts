/**
 * The DaemonSet controller: one pod per eligible node. A node is eligible when it matches
 * the template's nodeSelector / node affinity and every NoSchedule / NoExecute taint is
 * tolerated (DaemonSet pods tolerate not-ready, unreachable, the pressure conditions and
 * unschedulable on their own, so a cordoned node keeps its daemon). Each pod is pinned with
 * node affinity on metadata.name and placed by the scheduler. A template change replaces
 * pods node by node, at most maxUnavailable (default 1) at a time.
 */
import { deepCopy } from '../apiserver/copy';
import type { DaemonSet, Node, Pod, Toleration } from '../api/types';
import { canonicalJson, fnv1a32 } from '../sim/hash';
import { recordEvent, type SimContext } from '../sim/context';
import { nodeMatchesPod, untoleratedTaint } from '../scheduler/plugins/helpers';
import { safeEncode } from './podTemplateHash';
import { CONTROLLER_MANAGER as ACTOR, isPodActive, isPodReady, ownedBy, scaled } from './util';

const SOURCE = 'daemonset-controller';

export function daemonTolerations(ds: DaemonSet): Toleration[] {
  const tols = [...(ds.spec.template.spec.tolerations ?? [])];
  const add = (key: string, effect: Toleration['effect']): void => {
    if (!tols.some((t) => t.key === key && t.effect === effect)) tols.push({ key, operator: 'Exists', effect });
  };
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (ds.spec.template.spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
  return tols;
}

/** The controller-revision-hash label of a template. */
export function dsHash(ds: DaemonSet): string {
  return safeEncode(String(fnv1a32(canonicalJson(ds.spec.template)))).slice(0, 10);
}

export function shouldRunOn(ds: DaemonSet, node: Node): boolean {
  return runsOn(probePod(ds), node);
}

/** The template as the node check sees it, with the DaemonSet's own tolerations: built once per sync. */
function probePod(ds: DaemonSet): Pod {
  return { spec: { ...ds.spec.template.spec, tolerations: daemonTolerations(ds) } } as Pod;
}

function runsOn(probe: Pod, node: Node): boolean {
  if (!nodeMatchesPod(probe, node)) return false;
  return !untoleratedTaint(probe.spec.tolerations, node.spec.taints);
}

function podNode(p: Pod): string | undefined {
  if (p.spec.nodeName) return p.spec.nodeName;
  const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return terms[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
}

export function startDaemonSetController(ctx: SimContext): void {
  const syncAll = (): void => {
    for (const ds of ctx.api.peekAll('DaemonSet')) syncDaemonSet(ctx, ds.metadata.namespace!, ds.metadata.name);
  };
  ctx.api.watch('DaemonSet', ACTOR, (type, obj) => {
    if (type !== 'DELETED') syncDaemonSet(ctx, obj.metadata.namespace!, obj.metadata.name);
  });
  ctx.api.watch('Node', ACTOR, () => syncAll());
  ctx.api.watch('Pod', ACTOR, (_type, obj) => {
    const owner = obj.metadata.ownerReferences?.find((o) => o.kind === 'DaemonSet' && o.controller);
    if (owner) syncDaemonSet(ctx, obj.metadata.namespace!, owner.name);
  });
}

function newPod(ds: DaemonSet, node: string, hash: string): Pod {
  const spec = deepCopy(ds.spec.template.spec);
  spec.tolerations = daemonTolerations(ds);
  spec.affinity = {
    ...(spec.affinity ?? {}),
    nodeAffinity: {
      ...(spec.affinity?.nodeAffinity ?? {}),
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] },
    },
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...(ds.spec.template.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  };
}

/**
 * What a sync derives from the nodes and the template, kept until either changes: the nodes
 * sorted by name, and per template (uid/generation) its hash and where it should run. A sync
 * runs on every pod and node event; without this each one costs a sort and a node check per node.
 */
interface NodeView {
  version: number;
  nodes: Node[];
  templates: Map<string, { hash: string; should: Map<string, boolean>; replicas: number }>;
}
const views = new WeakMap<SimContext, NodeView>();
/** Per node object (replaced on every write) and template: should the daemon run there. */
const runsOnMemo = new WeakMap<Node, Map<string, boolean>>();

function nodeView(ctx: SimContext, ds: DaemonSet): { nodes: Node[]; hash: string; should: Map<string, boolean>; replicas: number } {
  const version = ctx.api.kindVersion('Node');
  let view = views.get(ctx);
  if (!view || view.version !== version) {
    const nodes = (ctx.api.peekAll('Node') as Node[]).slice().sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    views.set(ctx, (view = { version, nodes, templates: new Map() }));
  }
  const key = `${ds.metadata.uid}/${ds.metadata.generation ?? 1}`;
  let t = view.templates.get(key);
  if (!t) {
    const probe = probePod(ds);
    const should = new Map<string, boolean>();
    let replicas = 0;
    for (const n of view.nodes) {
      let memo = runsOnMemo.get(n);
      if (!memo) runsOnMemo.set(n, (memo = new Map()));
      let yes = memo.get(key);
      if (yes === undefined) memo.set(key, (yes = runsOn(probe, n)));
      should.set(n.metadata.name, yes);
      if (yes) replicas++;
    }
    view.templates.set(key, (t = { hash: dsHash(ds), should, replicas }));
  }
  return { nodes: view.nodes, ...t };
}

export function syncDaemonSet(ctx: SimContext, ns: string, name: string): void {
  const ds = ctx.api.get<DaemonSet>('DaemonSet', ns, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const { nodes, hash, should, replicas } = nodeView(ctx, ds);
  let byNode = podsByNode(ctx, ns, ds);
  const podWrites = ctx.api.kindVersion('Pod');
  const maxUnavailable = Math.max(1, scaled(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, replicas, true));
  let unavailable = 0;
  const outdated: Pod[] = [];
  for (const node of nodes) {
    const name = node.metadata.name;
    const here = byNode.get(name) ?? NONE;
    // Usually one pod per node: no array to build for it.
    const active = here.length === 1 ? (isPodActive(here[0]) ? here : NONE) : here.filter(isPodActive);
    if (should.get(name)) {
      if (active.length === 0) {
        unavailable++;
        if (here.some((p) => p.metadata.deletionTimestamp)) continue;
        const created = ctx.api.create(newPod(ds, name, hash), ACTOR);
        recordEvent(ctx, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
        continue;
      }
      for (const extra of active.slice(1)) ctx.api.delete('Pod', ns, extra.metadata.name, ACTOR);
      if (!isPodReady(active[0])) unavailable++;
      else if (active[0].metadata.labels?.['controller-revision-hash'] !== hash) outdated.push(active[0]);
    } else {
      for (const p of active) {
        ctx.api.delete('Pod', ns, p.metadata.name, ACTOR);
        recordEvent(ctx, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
      }
    }
  }
  if (ds.spec.updateStrategy?.type !== 'OnDelete') {
    for (const p of outdated.slice(0, Math.max(0, maxUnavailable - unavailable))) {
      ctx.api.delete('Pod', ns, p.metadata.name, ACTOR);
      recordEvent(ctx, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
    }
  }
  // The grouping still holds unless this sync created or deleted pods.
  if (ctx.api.kindVersion('Pod') !== podWrites) byNode = podsByNode(ctx, ns, ds);
  updateStatus(ctx, ns, name, nodes, should, hash, byNode);
}

const NONE: readonly Pod[] = [];
const groupings = new WeakMap<SimContext, Map<string, { version: number; byNode: Map<string, Pod[]> }>>();

/** Counts for status: active and bound to a node. */
function placed(p: Pod): boolean {
  return isPodActive(p) && !!p.spec.nodeName;
}

/**
 * The DaemonSet's pods in `ns`, grouped by the node they are (or will be) on, each group in
 * the apiserver's store order (the order a scan of all pods would give). Read-only.
 */
function podsByNode(ctx: SimContext, ns: string, ds: DaemonSet): Map<string, Pod[]> {
  // Node events and the DaemonSet's own status writes sync it too: its pods are then unchanged.
  const version = ctx.api.ownedVersion('Pod', ds.metadata.uid!);
  let cache = groupings.get(ctx);
  if (!cache) groupings.set(ctx, (cache = new Map()));
  const key = `${ds.metadata.uid}/${ns}`;
  const had = cache.get(key);
  if (had?.version === version) return had.byNode;
  const byNode = new Map<string, Pod[]>();
  for (const p of ctx.api.peekOwned('Pod', ds.metadata.uid!) as Pod[]) {
    if (p.metadata.namespace !== ns || !ownedBy(p, ds.metadata.uid)) continue;
    const n = podNode(p);
    if (!n) continue;
    const list = byNode.get(n);
    if (list) list.push(p);
    else byNode.set(n, [p]);
  }
  for (const list of byNode.values()) if (list.length > 1) ctx.api.sortInStoreOrder(list);
  cache.set(key, { version, byNode });
  return byNode;
}

/** `byNode`: all the DaemonSet's pods by node, as they are now; only the active ones count. */
function updateStatus(ctx: SimContext, ns: string, name: string, nodes: Node[], shouldRun: ReadonlyMap<string, boolean>, hash: string, byNode: ReadonlyMap<string, readonly Pod[]>): void {
  const ds = ctx.api.get<DaemonSet>('DaemonSet', ns, name);
  if (!ds) return;
  let desired = 0;
  let current = 0;
  let mis = 0;
  let ready = 0;
  let updated = 0;
  for (const node of nodes) {
    const should = shouldRun.get(node.metadata.name)!;
    const here = byNode.get(node.metadata.name) ?? NONE;
    if (should) desired++;
    if (here.some(placed)) {
      if (should) current++;
      else mis++;
    }
    if (should && here.some((p) => placed(p) && isPodReady(p))) ready++;
    if (should && here.some((p) => placed(p) && p.metadata.labels?.['controller-revision-hash'] === hash)) updated++;
  }
  const status: NonNullable<DaemonSet['status']> = {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberMisscheduled: mis,
    numberReady: ready,
    numberAvailable: ready,
    updatedNumberScheduled: updated,
    observedGeneration: ds.metadata.generation ?? 1,
  };
  if (desired - ready > 0) status.numberUnavailable = desired - ready;
  if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
  ds.status = status;
  ctx.api.update(ds, ACTOR, 'status');
}
