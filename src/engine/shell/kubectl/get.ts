/** kubectl get: tables per kind, -o wide|yaml|json|name|jsonpath|custom-columns, -A, -n, -l, --show-labels. */
import type { KubeObject, LabelSelector } from '../../api/types';
import { kindRef, resourceForName, RESOURCES, type ResourceInfo } from '../../api/resources';
import { toYaml } from '../../api/manifest';
import { ApiError } from '../../apiserver/errors';
import { restGet } from '../../apiserver/rest';
import { table } from '../table';
import { fail, ok, type CommandResult } from '../types';
import { boolFlag } from './args';
import type { Kctx } from './context';
import { customColumns, jsonpath } from './jsonpath';
import { labelsText, printTable, sortEvents } from './printers';
import { parseSelector } from './selector';

export const GET_FLAGS = {
  value: ['output', 'selector', 'field-selector', 'sort-by', 'label-columns', 'chunk-size', 'raw'],
  bool: ['show-labels', 'no-headers', 'watch', 'show-kind', 'ignore-not-found'],
  short: { o: 'output', l: 'selector', w: 'watch', L: 'label-columns' },
};

const OUTPUTS = 'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide';

/** kubectl prints objects through JSON, so keys come out sorted. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortedKeys(v);
    }
    return out;
  }
  return value;
}

export function unknownResource(name: string): string {
  return `error: the server doesn't have a resource type "${name}"`;
}

/** Resolves "pods", "deploy/web", "pods,svc" into resource infos and names. */
export function resolveTypes(args: string[]): { targets: { info: ResourceInfo; names: string[] }[] } | string {
  const [first, ...rest] = args;
  const targets: { info: ResourceInfo; names: string[] }[] = [];
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const [t, n] = a.split('/');
      if (!n) return `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`;
      const info = resourceForName(t);
      if (!info) return unknownResource(t);
      const existing = targets.find((x) => x.info === info);
      if (existing) existing.names.push(n);
      else targets.push({ info, names: [n] });
    }
    return { targets };
  }
  const types = first.toLowerCase() === 'all' ? ['pods', 'services', 'daemonsets', 'deployments', 'replicasets'] : first.split(',');
  for (const t of types) {
    const info = resourceForName(t);
    if (!info) return unknownResource(t);
    targets.push({ info, names: rest });
  }
  return { targets };
}

function refOf(info: ResourceInfo, name: string): string {
  return `${kindRef(info)}/${name}`;
}

