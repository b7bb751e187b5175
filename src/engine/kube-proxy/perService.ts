/**
 * What makes a sync O(Services) instead of O(Services²): slices found by service through an
 * index, and each Service's share of the ruleset reused while the Service object and its
 * EndpointSlice objects are the same ones (the apiserver's cache replaces an object on every
 * write, so identity means "unchanged"). The output is exactly what a full rebuild gives.
 */
import type { EndpointSlice, Service } from '../api/types';

/** Slices by namespace/service-name, per slice list: a sync asks once per service port, so a scan each time would be O(services²). */
const sliceIndex = new WeakMap<readonly EndpointSlice[], { length: number; index: Map<string, EndpointSlice[]> }>();

export function slicesOf(svc: Service, slices: readonly EndpointSlice[]): EndpointSlice[] {
  let cached = sliceIndex.get(slices);
  // The engine passes a fresh list per sync; a list grown since it was indexed is indexed again.
  if (cached?.length !== slices.length) {
    const index = new Map<string, EndpointSlice[]>();
    for (const s of slices) {
      const name = s.metadata.labels?.['kubernetes.io/service-name'];
      if (name === undefined) continue;
      const key = `${s.metadata.namespace}/${name}`;
      const list = index.get(key);
      if (list) list.push(s);
      else index.set(key, [s]);
    }
    sliceIndex.set(slices, (cached = { length: slices.length, index }));
  }
  return cached.index.get(`${svc.metadata.namespace}/${svc.metadata.name}`) ?? [];
}

export type PerServiceCache<T> = WeakMap<Service, Map<string, { slices: EndpointSlice[]; value: T }>>;

/**
 * `build()` for this Service, or the value it gave last time for the same Service object, the
 * same slice objects and the same `key` (everything else the value depends on).
 */
export function perService<T>(cache: PerServiceCache<T>, svc: Service, input: { slices: readonly EndpointSlice[] }, key: string, build: () => T): T {
  const slices = slicesOf(svc, input.slices);
  let byKey = cache.get(svc);
  const hit = byKey?.get(key);
  if (hit && hit.slices.length === slices.length && hit.slices.every((s, i) => s === slices[i])) return hit.value;
  const value = build();
  if (!byKey) cache.set(svc, (byKey = new Map()));
  byKey.set(key, { slices, value });
  return value;
}
