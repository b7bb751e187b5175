/**
 * `kubectl create poddisruptionbudget|pdb` and `kubectl set resources`: the two commands the
 * scaling and maintenance walk-throughs use next to autoscale and drain. They extend the
 * create and set verbs (mutate.ts) with their own flags.
 */
import type { Container, Deployment, KubeObject } from '../../api/types';
import type { PodDisruptionBudget } from '../../api/scaling';
import { isQuantity } from '../../api/quantity';
import { resourceForName } from '../../api/resources';
import { ApiError } from '../../apiserver/errors';
import { fail, ok, type CommandResult } from '../types';
import type { Kctx } from './context';
import { parseSelector } from './selector';

export const PDB_CREATE_FLAGS = ['min-available', 'max-unavailable', 'selector'];
export const SET_RESOURCES_FLAGS = ['requests', 'limits', 'containers'];

/** kubectl create pdb NAME --selector=app=web --min-available=1; undefined for other create forms. */
export function createPdb(k: Kctx): CommandResult | undefined {
  const [sub, name] = k.p.positional;
  if (sub !== 'pdb' && sub !== 'poddisruptionbudget') return undefined;
  if (!name) return fail('error: exactly one NAME is required, got 0');
  const sel = k.p.flags.get('selector');
  if (!sel) return fail('error: a selector must be specified');
  const selector = parseSelector(sel);
  if (typeof selector === 'string') return fail(selector);
  const minA = k.p.flags.get('min-available');
  const maxU = k.p.flags.get('max-unavailable');
  if (minA === undefined && maxU === undefined) return fail('error: one of min-available or max-unavailable must be specified');
  if (minA !== undefined && maxU !== undefined) return fail('error: min-available and max-unavailable cannot be both specified');
  const val = (v: string): number | string => (/^\d+$/.test(v) ? Number(v) : v);
  const pdb: PodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: k.namespace },
    spec: { ...(minA !== undefined ? { minAvailable: val(minA) } : { maxUnavailable: val(maxU!) }), selector },
  };
  try {
    k.env.ctx.api.create(pdb, 'kubectl');
  } catch (e) {
    if (e instanceof ApiError) return fail(e.kubectlLine());
    throw e;
  }
  return ok(`poddisruptionbudget.policy/${name} created`);
}

function parseList(text: string | undefined, flag: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const [key, v] = part.split('=');
    if (!['cpu', 'memory', 'ephemeral-storage'].includes(key) || v === undefined || !isQuantity(v)) return `error: invalid argument "${text}" for "--${flag}" flag: ${part}`;
    out[key] = v;
  }
  return out;
}

/** kubectl set resources deployment/web --requests=cpu=200m --limits=cpu=500m; undefined for other set forms. */
export function setResources(k: Kctx): CommandResult | undefined {
  const [sub, ...rest] = k.p.positional;
  if (sub !== 'resources') return undefined;
  const requests = parseList(k.p.flags.get('requests'), 'requests');
  if (typeof requests === 'string') return fail(requests);
  const limits = parseList(k.p.flags.get('limits'), 'limits');
  if (typeof limits === 'string') return fail(limits);
  if (Object.keys(requests).length + Object.keys(limits).length === 0) return fail('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
  const refs = rest.flatMap((a, i) => (a.includes('/') ? [a.split('/') as [string, string]] : i === 0 && rest[1] && !rest[1].includes('/') ? rest.slice(1).map((n) => [a, n] as [string, string]) : []));
  if (refs.length === 0) return fail("error: You must provide one or more resources by argument or filename.\nSee 'kubectl set resources -h' for help and examples");
  const only = k.p.flags.get('containers');
  const lines: string[] = [];
  for (const [type, name] of refs) {
    const info = resourceForName(type);
    if (!info) return fail(`error: the server doesn't have a resource type "${type}"`);
    const obj = k.env.ctx.api.get<KubeObject>(info.kind, k.namespace, name);
    if (!obj) return fail(new ApiError(404, 'NotFound', `${info.plural}${info.apiVersion.includes('/') ? `.${info.apiVersion.split('/')[0]}` : ''} "${name}" not found`).kubectlLine());
    const spec = obj.kind === 'Pod' ? obj.spec : obj.kind === 'Deployment' || obj.kind === 'ReplicaSet' || obj.kind === 'DaemonSet' ? (obj as Deployment).spec.template.spec : undefined;
    if (!spec) return fail(`error: ${type}/${name} does not have a pod template`);
    const hits: Container[] = spec.containers.filter((c) => !only || only === '*' || only.split(',').includes(c.name));
    for (const c of hits) {
      c.resources = { ...(c.resources ?? {}) };
      if (Object.keys(limits).length > 0) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
      if (Object.keys(requests).length > 0) c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
    }
    try {
      k.env.ctx.api.patch(obj, 'kubectl');
    } catch (e) {
      if (e instanceof ApiError) return fail(e.kubectlLine());
      throw e;
    }
    lines.push(`${info.apiVersion.includes('/') ? `${info.kind.toLowerCase()}.${info.apiVersion.split('/')[0]}` : info.kind.toLowerCase()}/${name} resource requirements updated`);
  }
  return ok(lines.join('\n'));
}
