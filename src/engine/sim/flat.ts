/**
 * The same text as one flat string. V8 keeps the result of a concatenation (a template literal)
 * as a tree of its pieces until something reads it character by character, which costs about
 * three times the memory; strings the engine keeps by the hundred thousand (log lines at 1,000
 * nodes) are flattened once when stored.
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** Recently seen texts (bounded: a cache, never the only holder of anything). */
const recent = new Map<string, string>();
const RECENT_MAX = 512;

/**
 * `flat(s)`, and the very same string object when an equal text was kept lately: when a node
 * joins, each of 1,000 flanneld logs the same line at the same millisecond, and 1,000 equal
 * log lines then cost one string, not 1,000 (~25 MB at 1,000 nodes). Strings are immutable,
 * so sharing one is invisible.
 */
export function flatShared(s: string): string {
  const had = recent.get(s);
  if (had !== undefined) return had;
  const f = flat(s);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(f, f);
  return f;
}
