/**
 * Client-side `kubectl apply` of one object, with its three-way merge: fields in the
 * manifest win, fields others set (the scheduler's spec.nodeName, status) are kept, and
 * fields removed from the manifest since the last apply are removed. The last applied
 * manifest is kept where kubectl keeps it, in the last-applied-configuration annotation.
 */
import type { KubeObject } from '../api/types';
import { resourceForKind } from '../api/resources';
import type { SimContext } from '../sim/context';
import { canonicalJson } from '../sim/hash';
import { ApiError } from './errors';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** merge(live, applied, lastApplied): a recursive three-way merge of plain JSON objects. */
function merge(live: Json, applied: Json, last: Json | undefined): Json {
  const out: Json = { ...live };
  for (const [k, v] of Object.entries(applied)) {
    out[k] = isObj(v) && isObj(live[k]) ? merge(live[k] as Json, v, isObj(last?.[k]) ? (last![k] as Json) : undefined) : v;
  }
  for (const k of Object.keys(last ?? {})) if (!(k in applied)) delete out[k];
  return out;
}

export function applyObject(ctx: SimContext, obj: KubeObject, source = 'STDIN'): string {
  const info = resourceForKind(obj.kind)!;
  const group = info.apiVersion.includes('/') ? `.${info.apiVersion.split('/')[0]}` : '';
  const ref = `${info.kind.toLowerCase()}${group}/${obj.metadata.name}`;
  const manifest = structuredClone(obj) as unknown as Json;
  const annotation = canonicalJson(manifest);
  const existing = ctx.api.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
  if (!existing) {
    const created = structuredClone(obj);
    created.metadata.annotations = { ...(created.metadata.annotations ?? {}), [LAST_APPLIED]: annotation };
    try {
      ctx.api.create(created, 'kubectl');
    } catch (e) {
      throw e instanceof ApiError ? e.withVerb('creating', source) : e;
    }
    return `${ref} created`;
  }
  const lastText = existing.metadata.annotations?.[LAST_APPLIED];
  let last: Json | undefined;
  try {
    last = lastText ? (JSON.parse(lastText) as Json) : undefined;
  } catch {
    last = undefined;
  }
  const merged = merge(existing as unknown as Json, manifest, last) as unknown as KubeObject;
  merged.metadata = { ...merged.metadata, annotations: { ...(merged.metadata.annotations ?? {}), [LAST_APPLIED]: annotation } };
  if (canonicalJson(merged) === canonicalJson(existing) || canonicalJson(ctx.api.defaulted(merged)) === canonicalJson(existing)) return `${ref} unchanged`;
  ctx.api.patch(merged, 'kubectl');
  return `${ref} configured`;
}
