/** kubectl verbs that change existing objects or apply files: apply -f, delete, scale, label, annotate, set image, patch. */
import type { DaemonSet, Deployment, KubeObject, ReplicaSet } from '../../api/types';
import { kindRef, pluralRef, resourceForName, type ResourceInfo } from '../../api/resources';
import { parseManifests } from '../../api/manifest';
import { ApiError } from '../../apiserver/errors';
import { canonicalJson } from '../../sim/hash';
import { fail, type CommandResult } from '../types';
import { boolFlag } from './args';
import type { Kctx } from './context';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from './patch';
import { parseSelector } from './selector';
import { apiLine, FROM, ref } from './report';
import { applyFile, readManifest } from './applyFile';

export const DELETE_FLAGS = { value: ['selector', 'grace-period', 'cascade', 'filename', 'timeout', 'wait'], bool: ['all', 'force', 'now', 'ignore-not-found'], short: { l: 'selector', f: 'filename' } };
export const SCALE_FLAGS = { value: ['replicas', 'current-replicas', 'selector', 'timeout'], bool: ['all'], short: { l: 'selector' } };
export const LABEL_FLAGS = { value: ['selector', 'resource-version'], bool: ['overwrite', 'all', 'list'], short: { l: 'selector' } };
export const SET_FLAGS = { value: ['selector'], bool: ['all', 'record'], short: { l: 'selector' } };
export const PATCH_FLAGS = { value: ['patch', 'type', 'patch-file', 'output', 'subresource'], bool: ['local'], short: { p: 'patch', o: 'output' } };
export const APPLY_FLAGS = { value: ['filename', 'output', 'dry-run', 'field-manager', 'selector'], bool: ['server-side', 'force-conflicts', 'prune', 'recursive'], short: { f: 'filename', o: 'output', l: 'selector', R: 'recursive' } };

export function apply(k: Kctx): CommandResult {
  const file = k.p.flags.get('filename');
  if (!file) return fail('error: must specify one of -f and -k');
  return applyFile(k, file, 'apply');
}

/** Resolves TYPE NAME..., TYPE/NAME..., or TYPE with -l / --all to objects. */
export function targets(k: Kctx, args: string[], allowAll = true): { info: ResourceInfo; objs: KubeObject[]; missing: string[] }[] | string {
  if (args.length === 0) return 'error: You must provide one or more resources by argument or filename.';
  const out: { info: ResourceInfo; objs: KubeObject[]; missing: string[] }[] = [];
  const add = (info: ResourceInfo, name: string): void => {
    let e = out.find((x) => x.info === info);
    if (!e) out.push((e = { info, objs: [], missing: [] }));
    const o = k.env.ctx.api.get(info.kind, info.namespaced ? k.namespace : undefined, name);
    if (o) e.objs.push(o);
    else e.missing.push(name);
  };
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const [t, n] = a.split('/');
      const info = resourceForName(t);
      if (!info) return `error: the server doesn't have a resource type "${t}"`;
      add(info, n);
    }
    return out;
  }
  const [t, ...names] = args;
  for (const type of t.split(',')) {
    const info = resourceForName(type);
    if (!info) return `error: the server doesn't have a resource type "${type}"`;
    if (names.length > 0) for (const n of names) add(info, n);
    else {
      const sel = k.p.flags.get('selector');
      if (!sel && !(allowAll && boolFlag(k.p, 'all'))) return 'error: resource(s) were provided, but no name was specified';
      const parsed = sel ? parseSelector(sel) : undefined;
      if (typeof parsed === 'string') return parsed;
      out.push({ info, objs: k.env.ctx.api.list(info.kind, info.namespaced ? (k.allNamespaces ? undefined : k.namespace) : undefined, parsed), missing: [] });
    }
  }
  return out;
}

function notFound(info: ResourceInfo, name: string): string {
  return new ApiError(404, 'NotFound', `${pluralRef(info)} "${name}" not found`).kubectlLine();
}

/** A per-object refusal: kubectl prints the line, goes on with the next object, and exits 1. */
class Refused extends Error {}

/** A refusal that ends the whole command at once (kubectl's flag-level errors). */
class Abort extends Error {
  constructor(readonly result: CommandResult) {
    super(result.out);
  }
}

/**
 * kubectl's loop over the objects a command names: one line per object (what `each` returns,
 * or the refusal or API error it throws), a NotFound line per missing name, exit 1 on any failure.
 */
