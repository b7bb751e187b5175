/**
 * The names Calico derives by hashing: the host-side veth (cali + 11 hex digits of a hash of
 * the workload "namespace.pod"), felix's chain and ipset names (base64 of a hash of what they
 * stand for) and the `cali:` rule comments. Real Calico uses SHA-1 / SHA-224; a seeded-free
 * FNV stands in, so the same pod always gets the same name.
 */
import { fnv1a64 } from '../../sim/hash';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `n` characters of URL-safe base64 derived from a hash of `text`. */
export function b64hash(text: string, n: number): string {
  let out = '';
  for (let round = 0; out.length < n; round++) {
    const h = BigInt(`0x${fnv1a64(`${round}:${text}`)}`);
    for (let i = 0; i < 10 && out.length < n; i++) out += B64[Number((h >> BigInt(i * 6)) & 63n)];
  }
  return out;
}

/** Calico's VethNameForWorkload: "cali" + the first 11 hex digits of hash("namespace.pod"). */
export function vethName(namespace: string, pod: string): string {
  return `cali${fnv1a64(`${namespace}.${pod}`).slice(0, 11)}`;
}

/** Per-policy chains: cali-pi-_<hash> (ingress), cali-po-_<hash> (egress); at most 28 characters. */
export function policyChain(dir: 'Ingress' | 'Egress', policyName: string): string {
  return `cali-p${dir === 'Ingress' ? 'i' : 'o'}-_${b64hash(`${dir}/${policyName}`, 19)}`;
}

/** A selector ipset: cali40s: + 22 characters (31 at most, ipset's limit). */
export function selectorSet(selector: string): string {
  return `cali40s:${b64hash(selector, 22)}`;
}

/** A named-port ipset (hash:ip,port): cali40n: + 22 characters. */
export function namedPortSet(key: string): string {
  return `cali40n:${b64hash(key, 22)}`;
}

/** The `cali:` comment of a rule: a hash of the chain, the previous rule's hash and the rule. */
export function ruleHash(chain: string, prev: string, rule: string): string {
  return b64hash(`${chain}|${prev}|${rule}`, 16);
}
