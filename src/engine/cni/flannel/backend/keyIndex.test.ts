import { describe, expect, it } from 'vitest';
import { KeyIndex } from './keyIndex';

describe('KeyIndex (a bitset per table over keys numbered once)', () => {
  it('answers like a scan of the table, through pushes, replacements and edits behind its back', () => {
    const ix = new KeyIndex<{ k: string }>((r) => r.k);
    const owner = {};
    let rows = [{ k: 'a' }, { k: 'b' }];
    const scan = (key: string): boolean => rows.some((r) => r.k === key);
    for (const key of ['a', 'b', 'c']) expect(ix.has(owner, rows, key)).toBe(scan(key));
    const c = { k: 'c' };
    rows.push(c);
    ix.pushed(owner, rows, c);
    expect(ix.has(owner, rows, 'c')).toBe(true);
    // Edited without telling the index: a splice (another length), a new array, a swapped last row.
    rows.splice(0, 1);
    expect(ix.has(owner, rows, 'a')).toBe(false);
    rows = rows.filter((r) => r.k !== 'b');
    expect(ix.has(owner, rows, 'b')).toBe(false);
    rows[rows.length - 1] = { k: 'z' };
    expect(ix.has(owner, rows, 'c')).toBe(false);
    expect(ix.has(owner, rows, 'z')).toBe(true);
  });

  it('keeps tables apart, and grows a table numbered before many keys existed', () => {
    const ix = new KeyIndex<string>((s) => s);
    const a: string[] = ['x'];
    const b: string[] = [];
    expect(ix.has(a, a, 'x')).toBe(true);
    expect(ix.has(b, b, 'x')).toBe(false);
    for (let i = 0; i < 200; i++) {
      const k = `k${i}`;
      b.push(k);
      ix.pushed(b, b, k);
    }
    // a's bitset was sized when one key was numbered; keys numbered since are simply absent.
    expect(ix.has(a, a, 'k199')).toBe(false);
    expect(ix.has(b, b, 'k199')).toBe(true);
    expect(ix.has(b, b, 'x')).toBe(false);
    a.push('k150');
    ix.pushed(a, a, 'k150');
    expect(ix.has(a, a, 'k150')).toBe(true);
  });
});

describe('KeyIndex numbering', () => {
  it('starts its numbering over when full, and every table is still answered right', () => {
    const ix = new KeyIndex<string>((s) => s);
    const small = ['x'];
    expect(ix.has(small, small, 'x')).toBe(true);
    // More distinct keys than one numbering holds (1 << 17), in one table.
    const big = Array.from({ length: 140_000 }, (_, i) => `k${i}`);
    expect(ix.has(big, big, 'k139999')).toBe(true);
    expect(ix.has(big, big, 'x')).toBe(false);
    const more = ['y'];
    for (let i = 0; i < 10; i++) {
      const k = `m${i}`;
      more.push(k);
      ix.pushed(more, more, k);
    }
    expect(ix.has(more, more, 'y')).toBe(true);
    expect(ix.has(small, small, 'x')).toBe(true);
    expect(ix.has(small, small, 'k5')).toBe(false);
    expect(ix.has(big, big, 'k5')).toBe(true);
  });
});
