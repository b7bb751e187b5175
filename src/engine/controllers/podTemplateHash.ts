import type { PodTemplateSpec } from '../api/types';
import { canonicalJson, fnv1a32 } from '../sim/hash';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: each character of the decimal hash mapped into a vowel-free alphabet. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** The pod-template-hash label: FNV-32a of the template, safe-encoded (controller.ComputeHash). */
export function podTemplateHash(template: PodTemplateSpec): string {
  return safeEncode(String(fnv1a32(canonicalJson(template))));
}
