import { describe, expect, it } from 'vitest';
import type { CaptureRow } from '../../engine/sim/captureView';
import { ENCAP_H, filterRows, offsets, ROW_H, visibleRange } from './model';

const row = (seq: number, ifname = 'eth0', encap = false): CaptureRow => ({
  seq, us: seq, time: '', ifname, dir: 'Out', layer: 'l3', proto: 'ICMP', src: 'a', dst: 'b', summary: '',
  ...(encap ? { inner: { layer: 'l3', proto: 'ICMP', src: 'c', dst: 'd', summary: '' } } : {}),
});

describe('capture list windowing', () => {
  it('gives each row its top (an encapsulated row is two lines high) and renders only the rows in view', () => {
    const rows = Array.from({ length: 500 }, (_, i) => row(i + 1, i % 2 ? 'cni0' : 'eth0', i % 10 === 0));
    const { tops, height } = offsets(rows);
    expect(tops.slice(0, 3)).toEqual([0, ENCAP_H, ENCAP_H + ROW_H]);
    expect(height).toBe(450 * ROW_H + 50 * ENCAP_H);
    const [from, to] = visibleRange(tops, height, 2000, 400, 0);
    expect(tops[from]).toBeLessThanOrEqual(2000);
    expect(tops[from + 1]).toBeGreaterThan(2000);
    expect(tops[to - 1]).toBeLessThan(2400);
    expect(to - from).toBeLessThan(25);
    expect(visibleRange(tops, height, 0, 400)).toEqual([0, expect.any(Number)]);
    expect(visibleRange([], 0, 0, 400)).toEqual([0, 0]);
  });

  it('filters by interface', () => {
    expect(filterRows([row(1), row(2, 'cni0')], 'cni0').map((r) => r.seq)).toEqual([2]);
    expect(filterRows([row(1), row(2, 'cni0')], '')).toHaveLength(2);
  });
});
