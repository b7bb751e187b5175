// Object identity drawn from the seeded PRNG: generateName suffixes and metadata.uid, kept apart so every draw is in one place.
import type { Prng } from '../sim/prng';
import { flat } from '../sim/flat';

const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** metadata.generateName plus a 5-character random suffix, from the alphabet Kubernetes uses (no vowels, no look-alikes). */
export function generatedName(generateName: string, prng: Prng): string {
  return generateName + prng.string(5, NAME_SUFFIX_ALPHABET);
}

/** A random (version 4 style) UID drawn from the seeded PRNG. */
export function uuid(prng: Prng): string {
  const h = prng.hex(16);
  // Flat: as a template literal of slices it was a ~390-byte rope, on every object (and every Event).
  return flat(`${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`);
}
