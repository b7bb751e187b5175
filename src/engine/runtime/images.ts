/** Stable stand-ins for what a registry would tell: an image's digest and size. */
import { fnv1a64 } from '../sim/hash';
import { normaliseImage } from './runtime';

/** A stable stand-in for the registry digest of an image (64 hex digits). */
export function imageDigest(image: string): string {
  return [0, 1, 2, 3].map((i) => fnv1a64(`${normaliseImage(image)}#${i}`)).join('');
}

/** A plausible compressed size for an image (bytes), stable per image. */
export function imageSize(image: string): number {
  const known: Record<string, number> = { nginx: 72_195_292, busybox: 2_166_802, 'registry.k8s.io/pause': 320_368 };
  const repo = normaliseImage(image).replace(/^docker\.io\/library\//, '').replace(/:[^:/]+$/, '');
  return known[repo] ?? 10_000_000 + (parseInt(fnv1a64(repo).slice(0, 6), 16) % 90_000_000);
}
