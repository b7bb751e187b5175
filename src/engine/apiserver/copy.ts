/**
 * A deep copy of API objects (plain JSON-like data: objects, arrays, strings, numbers,
 * booleans, null, undefined). Same result as structuredClone for such data, several times
 * faster for the small objects the apiserver copies on every read and write. Anything else
 * (a Map, a Date) falls back to structuredClone.
 */
export function deepCopy<T>(value: T): T {
  return copy(value, false, false) as T;
}

/**
 * A deep copy the apiserver is about to store: its objects sized to fit their keys (see
 * blank), as they are kept for as long as the object lives. Reads use deepCopy: their copies
 * are short-lived and plain ones are quicker to make.
 */
export function copyToStore<T>(value: T): T {
  return copy(value, false, true) as T;
}

/**
 * copyToStore, but frozen parts (the store's shared copies, apiserver/intern.ts) are kept rather
 * than copied: for the apiserver's own writes of an object it then stores again.
 */
export function copyKeepingShared<T>(value: T): T {
  return copy(value, true, true) as T;
}

function copy(v: unknown, keepFrozen: boolean, fit: boolean): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (keepFrozen && Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copy(v[i], keepFrozen, fit);
    return out;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out = fit ? blank(v as Record<string, unknown>) : {};
  for (const k in v) out[k] = copy((v as Record<string, unknown>)[k], keepFrozen, fit);
  return out;
}

/**
 * An object with v's keys (values null), in order, held inside the object itself. V8 gives
 * `{}` room for 4 properties and puts the rest in a separate array (~60 B more per object,
 * 10% of the heap at the envelope); an object JSON.parse makes is sized to fit its keys.
 * A spread or a literal with computed keys would not be once the call site has seen many
 * shapes, and eval is not allowed (the app's CSP). The JSON of each shape is kept in a trie
 * keyed by the key sequence (objects of one kind share a handful of shapes). It costs about
 * 1.5 µs per stored object, so only copies to be stored are made this way.
 */
interface Shape {
  next: Map<string, Shape>;
  /** The child last walked to: objects of one kind follow the same path, and comparing a key is cheaper than a lookup. */
  lastKey: string | undefined;
  last: Shape | undefined;
  /** The shape as JSON (`{"a":null,…}`): JSON.parse sizes the object it makes to fit. */
  json: string | undefined;
}

const root: Shape = { next: new Map(), lastKey: undefined, last: undefined, json: undefined };
let shapes = 0;
/** Past this many trie nodes (user data with ever-new keys) objects are copied the plain way. */
const MAX_SHAPES = 50_000;

function blank(v: Record<string, unknown>): Record<string, unknown> {
  let node = root;
  let keys = 0;
  for (const k in v) {
    keys++;
    if (node.lastKey === k) {
      node = node.last!;
      continue;
    }
    let n = node.next.get(k);
    if (!n) {
      if (shapes >= MAX_SHAPES) return {};
      n = { next: new Map(), lastKey: undefined, last: undefined, json: undefined };
      node.next.set(k, n);
      shapes++;
    }
    node.lastKey = k;
    node.last = n;
    node = n;
  }
  // Up to 4 keys fit in `{}` already.
  if (keys <= 4) return {};
  if (node.json === undefined) {
    const empty: Record<string, null> = {};
    for (const k in v) empty[k] = null;
    node.json = JSON.stringify(empty);
  }
  return JSON.parse(node.json) as Record<string, unknown>;
}

/**
 * The same object, re-made to fit its keys (shallow: the values are kept, not copied). For a
 * part the apiserver added fields to after copying it (metadata gets uid, creationTimestamp,
 * resourceVersion), just before it is stored.
 */
export function refit<T extends object>(o: T): T {
  const out = blank(o as Record<string, unknown>);
  for (const k in o) out[k] = (o as Record<string, unknown>)[k];
  return out as T;
}
