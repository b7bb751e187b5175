/** Terminal tabs: which targets are open and which is in front (view.terminal). */
import type { Snapshot } from '../../engine/sim/snapshot';
import { patchView, useUi, type UiState } from '../store';

/**
 * The tabs of a restored state (a reload, a saved state): the one in front, and for each
 * `kubectl run -it` session still open the tab kubectl runs in and the pod's shell, as before.
 */
export function restoredTabs(snapshot: Pick<Snapshot, 'attached'> | undefined, terminal: string | undefined): string[] {
  const sessions = (snapshot?.attached ?? []).flatMap((a) => [a.from, a.pod]);
  return [...new Set([...sessions, ...(terminal ? [terminal] : [])])];
}

/** The open tabs, including the target in front even when it was set without opening a tab. */
export function openTabs(s: Pick<UiState, 'termTabs' | 'view'>): string[] {
  const active = s.view.terminal;
  return active && !s.termTabs.includes(active) ? [...s.termTabs, active] : s.termTabs;
}

/** Closes a tab; the one to its left (or the first) comes to the front. The last tab stays. */
export function closeTab(target: string): void {
  const s = useUi.getState();
  const tabs = openTabs(s);
  const i = tabs.indexOf(target);
  const rest = tabs.filter((x) => x !== target);
  if (!rest.length) return;
  useUi.setState({ termTabs: rest });
  if (s.view.terminal === target) patchView({ terminal: rest[Math.max(0, i - 1)] });
}