export function get(k: Kctx): CommandResult {
  const { p } = k;
  const raw = p.flags.get('raw');
  if (raw !== undefined) return getRaw(k, raw);
  if (p.positional.length === 0) {
    return fail(
      "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples",
    );
  }
  const output = p.flags.get('output');
  if (output !== undefined) {
    const base = output.split('=')[0];
    if (!['wide', 'yaml', 'json', 'name', 'jsonpath', 'custom-columns'].includes(base)) {
      return fail(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUTS}`);
    }
  }
  let selector: LabelSelector | undefined;
  const l = p.flags.get('selector');
  if (l !== undefined) {
    const s = parseSelector(l);
    if (typeof s === 'string') return fail(s);
    selector = s;
  }
  const fields = parseFieldSelector(p.flags.get('field-selector'));
  if (typeof fields === 'string') return fail(fields);
  const resolved = resolveTypes(p.positional);
  if (typeof resolved === 'string') return fail(resolved);
  const multi = resolved.targets.length > 1 || p.positional[0] === 'all';
  const ns = k.allNamespaces ? undefined : k.namespace;
  const errors: string[] = [];
  const sections: string[] = [];
  const everything: KubeObject[] = [];
  const warnings: string[] = [];
  for (const { info, names } of resolved.targets) {
    let items: KubeObject[];
    if (names.length > 0) {
      items = [];
      for (const n of names) {
        const o = k.env.ctx.api.get(info.kind, info.namespaced ? k.namespace : undefined, n);
        if (o) items.push(o);
        else if (!boolFlag(p, 'ignore-not-found')) errors.push(new ApiError(404, 'NotFound', `${info.apiVersion.includes('/') ? `${info.plural}.${info.apiVersion.split('/')[0]}` : info.plural} "${n}" not found`).kubectlLine());
      }
    } else {
      items = k.env.ctx.api.list(info.kind, info.namespaced ? ns : undefined, selector);
    }
    items = items.filter((o) => fields.every((f) => (fieldValue(o, f.path) === f.value) === f.equal));
    if (info.kind === 'Event') items = sortEvents(items as never);
    if (info.kind === 'Endpoints') warnings.push('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');
    everything.push(...items);
    if (output && output !== 'wide') continue;
    if (items.length === 0) continue;
    const t = printTable(k, info.kind, items, output === 'wide');
    // The kind prefix goes before the name, keeping what follows it ("standard (default)").
    if (multi) t.rows.forEach((r, i) => (r[0] = refOf(info, items[i].metadata.name) + r[0].slice(items[i].metadata.name.length)));
    if (k.allNamespaces && info.namespaced) {
      t.header.unshift('NAMESPACE');
      t.rows.forEach((r, i) => r.unshift(items[i].metadata.namespace ?? ''));
    }
    if (boolFlag(p, 'show-labels')) {
      t.header.push('LABELS');
      t.rows.forEach((r, i) => r.push(labelsText(items[i])));
    }
    const text = table(t.header, t.rows);
    sections.push(boolFlag(p, 'no-headers') ? text.split('\n').slice(1).join('\n') : text);
  }
  const prefix = warnings.length > 0 ? `${[...new Set(warnings)].join('\n')}\n` : '';
  const tail = errors.length > 0 ? `${errors.join('\n')}` : '';
  const single = p.positional.some((a) => a.includes('/')) ? everything.length === 1 && errors.length === 0 : resolved.targets.length === 1 && resolved.targets[0].names.length === 1;
  if (output === 'yaml' || output === 'json') {
    if (everything.length === 0 && errors.length > 0) return fail(tail);
    const value = sortedKeys(single && everything.length === 1 ? everything[0] : { apiVersion: 'v1', items: everything, kind: 'List', metadata: { resourceVersion: '' } });
    const text = output === 'yaml' ? toYaml(value).replace(/\n$/, '') : JSON.stringify(value, null, 4);
    return { out: [prefix + text, tail].filter(Boolean).join('\n'), code: errors.length > 0 ? 1 : 0 };
  }
  if (output?.startsWith('jsonpath')) {
    const tpl = output.slice(output.indexOf('=') + 1);
    const value = single && everything.length === 1 ? everything[0] : { apiVersion: 'v1', items: everything, kind: 'List', metadata: { resourceVersion: '' } };
    return { out: [jsonpath(tpl, JSON.parse(JSON.stringify(value))), tail].filter(Boolean).join('\n'), code: errors.length > 0 ? 1 : 0 };
  }
  if (output?.startsWith('custom-columns')) {
    const cc = customColumns(output.slice(output.indexOf('=') + 1), JSON.parse(JSON.stringify(everything)) as unknown[]);
    if (typeof cc === 'string') return fail(cc);
    const text = table(cc.header, cc.rows);
    return { out: [boolFlag(p, 'no-headers') ? text.split('\n').slice(1).join('\n') : text, tail].filter(Boolean).join('\n'), code: errors.length > 0 ? 1 : 0 };
  }
  if (output === 'name') {
    const lines = everything.map((o) => refOf(RESOURCES.find((r) => r.kind === o.kind)!, o.metadata.name));
    return { out: [...lines, tail].filter(Boolean).join('\n'), code: errors.length > 0 ? 1 : 0 };
  }
  if (sections.length === 0) {
    if (errors.length > 0) return fail(prefix + tail);
    if (resolved.targets.every((t) => t.names.length > 0)) return ok('');
    const namespaced = resolved.targets.some((t) => t.info.namespaced);
    return ok(prefix + (namespaced && !k.allNamespaces ? `No resources found in ${k.namespace} namespace.` : 'No resources found'));
  }
  return { out: [prefix + sections.join('\n\n'), tail].filter(Boolean).join('\n'), code: errors.length > 0 ? 1 : 0 };
}

/** --field-selector: comma-separated `path=value`, `path==value` or `path!=value` (e.g. involvedObject.name=app, spec.nodeName=node-1). */
function parseFieldSelector(text: string | undefined): { path: string[]; value: string; equal: boolean }[] | string {
  if (text === undefined || text === '') return [];
  const out: { path: string[]; value: string; equal: boolean }[] = [];
  for (const term of text.split(',')) {
    const m = /^([A-Za-z][\w.]*)\s*(!=|==|=)\s*(.*)$/.exec(term.trim());
    if (!m) return `error: invalid selector: '${text}'; can't understand '${term}'`;
    out.push({ path: m[1].split('.'), value: m[3], equal: m[2] !== '!=' });
  }
  return out;
}

function fieldValue(obj: unknown, path: string[]): string {
  let v: unknown = obj;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

/** kubectl get --raw PATH: the apiserver's answer for a REST path, as it sent it (compact JSON). */
function getRaw(k: Kctx, path: string): CommandResult {
  if (k.p.positional.length > 0) return fail('error: arguments may not be passed when --raw is specified');
  if (!path.startsWith('/')) return fail(`error: the URL passed to --raw must start with a "/": ${path}`);
  const r = restGet(k.env.ctx, path);
  let body: { message?: string; reason?: string } | undefined;
  try {
    body = JSON.parse(r.body) as typeof body;
  } catch {
    return r.status < 400 ? ok(r.body) : fail(`Error from server: ${r.body}`);
  }
  if (r.status >= 400) return fail(`Error from server (${body?.reason ?? 'Unknown'}): ${body?.message ?? ''}`);
  return ok(JSON.stringify(body));
}
