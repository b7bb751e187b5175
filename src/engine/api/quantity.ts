/**
 * Resource quantities (k8s.io/apimachinery/pkg/api/resource): "500m", "2", "128Mi", "1G".
 * Parsed to a plain number of base units (cores, bytes, counts); formatted back canonically.
 */
const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** The message the apiserver's decoder gives for a malformed quantity. */
export const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export function isQuantity(q: unknown): boolean {
  return (typeof q === 'string' && QUANTITY.test(q.trim())) || (typeof q === 'number' && Number.isFinite(q));
}

/** Base units (cores for cpu, bytes for memory); NaN when malformed. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = QUANTITY.exec(q.trim());
  if (!m) return NaN;
  const suffix = m[2] ?? '';
  const mult = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return Number(m[1]) * mult;
}

/** CPU in millicores, rounded up as the apiserver does (0.1m → 1m). */
export function milliCpu(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return Number.isNaN(v) ? 0 : Math.ceil(Math.round(v * 1e6) / 1e3);
}

export function bytes(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return Number.isNaN(v) ? 0 : Math.ceil(v);
}

export function formatMilliCpu(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

export function formatBytes(b: number): string {
  for (const [s, n] of [['Ei', 1024 ** 6], ['Pi', 1024 ** 5], ['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
    if (b !== 0 && b % n === 0) return `${b / n}${s}`;
  }
  return String(b);
}

/** Whether a resource name counts cores (cpu, requests.cpu, limits.cpu). */
export function isCpuResource(name: string): boolean {
  return name === 'cpu' || name.endsWith('.cpu');
}

export function isMemoryResource(name: string): boolean {
  return name === 'memory' || name.endsWith('.memory') || name.includes('ephemeral-storage') || name.endsWith('.storage');
}

/** A quantity in the resource's natural unit: millicores for cpu, bytes for memory, counts otherwise. */
export function amount(resource: string, q: string | number | undefined): number {
  if (isCpuResource(resource)) return milliCpu(q);
  if (isMemoryResource(resource)) return bytes(q);
  const v = parseQuantity(q);
  return Number.isNaN(v) ? 0 : v;
}

export function formatAmount(resource: string, v: number): string {
  if (isCpuResource(resource)) return formatMilliCpu(v);
  if (isMemoryResource(resource)) return formatBytes(v);
  return String(v);
}
