/** Label selectors as `-l` takes them: a=b, a==b, a!=b, a, !a, a in (x,y), a notin (x). */
import type { LabelSelector, LabelSelectorRequirement } from '../../api/types';

export function parseSelector(text: string): LabelSelector | string {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const sel: LabelSelector = {};
  const exprs: LabelSelectorRequirement[] = [];
  for (const raw of parts) {
    const s = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(s))) {
      exprs.push({ key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3].split(',').map((v) => v.trim()).filter(Boolean) });
    } else if ((m = /^([\w./-]+)\s*!=\s*([\w.-]*)$/.exec(s))) {
      exprs.push({ key: m[1], operator: 'NotIn', values: [m[2]] });
    } else if ((m = /^([\w./-]+)\s*==?\s*([\w.-]*)$/.exec(s))) {
      sel.matchLabels = { ...(sel.matchLabels ?? {}), [m[1]]: m[2] };
    } else if ((m = /^!([\w./-]+)$/.exec(s))) {
      exprs.push({ key: m[1], operator: 'DoesNotExist' });
    } else if ((m = /^([\w./-]+)$/.exec(s))) {
      exprs.push({ key: m[1], operator: 'Exists' });
    } else {
      return `error: unable to parse requirement: found '${s}', expected: identifier`;
    }
  }
  if (exprs.length > 0) sel.matchExpressions = exprs;
  return sel;
}

/** A selector as kubectl describe prints it: app=web,tier in (a,b). */
export function selectorText(sel: LabelSelector | Record<string, string> | undefined): string {
  if (!sel) return '<none>';
  const s: LabelSelector = 'matchLabels' in sel || 'matchExpressions' in sel ? (sel as LabelSelector) : { matchLabels: sel as Record<string, string> };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
  }
  return parts.length > 0 ? parts.join(',') : '<none>';
}
