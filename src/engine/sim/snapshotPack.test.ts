import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation';
import type { PodView, Snapshot } from './snapshot';
import { PACK_PODS, packSnapshot, unpackSnapshot } from './snapshotPack';

/** The default cluster's snapshot with its pods repeated (renamed, some pending) up to `n`. */
function big(n: number): Snapshot {
  const s = Simulation.create().snapshot();
  const pods: PodView[] = [];
  for (let i = 0; i < n; i++) {
    const p = s.pods[i % s.pods.length];
    const name = `${p.name}-${i}`;
    pods.push(i % 3 === 0 ? { ...p, name, id: `${p.namespace}/${name}`, node: undefined, ip: undefined, phase: 'Pending', status: 'Pending', ready: '0/1', hostVeth: undefined, netns: undefined } : { ...p, name, id: `${p.namespace}/${name}`, images: [...p.images, 'busybox:1.36'] });
  }
  return { ...s, pods };
}

describe('packed snapshots', () => {
  it('a big snapshot arrives equal after packing, a structured clone and unpacking', () => {
    const s = big(PACK_PODS + 7);
    const wire = packSnapshot(s);
    expect(wire.pods).toEqual([]);
    expect(wire.packedPods?.name.length).toBe(s.pods.length);
    const back = unpackSnapshot(structuredClone(wire));
    expect(back).toEqual(s);
    expect('packedPods' in back).toBe(false);
    // Every pod has its own images array.
    expect(back.pods[1].images).not.toBe(back.pods[1 + Simulation.create().snapshot().pods.length].images);
  });

  it('sends a small snapshot, or pods with a field it does not know, as they are', () => {
    const small = Simulation.create().snapshot();
    expect(packSnapshot(small)).toBe(small);
    expect(unpackSnapshot(small)).toBe(small);
    const odd = big(PACK_PODS);
    (odd.pods[5] as PodView & { extra?: string }).extra = 'x';
    expect(packSnapshot(odd)).toBe(odd);
    const renamed = big(PACK_PODS);
    renamed.pods[9] = { ...renamed.pods[9], id: 'other/id' };
    expect(packSnapshot(renamed)).toBe(renamed);
  });
});
