import { describe, expect, it } from 'vitest';
import { lineDiff } from './lineDiff';

describe('lineDiff', () => {
  it('keeps common lines and marks what only one side has', () => {
    expect(lineDiff(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd'])).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: ' ', text: 'c' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'd' },
    ]);
    expect(lineDiff([], ['a'])).toEqual([{ op: '+', text: 'a' }]);
    expect(lineDiff(['a'], [])).toEqual([{ op: '-', text: 'a' }]);
    expect(lineDiff(['same'], ['same'])).toEqual([{ op: ' ', text: 'same' }]);
  });

  it('compares by a key when asked (counters ignored)', () => {
    const strip = (l: string): string => l.replace(/\[\d+:\d+\]/, '');
    expect(lineDiff([':FORWARD ACCEPT [5:300]'], [':FORWARD ACCEPT [0:0]'], strip)).toEqual([{ op: ' ', text: ':FORWARD ACCEPT [5:300]', other: ':FORWARD ACCEPT [0:0]' }]);
  });
});
