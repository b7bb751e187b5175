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

export function syncDaemonSet(ctx: SimContext, ns: string, name: string): void {
  const ds = ctx.api.get<DaemonSet>('DaemonSet', ns, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const hash = dsHash(ds);
  const nodes = (ctx.api.peekAll('Node') as Node[]).slice().sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const probe = probePod(ds);
  const should = new Map(nodes.map((n) => [n.metadata.name, runsOn(probe, n)]));
  const byNode = podsByNode(ctx, ns, ds, () => true);
  const replicas = nodes.filter((n) => should.get(n.metadata.name)).length;
  const maxUnavailable = Math.max(1, scaled(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, replicas, true));
  let unavailable = 0;
  const outdated: Pod[] = [];
  for (const node of nodes) {
    const name = node.metadata.name;
    const active = (byNode.get(name) ?? []).filter(isPodActive);
    const terminating = (byNode.get(name) ?? []).filter((p) => p.metadata.deletionTimestamp);
    if (should.get(name)) {
      if (active.length === 0) {
        unavailable++;
        if (terminating.length > 0) continue;
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
  updateStatus(ctx, ns, name, nodes, should, hash);
}

/**
 * The DaemonSet's pods in `ns` that pass `keep`, grouped by the node they are (or will be) on,
 * each group in the apiserver's store order (the order a scan of all pods would give).
 */
function podsByNode(ctx: SimContext, ns: string, ds: DaemonSet, keep: (p: Pod) => boolean): Map<string, Pod[]> {
  const byNode = new Map<string, Pod[]>();
  for (const p of ctx.api.peekOwned('Pod', ds.metadata.uid!) as Pod[]) {
    if (p.metadata.namespace !== ns || !ownedBy(p, ds.metadata.uid) || !keep(p)) continue;
    const n = podNode(p);
    if (!n) continue;
    const list = byNode.get(n);
    if (list) list.push(p);
    else byNode.set(n, [p]);
  }
  for (const list of byNode.values()) if (list.length > 1) ctx.api.sortInStoreOrder(list);
  return byNode;
}

function updateStatus(ctx: SimContext, ns: string, name: string, nodes: Node[], shouldRun: ReadonlyMap<string, boolean>, hash: string): void {
  const ds = ctx.api.get<DaemonSet>('DaemonSet', ns, name);
  if (!ds) return;
  const byNode = podsByNode(ctx, ns, ds, isPodActive);
  let desired = 0;
  let current = 0;
  let mis = 0;
  let ready = 0;
  let updated = 0;
  for (const node of nodes) {
    const should = shouldRun.get(node.metadata.name)!;
    const here = byNode.get(node.metadata.name) ?? [];
    if (should) desired++;
    if (here.length > 0 && here.some((p) => p.spec.nodeName)) {
      if (should) current++;
      else mis++;
    }
    if (should && here.some((p) => p.spec.nodeName && isPodReady(p))) ready++;
    if (should && here.some((p) => p.spec.nodeName && p.metadata.labels?.['controller-revision-hash'] === hash)) updated++;
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
