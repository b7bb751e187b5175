/** kubectl cordon | uncordon | drain: node maintenance through spec.unschedulable and the eviction API. */
import type { Node, Pod } from '../../api/types';
import { ApiError } from '../../apiserver/errors';
import { fail, ok, type CommandResult } from '../types';
import { boolFlag } from './args';
import type { Kctx } from './context';
import { parseSelector } from './selector';

export const NODE_FLAGS = {
  value: ['selector', 'grace-period', 'timeout', 'pod-selector', 'skip-wait-for-delete-timeout', 'chunk-size'],
  bool: ['ignore-daemonsets', 'delete-emptydir-data', 'delete-local-data', 'force', 'disable-eviction', 'dry-run'],
  short: { l: 'selector' },
};

const STEP_MS = 1000;

function nodesFor(k: Kctx): Node[] | string {
  const names = k.p.positional;
  const sel = k.p.flags.get('selector');
  if (names.length === 0 && !sel) return `error: resource(s) were provided, but no name was specified`;
  if (sel) {
    const s = parseSelector(sel);
    if (typeof s === 'string') return s;
    return k.env.ctx.api.list<Node>('Node', undefined, s);
  }
  const out: Node[] = [];
  for (const n of names) {
    const node = k.env.ctx.api.get<Node>('Node', undefined, n.replace(/^(nodes?|no)\//, ''));
    if (!node) return new ApiError(404, 'NotFound', `nodes "${n}" not found`).kubectlLine();
    out.push(node);
  }
  return out;
}

function setUnschedulable(k: Kctx, node: Node, value: boolean): string {
  const verb = value ? 'cordoned' : 'uncordoned';
  if (!!node.spec.unschedulable === value) return `node/${node.metadata.name} already ${verb}`;
  const fresh = k.env.ctx.api.get<Node>('Node', undefined, node.metadata.name)!;
  if (value) fresh.spec.unschedulable = true;
  else delete fresh.spec.unschedulable;
  k.env.ctx.api.update(fresh, 'kubectl');
  return `node/${node.metadata.name} ${verb}`;
}

export function cordon(k: Kctx, value: boolean): CommandResult {
  const nodes = nodesFor(k);
  if (typeof nodes === 'string') return fail(nodes);
  return ok(nodes.map((n) => setUnschedulable(k, n, value)).join('\n'));
}

function podId(p: Pod): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

export function drain(k: Kctx): CommandResult {
  const nodes = nodesFor(k);
  if (typeof nodes === 'string') return fail(nodes);
  const lines: string[] = [];
  let code = 0;
  for (const node of nodes) {
    const name = node.metadata.name;
    lines.push(setUnschedulable(k, node, true));
    const pods = k.env.ctx.api.list<Pod>('Pod').filter((p) => p.spec.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const daemon = pods.filter((p) => p.metadata.ownerReferences?.some((o) => o.controller && o.kind === 'DaemonSet'));
    const unmanaged = pods.filter((p) => !p.metadata.ownerReferences?.some((o) => o.controller));
    const fatal: string[] = [];
    const warnings: string[] = [];
    if (daemon.length > 0) {
      if (boolFlag(k.p, 'ignore-daemonsets')) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.map(podId).join(', ')}`);
      else fatal.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.map(podId).join(', ')}`);
    }
    if (unmanaged.length > 0) {
      if (boolFlag(k.p, 'force')) warnings.push(`deleting Pods that declare no controller: ${unmanaged.map(podId).join(', ')}`);
      else fatal.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.map(podId).join(', ')}`);
    }
    if (fatal.length > 0) {
      code = 1;
      lines.push(`error: unable to drain node "${name}" due to error: ${fatal.join(', ')}, continuing command...`, 'There are pending nodes to be drained:', ` ${name}`, ...fatal);
      continue;
    }
    if (warnings.length > 0) lines.push(`Warning: ${warnings.join('; ')}`);
    const victims = pods.filter((p) => !daemon.includes(p));
    const grace = k.p.flags.get('grace-period');
    for (const v of victims) {
      lines.push(`evicting pod ${podId(v)}`);
      k.env.ctx.log.add({ t: k.env.ctx.clock.now, from: 'kubectl', to: 'kube-apiserver', verb: 'POST', path: `/api/v1/namespaces/${v.metadata.namespace}/pods/${v.metadata.name}/eviction` });
      k.env.ctx.api.delete('Pod', v.metadata.namespace, v.metadata.name, 'kubectl', grace !== undefined && Number(grace) >= 0 ? { gracePeriodSeconds: Number(grace) } : {});
    }
    // drain waits until the evicted pods are gone.
    const pending = new Set(victims.map((v) => v.metadata.uid));
    const limit = k.env.ctx.clock.now + 600_000;
    const gone: string[] = [];
    while (pending.size > 0 && k.env.ctx.clock.now < limit) {
      for (const v of victims) {
        if (!pending.has(v.metadata.uid)) continue;
        const cur = k.env.ctx.api.get<Pod>('Pod', v.metadata.namespace, v.metadata.name);
        if (!cur || cur.metadata.uid !== v.metadata.uid) {
          pending.delete(v.metadata.uid);
          gone.push(`pod/${v.metadata.name} evicted`);
        }
      }
      if (pending.size > 0) k.env.advance(STEP_MS);
    }
    lines.push(...gone);
    if (pending.size > 0) {
      code = 1;
      lines.push(`error: unable to drain node "${name}" due to error: global timeout reached: 10m0s, continuing command...`);
      continue;
    }
    lines.push(`node/${name} drained`);
  }
  return { out: lines.join('\n'), code };
}
