/**
 * Where a trace step sits on screen, from the rendered DOM (so pan, zoom and CSS layout are
 * all accounted for), in coordinates relative to the graph container.
 */
import type { TraceStep } from '../../engine/net/trace';
import type { Snapshot } from '../../engine/sim/snapshot';
import { chipFor, isOutsideSegment } from './traceFocus';
import { outerEnds } from './wire';
import { mapLocate } from './mapLocator';

export interface Point {
  x: number;
  y: number;
}

function byTestId(root: HTMLElement, id: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(id)}"]`);
}

function center(root: HTMLElement, el: Element): Point {
  const r = el.getBoundingClientRect();
  const c = root.getBoundingClientRect();
  return { x: r.left + r.width / 2 - c.left, y: r.top + r.height / 2 - c.top };
}

export function locate(root: HTMLElement, step: TraceStep, snap: Snapshot | undefined): Point | undefined {
  const { kind, id } = step.at;
  if (kind === 'pod') {
    const name = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
    // A pod card; on a tile, the pod's heatmap cell; failing that, its node's tile.
    const node = snap?.pods.find((p) => p.id === id)?.node;
    const el = byTestId(root, `pod-${name}`) ?? byTestId(root, `cell-${name}`) ?? (node ? byTestId(root, `node-${node}`)?.querySelector('.node-head') : null);
    return el ? center(root, el) : mapLocate(node, id);
  }
  if (kind === 'node') {
    const chip = chipFor(step.device);
    const el = (chip && byTestId(root, `dev-${id}-${chip}`)) || byTestId(root, `node-${id}`)?.querySelector('.node-head');
    if (el) return center(root, el);
    const onMap = mapLocate(id);
    if (onMap) return onMap;
    // Not a cluster node (the router, the internet): the way out at the end of the underlay.
    const ext = snap?.nodes.some((n) => n.name === id) ? null : byTestId(root, 'external');
    return ext ? center(root, ext) : undefined;
  }
  // On the uplink (router ⇄ internet): the way out at the end of the underlay.
  const ext = byTestId(root, 'external');
  if (isOutsideSegment(snap, id)) return ext ? center(root, ext) : undefined;
  // On the wire: on the underlay bar, between the two machines the (outer) header connects.
  const bar = byTestId(root, 'underlay');
  if (!bar) return undefined;
  const c = center(root, bar);
  const ends = outerEnds(snap, step.after.ip.src, step.after.ip.dst);
  const a = ends && byTestId(root, `dev-${ends[0]}-eth0`);
  const b = ends && byTestId(root, `dev-${ends[1]}-eth0`);
  const tileA = ends && !a && byTestId(root, `node-${ends[0]}`);
  const tileB = ends && !b && byTestId(root, `node-${ends[1]}`);
  if (a && b) c.x = (center(root, a).x + center(root, b).x) / 2;
  else if ((tileA && tileB) || (ends && !a && !b && mapLocate(ends[0]) && mapLocate(ends[1]))) {
    // Tiles have no eth0 chips: the packet is on the wire between the two tiles.
    const pa = tileA ? center(root, tileA) : mapLocate(ends![0])!;
    const pb = tileB ? center(root, tileB) : mapLocate(ends![1])!;
    return { x: (pa.x + pb.x) / 2, y: (pa.y + pb.y) / 2 };
  } else if (ext) {
    // To or from outside the cluster: between this node's eth0 and the gateway marker.
    const ip = step.after.ip;
    const node = snap?.nodes.find((n) => n.internalIP === ip.src || n.internalIP === ip.dst)?.name ?? step.host;
    const dev = byTestId(root, `dev-${node}-eth0`);
    if (dev) c.x = (center(root, dev).x + center(root, ext).x) / 2;
  }
  return c;
}
