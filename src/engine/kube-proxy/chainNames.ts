/**
 * Chain names exactly as kube-proxy derives them (pkg/proxy/iptables): the first 16
 * characters of the base32 (standard alphabet) SHA-256 of the service port name and the
 * protocol — so `default/kubernetes:https` over tcp is KUBE-SVC-NPX46M4PTMTKRN6Y, as on
 * every real cluster.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** kube-proxy recomputes every chain name on each sync; the hash of a name never changes. */
const hashCache = new Map<string, string>();
const encoder = new TextEncoder();

export function hash16(text: string): string {
  let h = hashCache.get(text);
  if (h === undefined) {
    h = base32(sha256(encoder.encode(text))).slice(0, 16);
    // Room for 10,000 Services × 5 endpoints (SVC, EXT, SEP names) on both modes without thrashing.
    if (hashCache.size >= 250_000) hashCache.clear();
    hashCache.set(text, h);
  }
  return h;
}

/** "namespace/name:portname" — the port name part is empty for an unnamed port. */
export function servicePortName(namespace: string, name: string, port: string | undefined): string {
  return `${namespace}/${name}${port ? `:${port}` : ''}`;
}

export function svcChain(spn: string, protocol: string): string {
  return `KUBE-SVC-${hash16(spn + protocol.toLowerCase())}`;
}

export function extChain(spn: string, protocol: string): string {
  return `KUBE-EXT-${hash16(spn + protocol.toLowerCase())}`;
}

export function sepChain(spn: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(spn + protocol.toLowerCase() + endpoint)}`;
}

/** The Local-traffic-policy chain: only this node's endpoints (externalTrafficPolicy: Local). */
export function svlChain(spn: string, protocol: string): string {
  return `KUBE-SVL-${hash16(spn + protocol.toLowerCase())}`;
}
