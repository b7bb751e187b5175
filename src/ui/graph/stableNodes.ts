/**
 * Keeps the previous React Flow node object when a rebuilt node would look the same, so a new
 * snapshot (one arrives after every action, four a second while time plays) re-renders only
 * the nodes whose pods or facts changed. Compared by a fingerprint of what the card draws.
 */
import { useMemo, useRef } from 'react';
import type { Node } from '@xyflow/react';
import type { NodeView, PodView } from '../../engine/sim/snapshot';

function podKey(p: PodView): string {
  return `${p.id}\u0001${p.phase}\u0001${p.status}\u0001${p.ready}\u0001${p.ip ?? ''}\u0001${p.node ?? ''}\u0001${p.app ?? ''}\u0001${p.hostVeth ?? ''}`;
}

/** What a node's drawing depends on: position, size, and its data (pods by their drawn fields). */
export function fingerprint(n: Node): string {
  const { pods, node, ...rest } = n.data as { pods?: PodView[]; node?: NodeView } & Record<string, unknown>;
  const head = `${n.type}|${n.position.x},${n.position.y}|${n.width}x${n.height}|${JSON.stringify(rest)}|${node ? JSON.stringify(node) : ''}`;
  return pods ? `${head}|${pods.map(podKey).join('\u0002')}` : head;
}

export function useStableNodes(nodes: Node[]): Node[] {
  const prev = useRef(new Map<string, { key: string; node: Node }>());
  return useMemo(() => {
    const next = new Map<string, { key: string; node: Node }>();
    const out = nodes.map((n) => {
      const key = fingerprint(n);
      const old = prev.current.get(n.id);
      const keep = old && old.key === key ? old.node : n;
      next.set(n.id, { key, node: keep });
      return keep;
    });
    prev.current = next;
    return out;
  }, [nodes]);
}
