/**
 * The one seeded random source of the engine (mulberry32). Everything random in the
 * simulation — name suffixes, MAC addresses, iptables `--probability` picks — draws from
 * here, so the same seed and the same actions give the same cluster.
 */
import { flat } from './flat';

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `n` characters drawn from `alphabet`. */
  string(n: number, alphabet: string): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return flat(s);
  }

  hex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i++) s += this.int(256).toString(16).padStart(2, '0');
    // Built piece by piece, a 64-digit container id was a 26-deep rope of ~1.4 KB; flat, 80 bytes.
    return flat(s);
  }

  /** A locally administered unicast MAC, as the kernel picks for veth and bridges. */
  mac(): string {
    const b = [this.int(256), this.int(256), this.int(256), this.int(256), this.int(256), this.int(256)];
    b[0] = (b[0] & 0xfe) | 0x02;
    return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
  }

  getState(): number {
    return this.state;
  }
}
