/** IP helpers built on ip-num: parse, contains, network/broadcast. Hot paths count in plain integers, checked against ip-num. */
import { IPv4, IPv4CidrRange, IPv4Prefix, Validator } from 'ip-num';

export function isIPv4(text: string): boolean {
  return Validator.isValidIPv4String(text)[0];
}

export function isCidr(text: string): boolean {
  return Validator.isValidIPv4CidrNotation(text)[0];
}

export function cidr(text: string): IPv4CidrRange {
  return IPv4CidrRange.fromCidr(text);
}

export function prefixLen(text: string): number {
  return Number(text.split('/')[1]);
}

/** First and last address of each range seen, as numbers: every iptables rule and route match asks. */
const rangeCache = new Map<string, readonly [number, number]>();
const DOTTED = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/** First and last address of a range as numbers (ip-num parses it once; its error if invalid). */
export function rangeBounds(range: string): readonly [number, number] {
  let bounds = rangeCache.get(range);
  if (!bounds) {
    const r = IPv4CidrRange.fromCidr(range);
    bounds = [Number(r.getFirst().getValue()), Number(r.getLast().getValue())];
    if (rangeCache.size >= 10_000) rangeCache.clear();
    rangeCache.set(range, bounds);
  }
  return bounds;
}

/** A plain dotted quad as a number, or undefined for anything else. */
export function dottedNumber(ip: string): number | undefined {
  const m = DOTTED.exec(ip);
  if (!m) return undefined;
  const a = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  return a.some((x) => x > 255) ? undefined : ((a[0] * 256 + a[1]) * 256 + a[2]) * 256 + a[3];
}

export function cidrContains(range: string, ip: string): boolean {
  if (range === 'default') return true;
  const bounds = rangeBounds(range);
  const m = DOTTED.exec(ip);
  const a = m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
  // Anything but a plain dotted quad gets ip-num's own answer (or its error).
  if (!a || a.some((x) => x > 255)) return IPv4CidrRange.fromCidr(range).contains(IPv4CidrRange.fromCidr(`${ip}/32`));
  const n = ((a[0] * 256 + a[1]) * 256 + a[2]) * 256 + a[3];
  return n >= bounds[0] && n <= bounds[1];
}

/**
 * First address and size of the block `address`/`prefix` falls in, counted in plain numbers
 * (every pod's eth0 asks, with an address no cache has seen): undefined for anything but a
 * dotted quad and a whole prefix 0–32, which then gets ip-num's own answer or error.
 */
function block(address: string, prefix: number): [number, number] | undefined {
  const m = DOTTED.exec(address);
  if (!m || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const a = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (a.some((x) => x > 255)) return undefined;
  const size = 2 ** (32 - prefix);
  const n = ((a[0] * 256 + a[1]) * 256 + a[2]) * 256 + a[3];
  return [Math.floor(n / size) * size, size];
}

/** The network of an address/prefix pair: 10.244.1.7/24 → 10.244.1.0/24. */
export function networkOf(address: string, prefix: number): string {
  const b = block(address, prefix);
  if (b) return `${dotted(b[0])}/${prefix}`;
  const mask = IPv4Prefix.fromNumber(BigInt(prefix)).toMask().getValue();
  const net = IPv4.fromNumber(IPv4.fromString(address).getValue() & mask);
  return `${net.toString()}/${prefix}`;
}

export function broadcastOf(address: string, prefix: number): string {
  const b = block(address, prefix);
  if (b) return dotted(b[0] + b[1] - 1);
  return IPv4CidrRange.fromCidr(networkOf(address, prefix)).getLast().toString();
}

/** The n-th address of a range (0 is the network address). */
export function nthAddress(range: string, n: number): string {
  return IPv4.fromNumber(IPv4CidrRange.fromCidr(range).getFirst().getValue() + BigInt(n)).toString();
}

/** Splits a range into subnets of `prefix` bits, in order (10.244.0.0/16 → /24s). */
export function splitCidr(range: string, prefix: number): string[] {
  const r = IPv4CidrRange.fromCidr(range);
  const base = Number(r.getFirst().getValue());
  const bits = Number(r.cidrPrefix.getValue());
  // The common case counts in integers: ip-num builds a bigint range object per subnet,
  // which is slow for a /8 in /24s. Anything unusual keeps ip-num's own answer or error.
  if (!Number.isInteger(prefix) || prefix < bits || prefix > 32 || base % 2 ** (32 - bits) !== 0) {
    return r.splitInto(IPv4Prefix.fromNumber(BigInt(prefix))).map((x) => x.toCidrString());
  }
  const count = 2 ** (prefix - bits);
  const step = 2 ** (32 - prefix);
  const out: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = `${dotted(base + i * step)}/${prefix}`;
  return out;
}

/** A number (0 … 2³²-1) as a dotted quad. */
export function dotted(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** Sort key for route listings: by network address, then prefix length. */
export function ipNumber(ip: string): bigint {
  return IPv4.fromString(ip).getValue();
}
