/**
 * Where the cursor is in a YAML manifest, from indentation alone (the text may not parse
 * while being typed): the key path (`*` for list items), the document's kind, and whether a
 * key or a value is being typed.
 */
export interface CursorPlace {
  path: string[];
  kind?: string;
  /** Typing a key (mode 'key') or the value of `key` (mode 'value'). */
  mode: 'key' | 'value';
  key?: string;
  /** The partial word before the cursor and where it starts. */
  word: string;
  from: number;
}

const LINE = /^(\s*)((?:- +)*)(.*)$/;

export function placeAt(text: string, pos: number): CursorPlace | undefined {
  const before = text.slice(0, pos);
  const lines = before.split('\n');
  const cur = lines.pop() ?? '';
  const m = LINE.exec(cur)!;
  const rest = m[3];
  const value = /^([\w./-]+):\s+(\S*)$/.exec(rest);
  const keyWord = /^([\w./-]*)$/.exec(rest);
  if (!value && !keyWord) return undefined;
  const word = value ? value[2] : keyWord![1];
  const path: string[] = [];
  let ind = m[1].length + m[2].length;
  let allowEqual = false;
  if (m[2]) {
    path.unshift('*');
    ind = m[1].length;
    allowEqual = true;
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^---/.test(line)) break;
    const lm = LINE.exec(line)!;
    const li = lm[1].length;
    const content = lm[3].replace(/\s+#.*$/, '');
    const contentIndent = li + lm[2].length;
    if (lm[2] && contentIndent === ind && !allowEqual) {
      // A sibling key that opened this list item: we are inside an item of a list.
      path.unshift('*');
      ind = li;
      allowEqual = true;
      continue;
    }
    if (contentIndent < ind || (allowEqual && li <= ind && !lm[2])) {
      const km = /^([\w./-]+):\s*$/.exec(content);
      if (!km) continue;
      path.unshift(km[1]);
      ind = contentIndent;
      allowEqual = false;
      if (lm[2]) {
        path.unshift('*');
        ind = li;
        allowEqual = true;
      }
      if (ind === 0) break;
    }
  }
  return { path, kind: kindOf(text, pos), mode: value ? 'value' : 'key', key: value?.[1], word, from: pos - word.length };
}

/** The `kind:` of the YAML document holding pos. */
export function kindOf(text: string, pos: number): string | undefined {
  const start = text.lastIndexOf('\n---', pos);
  const endAt = text.indexOf('\n---', pos);
  const doc = text.slice(start < 0 ? 0 : start, endAt < 0 ? text.length : endAt);
  return /^kind:\s*["']?(\w+)/m.exec(doc)?.[1];
}
