/** kubectl cordon | uncordon | drain: node maintenance through spec.unschedulable and the eviction API. */
import type { Node, Pod } from '../../api/types';
import { ApiError } from '../../apiserver/errors';
import { evictPod } from '../../controllers/disruption';
import { isMirrorPod } from '../../kubelet/staticPods';
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
/** kubectl drain's retry after a 429 from the eviction API. */
const RETRY_MS = 5000;
/** The playground's own cap when --timeout is 0 (kubectl would wait forever). */
const MAX_WAIT_MS = 600_000;

/** A Go duration: 30s, 2m, 1m30s, 500ms. */
function durationMs(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return NaN;
  return parts.reduce((a, p) => a + Number(p[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[p[2] as 'ms' | 's' | 'm' | 'h'], 0);
}

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
  k.env.ctx.api.patch(fresh, 'kubectl');
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
    // Static pods' mirrors are skipped: the kubelet, not the API, runs them.
    const pods = k.env.ctx.api.list<Pod>('Pod').filter((p) => p.spec.nodeName === name && !isMirrorPod(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
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
    const graceS = grace !== undefined && Number(grace) >= 0 ? Number(grace) : undefined;
    const timeout = k.p.flags.get('timeout');
    const timeoutMs = timeout ? durationMs(timeout) : 0;
    if (Number.isNaN(timeoutMs)) return fail(`error: invalid argument "${timeout}" for "--timeout" flag: time: invalid duration "${timeout}"`);
    // Each pod is evicted on its own: a PodDisruptionBudget's 429 makes kubectl retry after 5 s.
    const start = k.env.ctx.clock.now;
    const limit = start + (timeoutMs > 0 ? timeoutMs : MAX_WAIT_MS);
    const nextTry = new Map(victims.map((v) => [v.metadata.uid, start]));
    const pending = new Set(victims.map((v) => v.metadata.uid));
    while (pending.size > 0 && k.env.ctx.clock.now < limit) {
      for (const v of victims) {
        const at = nextTry.get(v.metadata.uid);
        if (at === undefined || at > k.env.ctx.clock.now) continue;
        lines.push(`evicting pod ${podId(v)}`);
        try {
          if (boolFlag(k.p, 'disable-eviction')) k.env.ctx.api.delete('Pod', v.metadata.namespace, v.metadata.name, 'kubectl', graceS !== undefined ? { gracePeriodSeconds: graceS } : {});
          else evictPod(k.env.ctx, v.metadata.namespace!, v.metadata.name, 'kubectl', graceS);
          nextTry.delete(v.metadata.uid);
        } catch (e) {
          if (!(e instanceof ApiError) || e.code !== 429) {
            if (e instanceof ApiError && e.code === 404) {
              nextTry.delete(v.metadata.uid);
              continue;
            }
            throw e;
          }
          lines.push(`error when evicting pods/"${v.metadata.name}" -n "${v.metadata.namespace}" (will retry after 5s): ${e.message}`);
          nextTry.set(v.metadata.uid, k.env.ctx.clock.now + RETRY_MS);
        }
      }
      // drain waits until the evicted pods are gone.
      for (const v of victims) {
        if (!pending.has(v.metadata.uid) || nextTry.has(v.metadata.uid)) continue;
        const cur = k.env.ctx.api.get<Pod>('Pod', v.metadata.namespace, v.metadata.name);
        if (!cur || cur.metadata.uid !== v.metadata.uid) {
          pending.delete(v.metadata.uid);
          lines.push(`pod/${v.metadata.name} evicted`);
        }
      }
      if (pending.size > 0) k.env.advance(STEP_MS);
    }
    if (pending.size > 0) {
      code = 1;
      const left = victims.filter((v) => pending.has(v.metadata.uid));
      const why = timeoutMs > 0 ? `global timeout reached: ${timeout}` : 'global timeout reached: 10m0s';
      const errs = left.map((v) => `error when evicting pods/"${v.metadata.name}" -n "${v.metadata.namespace}": ${why}`);
      lines.push(`error: unable to drain node "${name}" due to error: [${errs.join(', ')}], continuing command...`, 'There are pending nodes to be drained:', ` ${name}`, ...errs);
      continue;
    }
    lines.push(`node/${name} drained`);
  }
  return { out: lines.join('\n'), code };
}
