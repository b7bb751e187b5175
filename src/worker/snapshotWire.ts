/**
 * The worker's answers carry a big snapshot's pods in columns (snapshotPack.ts): a comlink
 * transfer handler packs an answer's `snapshot` on the way out and unpacks it on arrival, so
 * the page decodes the message quickly and gets the same Snapshot as before. Registered on
 * both ends (sim.worker.ts, engineClient.ts).
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import type { Snapshot } from '../engine/sim/snapshot';
import { PACK_PODS, packSnapshot, unpackSnapshot, type WireSnapshot } from '../engine/sim/snapshotPack';

type WithSnapshot = { snapshot: Snapshot };

function hasBigSnapshot(v: unknown): v is WithSnapshot {
  const snap = v !== null && typeof v === 'object' ? (v as { snapshot?: unknown }).snapshot : undefined;
  return snap !== null && typeof snap === 'object' && Array.isArray((snap as Snapshot).pods) && (snap as Snapshot).pods.length >= PACK_PODS;
}

const handler: TransferHandler<WithSnapshot, WithSnapshot> = {
  canHandle: hasBigSnapshot,
  serialize(v) {
    const snapshot = packSnapshot(v.snapshot);
    const c = snapshot.packedPods;
    // The index columns move instead of being copied.
    const moved = c ? [c.namespace, c.node, c.phase, c.status, c.ready, c.app, c.images].map((a) => a.buffer) : [];
    return [{ ...v, snapshot }, moved];
  },
  deserialize: (v) => ({ ...v, snapshot: unpackSnapshot(v.snapshot as WireSnapshot) }),
};

export function registerSnapshotWire(): void {
  transferHandlers.set('snapshot', handler as TransferHandler<unknown, unknown>);
}