function perObject(groups: Exclude<ReturnType<typeof targets>, string>, each: (o: KubeObject, info: ResourceInfo) => string): CommandResult {
  const lines: string[] = [];
  let code = 0;
  for (const g of groups) {
    for (const o of g.objs) {
      try {
        lines.push(each(o, g.info));
      } catch (e) {
        if (e instanceof Abort) return e.result;
        code = 1;
        lines.push(e instanceof Refused ? e.message : apiLine(e));
      }
    }
    for (const m of g.missing) {
      code = 1;
      lines.push(notFound(g.info, m));
    }
  }
  return { out: lines.join('\n'), code };
}

export function del(k: Kctx): CommandResult {
  const file = k.p.flags.get('filename');
  let groups: ReturnType<typeof targets>;
  if (file) {
    const text = readManifest(k, file);
    if (typeof text !== 'string') return text;
    try {
      const objs = parseManifests(text);
      groups = objs.map((o) => {
        const info = resourceForName(o.kind)!;
        const live = k.env.ctx.api.get(info.kind, info.namespaced ? o.metadata.namespace ?? k.namespace : undefined, o.metadata.name);
        return { info, objs: live ? [live] : [], missing: live ? [] : [o.metadata.name] };
      });
    } catch (e) {
      return fail((e as Error).message);
    }
  } else groups = targets(k, k.p.positional);
  if (typeof groups === 'string') return fail(groups);
  const force = boolFlag(k.p, 'force');
  const graceText = k.p.flags.get('grace-period') ?? (boolFlag(k.p, 'now') ? '1' : undefined);
  const grace = graceText !== undefined ? Number(graceText) : undefined;
  if (grace === 0 && !force) return fail('error: --grace-period=0 must have --force specified');
  const cascade = k.p.flags.get('cascade') ?? 'background';
  if (!['background', 'foreground', 'orphan', 'true', 'false'].includes(cascade)) return fail(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  const lines: string[] = [];
  let code = 0;
  if (force && (grace === undefined || grace === 0)) lines.push('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
  let any = false;
  for (const g of groups) {
    for (const o of g.objs) {
      any = true;
      try {
        k.env.ctx.api.delete(o.kind, o.metadata.namespace, o.metadata.name, FROM, {
          gracePeriodSeconds: force ? (grace ?? 0) : grace,
          propagationPolicy: cascade === 'orphan' || cascade === 'false' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background',
        });
        lines.push(`${g.info.kind === 'Pod' || !g.info.apiVersion.includes('/') ? g.info.kind.toLowerCase() : kindRef(g.info)} "${o.metadata.name}" ${force && (grace ?? 0) === 0 ? 'force deleted' : 'deleted'}${g.info.namespaced ? ` from ${o.metadata.namespace} namespace` : ''}`);
      } catch (e) {
        code = 1;
        lines.push(apiLine(e));
      }
    }
    for (const m of g.missing) {
      if (boolFlag(k.p, 'ignore-not-found')) continue;
      code = 1;
      lines.push(notFound(g.info, m));
    }
  }
  if (!any && code === 0 && !boolFlag(k.p, 'ignore-not-found')) lines.push('No resources found');
  return { out: lines.join('\n'), code };
}

export function scale(k: Kctx): CommandResult {
  const r = k.p.flags.get('replicas');
  if (r === undefined) return fail('error: required flag(s) "replicas" not set');
  const replicas = Number(r);
  if (!/^\d+$/.test(r)) return fail(`error: invalid argument "${r}" for "--replicas" flag: strconv.ParseInt: parsing "${r}": invalid syntax`);
  const groups = targets(k, k.p.positional);
  if (typeof groups === 'string') return fail(groups);
  return perObject(groups, (o, info) => {
    if (o.kind !== 'Deployment' && o.kind !== 'ReplicaSet') {
      throw new Refused(`error: no scaler has been implemented for {"${info.apiVersion.includes('/') ? info.apiVersion.split('/')[0] : ''}" "${o.kind}"}`);
    }
    const cur = k.p.flags.get('current-replicas');
    if (cur !== undefined && Number(cur) !== (o.spec.replicas ?? 1)) throw new Refused(`error: Expected replicas to be ${cur}, was ${o.spec.replicas ?? 1}`);
    const fresh = structuredClone(o) as Deployment | ReplicaSet;
    fresh.spec.replicas = replicas;
    k.env.ctx.api.patch(fresh, FROM);
    return `${ref(o)} scaled`;
  });
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** kubectl label / annotate. */
export function labelOrAnnotate(k: Kctx, which: 'labels' | 'annotations'): CommandResult {
  const args = k.p.positional;
  const changes = args.filter((a) => /=|-$/.test(a) && !a.includes('/') === true ? true : /^[\w./-]+=/.test(a) || /^[\w./-]+-$/.test(a));
  const resourceArgs = args.filter((a) => !changes.includes(a));
  if (changes.length === 0) return fail(`error: at least one ${which === 'labels' ? 'label' : 'annotation'} update is required`);
  const groups = targets(k, resourceArgs);
  if (typeof groups === 'string') return fail(groups);
  const overwrite = boolFlag(k.p, 'overwrite');
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const i = c.indexOf('=');
      const key = c.slice(0, i);
      const value = c.slice(i + 1);
      if (which === 'labels' && (value.length > 63 || !LABEL_VALUE.test(value))) {
        return fail(`error: invalid label value: "${c}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
      }
      set[key] = value;
    }
  }
  const verb = which === 'labels' ? 'labeled' : 'annotated';
  return perObject(groups, (o) => {
    const cur = { ...(o.metadata[which] ?? {}) };
    for (const [key, v] of Object.entries(set)) {
      if (cur[key] !== undefined && cur[key] !== v && !overwrite) throw new Abort(fail(`error: '${key}' already has a value (${cur[key]}), and --overwrite is false`));
    }
    const before = canonicalJson(cur);
    Object.assign(cur, set);
    for (const r of remove) delete cur[r];
    if (canonicalJson(cur) === before) return `${ref(o)} not ${verb}`;
    const fresh = structuredClone(o);
    fresh.metadata[which] = cur;
    k.env.ctx.api.patch(fresh, FROM);
    return `${ref(o)} ${Object.keys(set).length === 0 ? `un${verb}` : verb}`;
  });
}

/** kubectl set image TYPE/NAME container=image ... */
export function setImage(k: Kctx): CommandResult {
  const [sub, ...rest] = k.p.positional;
  if (sub !== 'image') return fail(`error: unknown command "${sub ?? ''}" for "kubectl set"; the playground supports: kubectl set image`);
  const pairs = rest.filter((a) => a.includes('='));
  const res = rest.filter((a) => !a.includes('='));
  if (pairs.length === 0) return fail("error: at least one image update is required\nSee 'kubectl set image -h' for help and examples");
  const groups = targets(k, res);
  if (typeof groups === 'string') return fail(groups);
  return perObject(groups, (o) => {
    const fresh = structuredClone(o);
    const spec = fresh.kind === 'Pod' ? fresh.spec : fresh.kind === 'Deployment' || fresh.kind === 'ReplicaSet' || fresh.kind === 'DaemonSet' ? fresh.spec.template.spec : undefined;
    if (!spec) throw new Refused(`error: ${ref(o)}: the object does not have a pod template`);
    let changed = false;
    for (const p of pairs) {
      const [cname, image] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
      const all = [...spec.containers, ...(spec.initContainers ?? [])];
      const hits = cname === '*' ? all : all.filter((c) => c.name === cname);
      if (hits.length === 0) throw new Abort(fail(`error: unable to find container named "${cname}"`));
      for (const c of hits) {
        if (c.image !== image) changed = true;
        c.image = image;
      }
    }
    if (!changed) return ref(o);
    k.env.ctx.api.patch(fresh, FROM);
    return `${ref(o)} image updated`;
  });
}

export function patch(k: Kctx): CommandResult {
  const body = k.p.flags.get('patch');
  if (body === undefined) return fail('error: must specify --patch or --patch-file containing the contents of the patch');
  const type = k.p.flags.get('type') ?? 'strategic';
  if (!['strategic', 'merge', 'json'].includes(type)) return fail(`error: --type must be one of [json merge strategic], not "${type}"`);
  const groups = targets(k, k.p.positional, false);
  if (typeof groups === 'string') return fail(groups);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    return fail(`Error from server (BadRequest): ${msg.includes('Unexpected token') ? "invalid character looking for beginning of value" : msg}`);
  }
  return perObject(groups, (o) => {
    let next: unknown;
    try {
      next = type === 'json' ? jsonPatch(o, parsed) : type === 'merge' ? mergePatch(o, parsed) : strategicMerge(o, parsed);
    } catch (e) {
      throw new Refused(e instanceof PatchError ? `The request is invalid: ${e.message}` : `error: ${(e as Error).message}`);
    }
    const obj = next as KubeObject;
    if (!obj || typeof obj !== 'object' || obj.kind !== o.kind || obj.metadata?.name !== o.metadata.name) {
      throw new Refused(`Error from server (BadRequest): the name of the object (${String(obj?.metadata?.name)}) does not match the name on the URL (${o.metadata.name})`);
    }
    if (canonicalJson(obj) === canonicalJson(o)) return `${ref(o)} patched (no change)`;
    k.env.ctx.api.patch(obj, FROM);
    return `${ref(o)} patched`;
  });
}

export type { DaemonSet };
