/**
 * A line diff (longest common subsequence), for showing two rule sets or two traces next to
 * each other with what only one of them has marked. Inputs are small (hundreds of lines); long
 * ones fall back to a prefix/suffix match so the cost stays bounded.
 */
export interface DiffLine {
  /** ' ' in both, '-' only in the first, '+' only in the second. */
  op: ' ' | '-' | '+';
  text: string;
  /** For ' ' lines compared by a key: the second side's own text, when it differs. */
  other?: string;
}

const MAX_CELLS = 4_000_000;

export function lineDiff(a: readonly string[], b: readonly string[], key: (line: string) => string = (l) => l): DiffLine[] {
  // The common head and tail need no table.
  let head = 0;
  while (head < a.length && head < b.length && key(a[head]) === key(b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && key(a[a.length - 1 - tail]) === key(b[b.length - 1 - tail])) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const same = (x: string, y: string): DiffLine => (x === y ? { op: ' ', text: x } : { op: ' ', text: x, other: y });
  const out: DiffLine[] = a.slice(0, head).map((text, k) => same(text, b[k]));
  if (midA.length * midB.length > MAX_CELLS) {
    out.push(...midA.map((text) => ({ op: '-' as const, text })), ...midB.map((text) => ({ op: '+' as const, text })));
  } else {
    const ka = midA.map(key);
    const kb = midB.map(key);
    // lcs[i][j]: the common subsequence length of ka[i..] and kb[j..].
    const lcs = Array.from({ length: ka.length + 1 }, () => new Uint32Array(kb.length + 1));
    for (let i = ka.length - 1; i >= 0; i--) for (let j = kb.length - 1; j >= 0; j--) lcs[i][j] = ka[i] === kb[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < ka.length || j < kb.length) {
      if (i < ka.length && j < kb.length && ka[i] === kb[j]) {
        out.push(same(midA[i], midB[j]));
        i++;
        j++;
      } else if (i < ka.length && (j === kb.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push({ op: '-', text: midA[i++] });
      else out.push({ op: '+', text: midB[j++] });
    }
  }
  out.push(...a.slice(a.length - tail).map((text, k) => same(text, b[b.length - tail + k])));
  return out;
}
