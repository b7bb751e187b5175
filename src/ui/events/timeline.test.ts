import { describe, expect, it } from 'vitest';
import { filterEvents, namespacesOf, selectionOf, tickLabel, timeScale } from './timeline';
import type { EventRow } from '../../worker/protocol';

const ev = (p: Partial<EventRow>): EventRow => ({ namespace: 'default', name: 'x.1', lastSeen: '5s', type: 'Normal', reason: 'Scheduled', object: 'pod/x', involved: { kind: 'Pod', namespace: 'default', name: 'x' }, message: '', count: 1, first: 0, last: 0, source: 'default-scheduler', ...p });

describe('events timeline', () => {
  it('maps simulated time from boot to now onto the width', () => {
    const x = timeScale(400_000, 828, 14);
    expect(x(0)).toBe(14);
    expect(x(400_000)).toBe(814);
    expect(x(200_000)).toBe(414);
    // A fresh cluster still gets a 10 s axis.
    expect(timeScale(2000, 100, 0).domain()).toEqual([0, 10_000]);
  });

  it('labels ticks as kubectl writes ages', () => {
    expect([0, 45_000, 60_000, 400_000].map(tickLabel)).toEqual(['0s', '45s', '1m', '6m40s']);
  });

  it('filters by namespace and type and knows what a click selects', () => {
    const rows = [ev({ name: 'a' }), ev({ name: 'b', type: 'Warning', namespace: 'kube-system' }), ev({ name: 'c', involved: { kind: 'Node', name: 'node-1' }, object: 'node/node-1' })];
    expect(filterEvents(rows, { namespace: '', type: 'Warning' }).map((e) => e.name)).toEqual(['b']);
    expect(filterEvents(rows, { namespace: 'default', type: '' }).map((e) => e.name)).toEqual(['a', 'c']);
    expect(namespacesOf(rows)).toEqual(['default', 'kube-system']);
    expect(selectionOf(rows[0])).toEqual({ kind: 'pod', id: 'default/x' });
    expect(selectionOf(rows[2])).toEqual({ kind: 'node', id: 'node-1' });
    expect(selectionOf(ev({ involved: { kind: 'ReplicaSet', namespace: 'default', name: 'web-1' } }))).toBeUndefined();
  });
});
