/**
 * Checks a manifest as the editor's linter: YAML syntax (the `yaml` package's errors), then
 * per document: apiVersion, kind and metadata.name are there, and the kind is one the
 * simulation knows. Positions are character offsets into the text.
 */
import { isMap, parseAllDocuments, type Document } from 'yaml';
import { KINDS } from './schema';

export interface Problem {
  from: number;
  to: number;
  severity: 'error' | 'warning';
  message: string;
}

export function validateManifest(text: string): Problem[] {
  const problems: Problem[] = [];
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    for (const e of doc.errors) problems.push({ from: e.pos[0], to: Math.max(e.pos[1], e.pos[0] + 1), severity: 'error', message: e.message.split('\n')[0] });
    if (doc.errors.length) continue;
    problems.push(...checkDocument(doc, text.length));
  }
  return problems.map((p) => ({ ...p, from: Math.min(p.from, text.length), to: Math.min(Math.max(p.to, p.from), text.length) }));
}

function checkDocument(doc: Document.Parsed, end: number): Problem[] {
  const out: Problem[] = [];
  const contents = doc.contents;
  if (contents === null) return out; // an empty document (e.g. a trailing ---)
  const [start, , docEnd] = doc.range;
  const whole = { from: start, to: Math.min(end, Math.max(start + 1, docEnd)) };
  if (!isMap(contents)) return [{ ...whole, severity: 'error', message: 'A manifest must be a mapping with apiVersion, kind and metadata' }];
  const rangeOf = (key: string) => {
    const pair = contents.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
    const node = (pair?.value ?? pair?.key) as { range?: [number, number, number] } | undefined;
    if (node?.range) return { from: node.range[0], to: node.range[1] };
    // Missing key: point at the document's first key.
    const first = contents.range?.[0] ?? start;
    return { from: first, to: Math.min(end, first + 1) };
  };
  const apiVersion = doc.get('apiVersion');
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  if (typeof apiVersion !== 'string' || !apiVersion) out.push({ ...rangeOf('apiVersion'), severity: 'error', message: 'apiVersion is required (e.g. v1, apps/v1)' });
  if (typeof kind !== 'string' || !kind) out.push({ ...rangeOf('kind'), severity: 'error', message: 'kind is required' });
  else if (!(kind in KINDS)) out.push({ ...rangeOf('kind'), severity: 'error', message: `unknown kind "${kind}": the simulation knows ${Object.keys(KINDS).join(', ')}` });
  else if (typeof apiVersion === 'string' && apiVersion && apiVersion !== KINDS[kind]) {
    out.push({ ...rangeOf('apiVersion'), severity: 'error', message: `no matches for kind "${kind}" in version "${apiVersion}" (use ${KINDS[kind]})` });
  }
  if (typeof name !== 'string' || !name) out.push({ ...rangeOf('metadata'), severity: 'error', message: 'metadata.name is required' });
  else if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) out.push({ ...rangeOf('metadata'), severity: 'error', message: `metadata.name "${name}" must be lowercase letters, digits, '-' or '.'` });
  return out;
}
