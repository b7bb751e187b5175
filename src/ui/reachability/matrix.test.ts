import { describe, expect, it } from 'vitest';
import { diffCells, paintFrom, repaint, shortLabel } from './matrix';
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

  it('paints a source row onto pods: verdict, reason and flipped flag; the source and non-pod targets are left out', () => {
    const matrix: Reachability = {
      sources: [{ id: 'default/client', label: 'default/client' }],
      targets: [
        { id: 'pod:default/client', kind: 'pod', label: 'default/client', ip: '10.244.1.2', proto: 'icmp' },
        { id: 'pod:default/web', kind: 'pod', label: 'default/web:80', ip: '10.244.2.2', proto: 'tcp', port: 80 },
        { id: 'pod:default/db', kind: 'pod', label: 'default/db', ip: '10.244.2.3', proto: 'icmp' },
        { id: 'internet', kind: 'outside', label: 'example.com:80', ip: '93.184.215.14', proto: 'tcp', port: 80 },
      ],
      cells: [[{ ok: true, summary: 'itself' }, { ok: true, summary: 'answered by nginx' }, { ok: false, summary: 'no route to host', decidedBy: 'ip route' }, { ok: true, summary: 'x' }]],
      probes: 3,
    };
    expect(paintFrom(matrix, 'default/client', new Set(['default/client→pod:default/db']))).toEqual({
      source: 'default/client',
      namespaces: [],
      pods: { 'default/web': { ok: true, changed: false }, 'default/db': { ok: false, reason: 'no route to host (ip route)', changed: true } },
    });
    expect(paintFrom(matrix, 'default/nobody', new Set())).toBeUndefined();
    // After a change that opens db: repainting marks exactly db as flipped.
    const old = paintFrom(matrix, 'default/client', new Set(), ['default'], 'h1')!;
    const after: Reachability = { ...matrix, cells: [matrix.cells[0].map((c, j) => (j === 2 ? { ok: true, summary: 'delivered and answered' } : c))] };
    expect(repaint(old, after, 'h2')).toEqual({
      source: 'default/client',
      namespaces: ['default'],
      hash: 'h2',
      pods: { 'default/web': { ok: true, changed: false }, 'default/db': { ok: true, changed: true } },
    });
    expect(repaint({ ...old, follow: true }, after, 'h2')?.follow).toBe(true);
  });
});
