/** How locate() finds a tile or pod cell the canvas map drew (no DOM element to measure). Set by ClusterMap while it is shown. */
import type { Point } from './locate';

type MapLocator = (node: string | undefined, pod?: string) => Point | undefined;

let current: MapLocator | undefined;

export function setMapLocator(fn: MapLocator | undefined): void {
  current = fn;
}

export function mapLocate(node: string | undefined, pod?: string): Point | undefined {
  return current?.(node, pod);
}
