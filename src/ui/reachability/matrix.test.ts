import { describe, expect, it } from 'vitest';
import { diffCells, shortLabel } from './matrix';
import type { Reachability } from '../../engine/explain/reachability';

const m = (oks: boolean[][]): Reachability => ({
  sources: [{ id: 'default/a', label: 'default/a' }, { id: 'default/b', label: 'default/b' }],
  targets: [
    { id: 'pod:default/a', kind: 'pod', label: 'default/a', ip: '10.244.1.2', proto: 'icmp' },
    { id: 'internet', kind: 'outside', label: 'example.com:80', ip: '93.184.215.14', proto: 'tcp', port: 80 },
  ],
  cells: oks.map((row) => row.map((ok) => ({ ok, summary: ok ? 'delivered and answered' : 'dropped' }))),
  probes: 2,
});

describe('reachability matrix helpers', () => {
  it('marks exactly the cells whose verdict flipped', () => {
    expect(diffCells(undefined, m([[true, true], [true, true]])).size).toBe(0);
    expect([...diffCells(m([[true, true], [true, true]]), m([[true, false], [true, true]]))]).toEqual(['default/a→internet']);
  });

  it('shortens headings: default namespace and ReplicaSet hashes', () => {
    expect(shortLabel('default/web-646cc4455c-6kjrp:80')).toBe('web-…6kjrp:80');
    expect(shortLabel('svc default/web:80')).toBe('svc web:80');
    expect(shortLabel('kube-system/coredns-7db6d8ff4d-abcde')).toBe('kube-system/coredns-…abcde');
  });
});
