/** kubectl rollout status | history | undo | restart | pause | resume for Deployments (and status for DaemonSets). */
import type { DaemonSet, Deployment, ReplicaSet } from '../../api/types';
import { resourceForName } from '../../api/resources';
import { ApiError } from '../../apiserver/errors';
import { CHANGE_CAUSE, REVISION, ownedReplicaSets, revisionOf } from '../../controllers/deployment';
import { isoAt } from '../../sim/time';
import { tabwrite } from './tabwriter';
import { fail, ok, type CommandResult } from '../types';
import type { Kctx } from './context';

export const ROLLOUT_FLAGS = { value: ['to-revision', 'revision', 'timeout', 'output'], bool: ['watch'], short: { w: 'watch', o: 'output' } };

const STEP_MS = 500;
const DEFAULT_TIMEOUT_MS = 600_000;

function target(k: Kctx, args: string[]): { kind: 'Deployment' | 'DaemonSet'; name: string } | string {
  const [a, b] = args;
  if (!a) return "error: required resource not specified\nSee 'kubectl rollout status -h' for help and examples";
  const [t, n] = a.includes('/') ? a.split('/') : [a, b];
  const info = resourceForName(t);
  if (!info) return `error: the server doesn't have a resource type "${t}"`;
  if (info.kind !== 'Deployment' && info.kind !== 'DaemonSet') return `error: no status viewer has been implemented for ${info.kind}`;
  if (!n) return 'error: resource(s) were provided, but no name was specified';
  void k;
  return { kind: info.kind, name: n };
}

