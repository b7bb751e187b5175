/**
 * A subset of kubectl's JSONPath (-o jsonpath=...): {.a.b}, {.items[*].x}, {.items[0].x},
 * {range .items[*]}...{end}, literal text and "\n" / "\t" escapes. Also custom-columns.
 */
type Json = unknown;

function walk(values: Json[], path: string): Json[] {
  const tokens = path.replace(/^\$?\.?/, '').match(/[^.[\]]+|\[[^\]]*\]/g) ?? [];
  let cur = values;
  for (const t of tokens) {
    const next: Json[] = [];
    for (const v of cur) {
      if (t.startsWith('[')) {
        const inner = t.slice(1, -1);
        if (!Array.isArray(v)) continue;
        if (inner === '*') next.push(...v);
        else if (/^-?\d+$/.test(inner)) {
          const i = Number(inner);
          const item = v[i < 0 ? v.length + i : i];
          if (item !== undefined) next.push(item);
        } else if (/^\?\(@\.([\w.]+)=="?([^"]*)"?\)$/.test(inner)) {
          const [, key, want] = /^\?\(@\.([\w.]+)=="?([^"]*)"?\)$/.exec(inner)!;
          for (const item of v) if (String(walk([item], key)[0]) === want) next.push(item);
        }
      } else if (t === '*') {
        if (v && typeof v === 'object') next.push(...Object.values(v as Record<string, Json>));
      } else if (v && typeof v === 'object' && !Array.isArray(v) && t in (v as Record<string, Json>)) {
        next.push((v as Record<string, Json>)[t]);
      }
    }
    cur = next;
  }
  return cur;
}

function show(v: Json): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function jsonpath(template: string, data: Json): string {
  const parts = template.match(/\{[^}]*\}|[^{]+/g) ?? [];
  const run = (items: string[], ctx: Json): string => {
    let out = '';
    for (let i = 0; i < items.length; i++) {
      const p = items[i];
      if (!p.startsWith('{')) {
        out += p;
        continue;
      }
      const expr = p.slice(1, -1).trim();
      if (expr.startsWith('range ')) {
        let depth = 1;
        let j = i + 1;
        for (; j < items.length; j++) {
          const e = items[j].slice(1, -1).trim();
          if (items[j].startsWith('{') && e.startsWith('range ')) depth++;
          if (items[j].startsWith('{') && e === 'end') depth--;
          if (depth === 0) break;
        }
        for (const v of walk([ctx], expr.slice(6).trim())) out += run(items.slice(i + 1, j), v);
        i = j;
        continue;
      }
      if (/^".*"$/.test(expr)) {
        out += expr.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        continue;
      }
      out += walk([ctx], expr.replace(/^@/, '')).map(show).join(' ');
    }
    return out;
  };
  return run(parts, data);
}

/** -o custom-columns=NAME:.metadata.name,IP:.status.podIP */
export function customColumns(spec: string, items: Json[]): { header: string[]; rows: string[][] } | string {
  const cols = spec.split(',').map((c) => {
    const i = c.indexOf(':');
    return i < 0 ? undefined : { name: c.slice(0, i), path: c.slice(i + 1) };
  });
  if (cols.some((c) => !c)) return `error: unexpected custom-columns spec: ${spec}, expected <header>:<json-path-expr>`;
  const ok = cols as { name: string; path: string }[];
  return {
    header: ok.map((c) => c.name),
    rows: items.map((it) => ok.map((c) => {
      const v = walk([it], c.path.replace(/^\{|\}$/g, ''));
      return v.length === 0 ? '<none>' : v.map(show).join(',');
    })),
  };
}
