import { describe, expect, it } from 'vitest';
import { chartGeometry } from './chart';

describe('replica chart geometry', () => {
  const samples = [
    { t: 15_000, replicas: 3, desired: 3, cpu: null, target: 50 },
    { t: 30_000, replicas: 3, desired: 7, cpu: 111, target: 50 },
    { t: 45_000, replicas: 7, desired: 7, cpu: 48, target: 50 },
  ];
  it('draws replicas as steps up to now and leaves CPU blank before metrics exist', () => {
    const g = chartGeometry(samples, 10, 50, 75_000, 400, 120);
    expect(g.x.domain()).toEqual([15_000, 75_000]);
    expect(g.replicasY.domain()).toEqual([0, 10]);
    expect(g.cpuY(0)).toBe(100);
    // three samples and "now": a step path with horizontal then vertical segments
    expect(g.replicasPath.startsWith(`M${g.x(15_000)},${g.replicasY(3)}`)).toBe(true);
    expect(g.replicasPath.endsWith(`${g.x(75_000)},${g.replicasY(7)}`)).toBe(true);
    expect(g.cpuPath.startsWith(`M${g.x(30_000)},`)).toBe(true);
  });
});
