import { describe, expect, it } from 'vitest';
import { buildReport, isSkipped, resultFileName } from './report';
import { guarded, median, percentile, round, skipped } from './stats';
import { machine } from './machine';

describe('bench statistics', () => {
  it('interpolates percentiles between closest ranks, whatever the input order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBe(48);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([5, 1], 0)).toBe(1);
    expect(percentile([5, 1], 100)).toBe(5);
    expect(() => percentile([], 50)).toThrow('percentile of no values');
    expect(() => percentile([1], 101)).toThrow('percentile 101 is not between 0 and 100');
    expect(round(16.66666, 2)).toBe(16.67);
  });

  it('turns a failing measurement into {"skipped": reason}', async () => {
    expect(await guarded(() => 3)).toBe(3);
    expect(await guarded(() => {
      throw new Error('no Chromium\nstack');
    })).toEqual({ skipped: 'failed: no Chromium' });
    expect(isSkipped(skipped('x'))).toBe(true);
    expect(isSkipped({ medianMs: 1 })).toBe(false);
  });
});

describe('bench report', () => {
  it('has the machine, the scale, every section and the targets, and survives JSON', () => {
    const startedAt = new Date('2026-11-24T05:00:00.123Z');
    const r = buildReport({ startedAt, wallSeconds: 12.5, scale: 0.01, machine: machine(), engine: { scheduling: skipped('not selected') }, ui: { firstRenderMs: 900 } });
    expect(Object.keys(r)).toEqual(['benchmark', 'startedAt', 'wallSeconds', 'scale', 'machine', 'engine', 'ui', 'targets']);
    expect(Object.keys(r.machine)).toEqual(['cpuModel', 'cores', 'memoryGiB', 'platform', 'arch', 'node']);
    expect(r.machine.cores).toBeGreaterThan(0);
    expect(r.machine.node).toBe(process.version);
    expect(r.startedAt).toBe('2026-11-24T05:00:00.123Z');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(resultFileName(startedAt)).toBe('bench-results/2026-11-24T05-00-00-123Z.json');
  });
});
