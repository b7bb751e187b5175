/**
 * Manifests in: multi-document YAML parsed with the `yaml` package, each document checked
 * for apiVersion/kind/metadata.name before anything is applied. Errors name the document.
 */
import { parseAllDocuments, stringify } from 'yaml';
import { resourceForKind } from './resources';
import type { KubeObject } from './types';

export const MAX_MANIFEST_BYTES = 1_000_000;

export function parseManifests(text: string): KubeObject[] {
  if (text.length > MAX_MANIFEST_BYTES) throw new Error(`error: manifest is ${text.length} bytes; the limit is ${MAX_MANIFEST_BYTES}`);
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const out: KubeObject[] = [];
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`error: error parsing YAML document ${i + 1}: ${doc.errors[0].message.split('\n')[0]}`);
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`error: document ${i + 1} is not an object`);
    const obj = value as Record<string, unknown>;
    if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') throw new Error(`error: error validating data: apiVersion not set (document ${i + 1})`);
    if (typeof obj.kind !== 'string' || obj.kind === '') throw new Error(`error: error validating data: kind not set (document ${i + 1})`);
    const info = resourceForKind(obj.kind);
    if (!info || info.apiVersion !== obj.apiVersion) {
      throw new Error(`error: resource mapping not found for name: "${(obj.metadata as { name?: string })?.name ?? ''}" namespace: "" from "STDIN": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`);
    }
    if (!obj.metadata || typeof obj.metadata !== 'object') throw new Error(`error: error validating data: metadata not set (document ${i + 1})`);
    out.push(obj as unknown as KubeObject);
  });
  return out;
}

/** An object as `kubectl get -o yaml` prints it. */
export function toYaml(obj: unknown): string {
  return stringify(obj, { lineWidth: 0, indentSeq: false });
}
