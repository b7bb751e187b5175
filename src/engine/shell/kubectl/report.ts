/** What kubectl's writing verbs share: the client name, "kind/name" references, error lines, --dry-run and the create report. */
import type { KubeObject } from '../../api/types';
import { kindRef, resourceForName } from '../../api/resources';
import { toYaml } from '../../api/manifest';
import { ApiError } from '../../apiserver/errors';
import { fail, ok, type CommandResult } from '../types';
import type { Kctx } from './context';
import { sortedKeys } from './get';

/** The client name the apiserver's log shows for kubectl's requests. */
export const FROM = 'kubectl';

/** "deployment.apps/web", as kubectl names an object in its messages. */
export function ref(o: KubeObject): string {
  const info = resourceForName(o.kind)!;
  return `${kindRef(info)}/${o.metadata.name}`;
}

export function apiLine(e: unknown): string {
  return e instanceof ApiError ? e.kubectlLine() : `error: ${(e as Error).message}`;
}

export function dryRun(k: Kctx, obj: KubeObject, verb: string): CommandResult {
  const mode = k.p.flags.get('dry-run');
  if (mode !== undefined && !['client', 'server', 'none'].includes(mode)) return fail(`error: Invalid dry-run value (${mode}). Must be "none", "server", or "client".`);
  const out = k.p.flags.get('output');
  if (out === 'yaml' || out === 'json') {
    // What the client would send: no server-side fields, the namespace only when given.
    const shown = structuredClone(obj) as unknown as { metadata: Record<string, unknown>; spec?: Record<string, unknown>; status?: unknown };
    shown.metadata.creationTimestamp = null;
    if (!k.p.flags.has('namespace')) delete shown.metadata.namespace;
    const t = (shown.spec as { template?: { metadata?: Record<string, unknown>; spec?: { containers?: Record<string, unknown>[] } } } | undefined)?.template;
    if (t?.metadata) t.metadata.creationTimestamp = null;
    const containers = t?.spec?.containers ?? (obj.kind === 'Pod' ? (shown.spec as { containers: Record<string, unknown>[] }).containers : []);
    for (const c of containers) c.resources ??= {};
    if (obj.kind === 'Deployment') shown.spec!.strategy ??= {};
    if (!['Namespace', 'ConfigMap', 'Secret', 'PriorityClass'].includes(obj.kind)) shown.status = obj.kind === 'Service' ? { loadBalancer: {} } : {};
    if (obj.kind === 'Namespace') shown.spec = {};
    if (obj.kind === 'Namespace') shown.status = {};
    const sorted = sortedKeys(shown);
    return ok(out === 'yaml' ? toYaml(sorted).replace(/\n$/, '') : JSON.stringify(sorted, null, 4));
  }
  return ok(`${ref(obj)} ${verb} (dry run)`);
}

export function isDryRun(k: Kctx): boolean {
  const m = k.p.flags.get('dry-run');
  return m !== undefined && m !== 'none';
}

export function createAndReport(k: Kctx, obj: KubeObject, verb = 'created'): CommandResult {
  if (isDryRun(k)) return dryRun(k, obj, verb);
  try {
    const made = k.env.ctx.api.create(obj, FROM);
    if (k.p.flags.get('output') === 'name') return ok(ref(made));
    return ok(`${ref(made)} ${verb}`);
  } catch (e) {
    return fail(apiLine(e));
  }
}
