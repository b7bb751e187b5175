import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson, fnv1a64 } from './hash';

describe('fnv1a64', () => {
  it('gives the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-16 code units above 0xff as the BigInt version did', () => {
    expect(fnv1a64('\uffff€ä')).toBe(bigIntFnv('\uffff€ä'));
    expect(fnv1a64('x'.repeat(1000))).toBe(bigIntFnv('x'.repeat(1000)));
  });
});

function bigIntFnv(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

describe('canonicalHash', () => {
  it('equals fnv1a64(canonicalJson(value)), integer-like keys and Maps included', () => {
    const value = {
      b: [1, undefined, 'x', { z: 1, a: null }, () => 1],
      a: new Map<string, unknown>([['k', 1], ['10', 2], ['9', 3]]),
      '10': 'ten',
      '9': 'nine',
      '01': 'not an index',
      skip: undefined,
      s: 'quote " and \\ and \u2028 and é',
      n: [-0, 1.5e-7, NaN, Infinity],
    };
    expect(canonicalHash(value)).toBe(fnv1a64(canonicalJson(value)));
  });

  it('stays equal to it when objects share a shape, keys need quoting and strings need escapes', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ name: `n${i}`, 'a"b': i % 3 === 0 ? undefined : i, tab: 'x\ty', ctl: '\u0001', pair: '😀', lone: '\ud800', ok: true, no: false, nil: null, neg: -0 }));
    const value = { rows, again: rows.slice(0, 3).map((r) => ({ ...r })), other: { ok: 1, name: 'n' } };
    expect(canonicalHash(value)).toBe(fnv1a64(canonicalJson(value)));
    expect(canonicalHash(value)).toBe(canonicalHash(JSON.parse(JSON.stringify(value))));
  });
});
