/**
 * The Node network and Overlay views read `nodeNetwork(node)` from the worker. Every action
 * that can change the network (exec, trace, show me, apply, load, preset) sends a new
 * snapshot, so a view is refetched whenever the snapshot it describes is not the current one.
 * The last answer stays on screen while the next one is on its way.
 */
import { useEffect } from 'react';
import type { NodeNetworkView, Snapshot } from '../../engine/sim/snapshot';
import { getEngine } from '../engineClient';
import { useUi } from '../store';
import { errorMessage } from '../model';
import { t } from '../i18n';

const inFlight = new Map<string, Snapshot>();

async function fetchNodeNetwork(node: string, snap: Snapshot): Promise<void> {
  if (inFlight.get(node) === snap) return;
  inFlight.set(node, snap);
  try {
    const view = await getEngine().nodeNetwork(node);
    useUi.setState((s) => ({ nodeNet: { ...s.nodeNet, [node]: { view, snap } }, nodeNetError: undefined }));
  } catch (e) {
    useUi.setState({ nodeNetError: t('nn.readFailed', { node, error: errorMessage(e) }) });
  } finally {
    if (inFlight.get(node) === snap) inFlight.delete(node);
  }
}

/** The network of each machine named, kept current with the snapshot. */
export function useNodeNetworks(nodes: string[]): Record<string, NodeNetworkView | undefined> {
  const snap = useUi((s) => s.snapshot);
  const cache = useUi((s) => s.nodeNet);
  const key = nodes.join(',');
  useEffect(() => {
    if (!snap) return;
    for (const n of key.split(',')) if (n && cache[n]?.snap !== snap) void fetchNodeNetwork(n, snap);
  }, [key, snap, cache]);
  const out: Record<string, NodeNetworkView | undefined> = {};
  for (const n of nodes) out[n] = cache[n]?.view;
  return out;
}

export function useNodeNetwork(node: string): { view?: NodeNetworkView; stale: boolean } {
  const views = useNodeNetworks(node ? [node] : []);
  const stale = useUi((s) => !!node && s.nodeNet[node]?.snap !== s.snapshot);
  return { view: views[node], stale };
}