/** DeploymentStatusViewer.Status: the line and whether the rollout is done. */
export function deploymentStatus(d: Deployment): { line: string; done: boolean } {
  const name = d.metadata.name;
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 1) > (s.observedGeneration ?? 0)) return { line: 'Waiting for deployment spec update to be observed...', done: false };
  const prog = s.conditions?.find((c) => c.type === 'Progressing');
  if (prog?.reason === 'ProgressDeadlineExceeded') return { line: `error: deployment "${name}" exceeded its progress deadline`, done: true };
  const want = d.spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  if (updated < want) return { line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
  if ((s.replicas ?? 0) > updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((s.availableReplicas ?? 0) < updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { line: `deployment "${name}" successfully rolled out`, done: true };
}

function daemonSetStatus(ds: DaemonSet): { line: string; done: boolean } {
  const s = ds.status;
  const name = ds.metadata.name;
  if ((ds.metadata.generation ?? 1) > (s?.observedGeneration ?? 0)) return { line: 'Waiting for daemon set spec update to be observed...', done: false };
  const want = s?.desiredNumberScheduled ?? 0;
  if ((s?.updatedNumberScheduled ?? 0) < want) return { line: `Waiting for daemon set "${name}" rollout to finish: ${s?.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated...`, done: false };
  if ((s?.numberAvailable ?? 0) < want) return { line: `Waiting for daemon set "${name}" rollout to finish: ${s?.numberAvailable ?? 0} of ${want} updated pods are available...`, done: false };
  return { line: `daemon set "${name}" successfully rolled out`, done: true };
}

function status(k: Kctx, kind: 'Deployment' | 'DaemonSet', name: string): CommandResult {
  const lines: string[] = [];
  const timeout = parseDuration(k.p.flags.get('timeout')) ?? DEFAULT_TIMEOUT_MS;
  const watch = k.p.flags.get('watch') !== 'false';
  const start = k.env.ctx.clock.now;
  for (;;) {
    const obj = k.env.ctx.api.get(kind, k.namespace, name);
    if (!obj) return fail(new ApiError(404, 'NotFound', `${kind === 'Deployment' ? 'deployments.apps' : 'daemonsets.apps'} "${name}" not found`).kubectlLine());
    const st = kind === 'Deployment' ? deploymentStatus(obj as Deployment) : daemonSetStatus(obj as DaemonSet);
    if (lines[lines.length - 1] !== st.line) lines.push(st.line);
    if (st.done || !watch) return { out: lines.join('\n'), code: st.line.startsWith('error') ? 1 : 0 };
    if (k.env.ctx.clock.now - start >= timeout) {
      lines.push('error: timed out waiting for the condition');
      return { out: lines.join('\n'), code: 1 };
    }
    k.env.advance(STEP_MS);
  }
}

function parseDuration(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^(\d+)(ms|s|m|h)?$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : m[2] === 'h' ? n * 3_600_000 : n * 1000;
}

function history(k: Kctx, d: Deployment): CommandResult {
  const rss = ownedReplicaSets(k.env.ctx, d).sort((a, b) => revisionOf(a) - revisionOf(b));
  const rev = k.p.flags.get('revision');
  if (rev !== undefined) {
    const rs = rss.find((r) => revisionOf(r) === Number(rev));
    if (!rs) return fail(`error: unable to find the specified revision`);
    const t = rs.spec.template;
    const lines = [`deployment.apps/${d.metadata.name} with revision #${rev}`, 'Pod Template:', `  Labels:\t${Object.entries(t.metadata?.labels ?? {}).map(([a, b]) => `${a}=${b}`).join('\n\t')}`];
    if (rs.metadata.annotations?.[CHANGE_CAUSE]) lines.push(`  Annotations:\t${CHANGE_CAUSE}: ${rs.metadata.annotations[CHANGE_CAUSE]}`);
    lines.push('  Containers:');
    for (const c of t.spec.containers) lines.push(`   ${c.name}:`, `    Image:\t${c.image}`, `    Port:\t${c.ports?.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') || '<none>'}`);
    return ok(lines.join('\n').replace(/\t/g, '  '));
  }
  const rows = rss.filter((rs) => revisionOf(rs) > 0).map((rs) => [String(revisionOf(rs)), rs.metadata.annotations?.[CHANGE_CAUSE] ?? '<none>']);
  // history uses its own tabwriter (padding 2), not the get printer's.
  const text = tabwrite(['REVISION\tCHANGE-CAUSE', ...rows.map((r) => r.join('\t'))].join('\n'));
  return ok(`deployment.apps/${d.metadata.name}\n${text}\n`);
}

function undo(k: Kctx, d: Deployment): CommandResult {
  const rss = ownedReplicaSets(k.env.ctx, d).sort((a, b) => revisionOf(a) - revisionOf(b));
  const current = Number(d.metadata.annotations?.[REVISION] ?? 0);
  const to = Number(k.p.flags.get('to-revision') ?? 0);
  let rs: ReplicaSet | undefined;
  if (to > 0) {
    rs = rss.find((r) => revisionOf(r) === to);
    if (!rs) return fail(`error: unable to find specified revision ${to} in history`);
  } else {
    rs = rss.filter((r) => revisionOf(r) !== current).pop();
    if (!rs) return fail('error: no rollout history found for deployment "' + d.metadata.name + '"');
  }
  if (revisionOf(rs) === current) return ok(`deployment.apps/${d.metadata.name} skipped rollback (current template already matches revision ${to})`);
  const template = structuredClone(rs.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  const fresh = structuredClone(d);
  fresh.spec.template = template;
  k.env.ctx.api.patch(fresh, 'kubectl');
  return ok(`deployment.apps/${d.metadata.name} rolled back`);
}

/** rollout restart of a DaemonSet: a restartedAt annotation on the template makes the controller replace every pod. */
function restartDaemonSet(k: Kctx, name: string): CommandResult {
  const ds = k.env.ctx.api.get<DaemonSet>('DaemonSet', k.namespace, name);
  if (!ds) return fail(new ApiError(404, 'NotFound', `daemonsets.apps "${name}" not found`).kubectlLine());
  ds.spec.template.metadata = { ...(ds.spec.template.metadata ?? {}), annotations: { ...(ds.spec.template.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': isoAt(k.env.ctx.clock.now) } };
  k.env.ctx.api.patch(ds, 'kubectl');
  return ok(`daemonset.apps/${name} restarted`);
}

export function rollout(k: Kctx): CommandResult {
  const [sub, ...rest] = k.p.positional;
  const subs = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];
  if (!sub || !subs.includes(sub)) return fail(`error: unknown command "${sub ?? ''}" for "kubectl rollout"\n\nDid you mean this?\n\t${subs.join('\n\t')}`);
  const t = target(k, rest);
  if (typeof t === 'string') return fail(t);
  if (sub === 'status') return status(k, t.kind, t.name);
  if (sub === 'restart' && t.kind === 'DaemonSet') return restartDaemonSet(k, t.name);
  if (t.kind !== 'Deployment') return fail(`error: rollout ${sub} is only simulated for deployments`);
  const d = k.env.ctx.api.get<Deployment>('Deployment', k.namespace, t.name);
  if (!d) return fail(new ApiError(404, 'NotFound', `deployments.apps "${t.name}" not found`).kubectlLine());
  switch (sub) {
    case 'history':
      return history(k, d);
    case 'undo':
      return undo(k, d);
    case 'restart': {
      const fresh = structuredClone(d);
      fresh.spec.template.metadata = { ...(fresh.spec.template.metadata ?? {}), annotations: { ...(fresh.spec.template.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': isoAt(k.env.ctx.clock.now) } };
      k.env.ctx.api.patch(fresh, 'kubectl');
      return ok(`deployment.apps/${d.metadata.name} restarted`);
    }
    case 'pause':
    case 'resume': {
      const want = sub === 'pause';
      if (!!d.spec.paused === want) return fail(`error: deployments.apps "${d.metadata.name}" is ${want ? 'already paused' : 'not paused'}`);
      const fresh = structuredClone(d);
      fresh.spec.paused = want || undefined;
      if (!want) delete fresh.spec.paused;
      k.env.ctx.api.patch(fresh, 'kubectl');
      return ok(`deployment.apps/${d.metadata.name} ${want ? 'paused' : 'resumed'}`);
    }
    default:
      return fail(`error: unknown command "${sub}"`);
  }
}
