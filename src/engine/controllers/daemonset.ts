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
import { CONTROLLER_MANAGER as ACTOR, isPodActive, scaled } from './util';
import { daemonNodes, type DaemonCounts, type DaemonTemplate } from './daemonsetNodes';

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

export function podNode(p: Pod): string | undefined {
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

/** Per node object (replaced on every write) and template: should the daemon run there. */
const runsOnMemo = new WeakMap<Node, Map<string, boolean>>();
/** Each DaemonSet's current template (uid/generation): its hash and where it should run. */
const templates = new WeakMap<SimContext, Map<string, DaemonTemplate>>();

function templateOf(ctx: SimContext, ds: DaemonSet): DaemonTemplate {
  const key = `${ds.metadata.uid}/${ds.metadata.generation ?? 1}`;
  let byUid = templates.get(ctx);
  if (!byUid) templates.set(ctx, (byUid = new Map()));
  const had = byUid.get(ds.metadata.uid!);
  if (had?.key === key) return had;
  const probe = probePod(ds);
  const shouldRun = (n: Node): boolean => {
    let memo = runsOnMemo.get(n);
    if (!memo) runsOnMemo.set(n, (memo = new Map()));
    let yes = memo.get(key);
    if (yes === undefined) memo.set(key, (yes = runsOn(probe, n)));
    return yes;
  };
  const t: DaemonTemplate = { key, hash: dsHash(ds), shouldRun, podNode };
  byUid.set(ds.metadata.uid!, t);
  return t;
}

/**
 * One pass of the controller: a daemon created where one is missing, extras and misplaced ones
 * deleted (nodes in name order), outdated ready ones replaced within maxUnavailable, then the
 * status. The per-node facts come from the DaemonSet's tracker (daemonsetNodes.ts), which
 * keeps them per write: only the nodes that need a write are visited.
 */
export function syncDaemonSet(ctx: SimContext, ns: string, name: string): void {
  const ds = ctx.api.get<DaemonSet>('DaemonSet', ns, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const template = templateOf(ctx, ds);
  const { hash } = template;
  const nodes = daemonNodes(ctx, ds, template);
  nodes.refresh();
  const maxUnavailable = Math.max(1, scaled(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, nodes.counts.desired, true));
  // Counted before this pass writes anything, as a pass over the nodes would count them.
  const unavailable = nodes.counts.unavailable;
  const outdated = nodes.outdated();
  for (const node of nodes.nodesToAct()) {
    const here = nodes.podsOn(node);
    const active = here.filter(isPodActive);
    if (nodes.should(node)) {
      if (active.length === 0) {
        if (here.some((p) => p.metadata.deletionTimestamp)) continue;
        const created = ctx.api.create(newPod(ds, node, hash), ACTOR);
        recordEvent(ctx, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
        continue;
      }
      for (const extra of active.slice(1)) ctx.api.delete('Pod', ns, extra.metadata.name, ACTOR);
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
  // The status counts the pods as they are after this pass's writes.
  nodes.refresh();
  updateStatus(ctx, ns, name, nodes.counts);
}

function updateStatus(ctx: SimContext, ns: string, name: string, c: DaemonCounts): void {
  const ds = ctx.api.get<DaemonSet>('DaemonSet', ns, name);
  if (!ds) return;
  const status: NonNullable<DaemonSet['status']> = {
    currentNumberScheduled: c.current,
    desiredNumberScheduled: c.desired,
    numberMisscheduled: c.misscheduled,
    numberReady: c.ready,
    numberAvailable: c.ready,
    updatedNumberScheduled: c.updated,
    observedGeneration: ds.metadata.generation ?? 1,
  };
  if (c.desired - c.ready > 0) status.numberUnavailable = c.desired - c.ready;
  if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
  ds.status = status;
  ctx.api.update(ds, ACTOR, 'status');
}
