/** Canonical JSON (sorted keys) and a 64-bit FNV-1a hash of it: the state fingerprint. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Map) return sortKeys(Object.fromEntries(value));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined && typeof v !== 'function') out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * FNV-1a, 64 bits, over UTF-16 code units. The 64-bit state is kept as two 32-bit halves in
 * plain numbers (a BigInt per character made hashing a 1,000-node cluster take seconds): the
 * prime is 0x100_000001b3, so h·p mod 2⁶⁴ = lo·0x1b3 + 2³²·(hi·0x1b3 + lo·0x100), and every
 * partial product stays below 2⁵³, exact in a double.
 */
export function fnv1a64(text: string): string {
  const h = new Fnv64();
  h.update(text);
  return h.digest();
}

/** FNV-1a 64 fed piece by piece (see fnv1a64 for the arithmetic). */
class Fnv64 {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;

  update(text: string): void {
    let { hi, lo } = this;
    for (let i = 0; i < text.length; i++) {
      lo = (lo ^ text.charCodeAt(i)) >>> 0;
      const low = lo * 0x1b3;
      hi = (hi * 0x1b3 + lo * 0x100 + ((low / 0x100000000) | 0)) >>> 0;
      lo = low >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
  }

  digest(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

/**
 * fnv1a64(canonicalJson(value)) without building either the sorted copy or the text: at 1,000
 * nodes the state's canonical JSON is hundreds of megabytes. Emits exactly what
 * JSON.stringify(sortKeys(value)) would, piece by piece, into the hash.
 */
export function canonicalHash(value: unknown): string {
  const h = new Fnv64();
  writeCanonical(value, h);
  return h.digest();
}

function writeCanonical(value: unknown, h: Fnv64): void {
  if (value instanceof Map) value = Object.fromEntries(value);
  if (Array.isArray(value)) {
    h.update('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) h.update(',');
      const v: unknown = value[i];
      // JSON.stringify writes null for what it cannot represent in an array.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') h.update('null');
      else writeCanonical(v, h);
    }
    h.update(']');
    return;
  }
  if (value && typeof value === 'object') {
    h.update('{');
    let first = true;
    const { keys, quoted } = shapeOf(Object.keys(value));
    for (let i = 0; i < keys.length; i++) {
      const v = (value as Record<string, unknown>)[keys[i]];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      if (!first) h.update(',');
      first = false;
      h.update(quoted[i]);
      writeCanonical(v, h);
    }
    h.update('}');
    return;
  }
  writePrimitive(value, h);
}

/** JSON.stringify of a primitive, without the call where the text is plain. */
function writePrimitive(value: unknown, h: Fnv64): void {
  if (typeof value === 'string') {
    // JSON escapes quotes, backslashes, control characters and lone surrogates only.
    if (NEEDS_ESCAPE.test(value)) h.update(JSON.stringify(value));
    else {
      h.update('"');
      h.update(value);
      h.update('"');
    }
  } else if (typeof value === 'number') h.update(Number.isFinite(value) ? String(value) : 'null');
  else if (typeof value === 'boolean') h.update(value ? 'true' : 'false');
  else h.update(JSON.stringify(value) ?? 'null');
}
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * An object's keys in canonical order, each already written as `"key":`. Objects of one kind
 * share their keys in the same insertion order, so the sort is done once per shape, not per object.
 */
const shapes = new Map<string, { keys: string[]; quoted: string[] }>();
function shapeOf(own: string[]): { keys: string[]; quoted: string[] } {
  const id = own.join('\u0000');
  let shape = shapes.get(id);
  if (!shape) {
    const keys = objectKeyOrder(own.slice().sort());
    shape = { keys, quoted: keys.map((k) => `${JSON.stringify(k)}:`) };
    // Maps turned into objects (keyed by names, addresses) make one-off shapes: keep the cache bounded.
    if (shapes.size > 20_000) shapes.clear();
    shapes.set(id, shape);
  }
  return shape;
}

/**
 * The order a plain object built by inserting `sorted` keys enumerates them in: integer-like
 * keys (array indices) first in numeric order, then the others as inserted.
 */
function objectKeyOrder(sorted: string[]): string[] {
  const indices = sorted.filter(isArrayIndex);
  if (indices.length === 0) return sorted;
  indices.sort((a, b) => Number(a) - Number(b));
  return [...indices, ...sorted.filter((k) => !isArrayIndex(k))];
}

function isArrayIndex(k: string): boolean {
  return /^(0|[1-9]\d*)$/.test(k) && Number(k) <= 4294967294;
}

/** FNV-1a 32-bit, the hash Kubernetes uses for pod-template-hash. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
