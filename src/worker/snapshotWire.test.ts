import { describe, expect, it } from 'vitest';
import { transferHandlers } from 'comlink';
import { Simulation } from '../engine/sim/simulation';
import type { PodView } from '../engine/sim/snapshot';
import { PACK_PODS } from '../engine/sim/snapshotPack';
import { registerSnapshotWire } from './snapshotWire';

describe('the snapshot transfer handler', () => {
  registerSnapshotWire();
  const h = transferHandlers.get('snapshot')!;

  it('takes answers with a big snapshot and gives back an equal answer after a structured clone', () => {
    const s = Simulation.create().snapshot();
    const pods: PodView[] = Array.from({ length: PACK_PODS }, (_, i) => ({ ...s.pods[i % s.pods.length], name: `p-${i}`, id: `${s.pods[i % s.pods.length].namespace}/p-${i}` }));
    const answer = { snapshot: { ...s, pods }, output: 'deployment.apps/bench created', exitCode: 0 };
    expect(h.canHandle({ snapshot: s, output: '' })).toBe(false);
    expect(h.canHandle('text')).toBe(false);
    expect(h.canHandle(answer)).toBe(true);
    const [wire, moved] = h.serialize(answer);
    expect(moved.length).toBe(7);
    expect(h.deserialize(structuredClone(wire, { transfer: moved }))).toEqual(answer);
  });
});
