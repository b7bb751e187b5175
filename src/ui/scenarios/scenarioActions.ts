/** Ready-made scenarios: list them once, load one (a fresh cluster), and reset the view around it. */
import { getEngine } from '../engineClient';
import { call } from '../actions';
import { DEFAULT_VIEW, useUi } from '../store';
import { defaultDestination, defaultSource, defaultTerminal, errorMessage } from '../model';

let listing: Promise<void> | undefined;

export function ensurePresets(): Promise<void> {
  listing ??= getEngine()
    .presets()
    .then((presets) => useUi.setState({ presets }))
    .catch((e) => {
      listing = undefined;
      useUi.setState({ toast: `Could not list the scenarios: ${errorMessage(e)}` });
    });
  return listing;
}

export async function loadPreset(id: string): Promise<void> {
  try {
    const r = await call(() => getEngine().loadPreset(id));
    if (r.error) {
      useUi.setState({ toast: r.error });
      return;
    }
    const snap = r.snapshot;
    const from = defaultSource(snap);
    const info = useUi.getState().presets?.find((p) => p.id === id);
    // The old URL described the old state: drop it so a reload does not bring it back.
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    useUi.setState((s) => ({
      snapshot: snap,
      trace: undefined,
      playing: false,
      yaml: undefined,
      view: { ...DEFAULT_VIEW, lesson: s.view.lesson, terminal: defaultTerminal(snap), panel: s.view.panel === 'lesson' ? 'lesson' : 'trace' },
      traceForm: { from, to: defaultDestination(snap, from) },
      terminal: [],
      netNode: undefined,
      netNs: undefined,
      nodeNet: {},
      presetCard: info?.category === 'broken' ? { id, hint: false } : undefined,
      toast: `Loaded “${info?.title ?? id}”`,
    }));
  } catch (e) {
    useUi.setState({ toast: `Could not load the scenario: ${errorMessage(e)}` });
  }
}
