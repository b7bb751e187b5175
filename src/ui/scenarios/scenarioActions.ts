/** Ready-made scenarios: list them once, load one (a fresh cluster), and reset the view around it. */
import { getEngine } from '../engineClient';
import { call } from '../actions';
import { DEFAULT_VIEW, useUi, type UiState } from '../store';
import { t } from '../i18n';
import type { Snapshot } from '../../engine/sim/snapshot';
import { defaultDestination, defaultSource, defaultTerminal, errorMessage } from '../model';

let listing: Promise<void> | undefined;

export function ensurePresets(): Promise<void> {
  listing ??= getEngine()
    .presets()
    .then((presets) => useUi.setState({ presets }))
    .catch((e) => {
      listing = undefined;
      useUi.setState({ toast: t('msg.presetsFailed', { error: errorMessage(e) }) });
    });
  return listing;
}

/**
 * A new cluster replaced the old one (a preset, a lesson's start): reset what described the
 * old state — trace, terminal, selection, the #s= link — and keep an open lesson.
 */
export function showFreshCluster(snap: Snapshot, extra: Partial<UiState> = {}): void {
  const from = defaultSource(snap);
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  useUi.setState((s) => ({
    snapshot: snap,
    trace: undefined,
    playing: false,
    yaml: undefined,
    view: { ...DEFAULT_VIEW, lesson: s.view.lesson, terminal: defaultTerminal(snap), panel: s.view.panel === 'lesson' ? 'lesson' : 'trace' },
    traceForm: { from, to: defaultDestination(snap, from) },
    terminal: [],
    termTabs: [defaultTerminal(snap)],
    termEpoch: s.termEpoch + 1,
    editorTab: false,
    netNode: undefined,
    netNs: undefined,
    nodeNet: {},
    presetCard: undefined,
    currentSave: undefined,
    linkNotice: undefined,
    ...extra,
  }));
}

export async function loadPreset(id: string): Promise<void> {
  try {
    const title = useUi.getState().presets?.find((p) => p.id === id)?.title ?? id;
    const r = await call(() => getEngine().loadPreset(id), { key: 'busy.preset', params: { name: title } });
    if (r.error) {
      useUi.setState({ toast: r.error });
      return;
    }
    const info = useUi.getState().presets?.find((p) => p.id === id);
    showFreshCluster(r.snapshot, { presetCard: info?.category === 'broken' ? { id, hint: false } : undefined, toast: t('msg.presetLoaded', { name: info?.title ?? id }) });
  } catch (e) {
    useUi.setState({ toast: t('msg.presetFailed', { error: errorMessage(e) }) });
  }
}
