/**
 * Keeps the previous React Flow node object when a rebuilt node would look the same, so a new
 * snapshot (one arrives after every action, four a second while time plays) re-renders only
 * the nodes whose pods or facts changed. Compared field by field, stopping at the first
 * difference: a node tile holds thousands of pods, and building a string key of them all for
 * every snapshot was a large part of the update that brings them.
 */
import { useMemo, useRef } from 'react';
import type { Node } from '@xyflow/react';
import type { NodeView, PodView } from '../../engine/sim/snapshot';

/** The pod fields a card, a tile or a heatmap cell draws. */
function samePod(a: PodView, b: PodView): boolean {
  return a === b || (a.id === b.id && a.phase === b.phase && a.status === b.status && a.ready === b.ready && a.ip === b.ip && a.node === b.node && a.app === b.app && a.hostVeth === b.hostVeth);
}

function samePods(a: PodView[] | undefined, b: PodView[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!samePod(a[i], b[i])) return false;
  return true;
}

type Parts = { pods?: PodView[]; node?: NodeView } & Record<string, unknown>;

/** Whether two builds of a node draw the same: position, size, and its data (pods by their drawn fields). */
export function sameNode(a: Node, b: Node): boolean {
  if (a.type !== b.type || a.position.x !== b.position.x || a.position.y !== b.position.y || a.width !== b.width || a.height !== b.height) return false;
  const { pods: podsA, node: nodeA, ...restA } = a.data as Parts;
  const { pods: podsB, node: nodeB, ...restB } = b.data as Parts;
  // The cheap parts first: a changed count ends the comparison before any pod is looked at.
  if ((podsA === undefined) !== (podsB === undefined) || (podsA && podsB && podsA.length !== podsB.length)) return false;
  if (JSON.stringify(restA) !== JSON.stringify(restB) || JSON.stringify(nodeA) !== JSON.stringify(nodeB)) return false;
  return samePods(podsA, podsB);
}

export function useStableNodes(nodes: Node[]): Node[] {
  const prev = useRef(new Map<string, Node>());
  return useMemo(() => {
    const next = new Map<string, Node>();
    const out = nodes.map((n) => {
      const old = prev.current.get(n.id);
      const keep = old && sameNode(old, n) ? old : n;
      next.set(n.id, keep);
      return keep;
    });
    prev.current = next;
    return out;
  }, [nodes]);
}
