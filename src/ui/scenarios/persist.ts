/**
 * Scenarios that travel, on the UI side: undo/redo, the autosave after every action, the list
 * of named saves, and scenario files (download, upload, export to kind).
 */
import { getEngine } from '../engineClient';
import { call, refreshYaml } from '../actions';
import { useUi, type SavedEntry } from '../store';
import { t } from '../i18n';
import { defaultDestination, defaultSource, errorMessage } from '../model';
import { describeAction } from '../../engine/scenario/summary';
import type { HistoryResult, LoadResult } from '../../worker/protocol';
import type { ViewState } from '../../engine/scenario/view';
import { showFreshCluster } from './scenarioActions';
import { MAX_SAVED, writeAutosave, writeSavedList } from './storage';
import { restoredTabs } from '../terminal/tabs';

const AUTOSAVE_DELAY_MS = 250;

/** The view as a link carries it (with the canvas and the machine on screen). */
export function currentView(): ViewState {
  const s = useUi.getState();
  return { ...s.view, canvas: s.canvas, machine: s.netNode };
}

// ---- undo / redo ----

function showHistory(r: HistoryResult, kind: 'undo' | 'redo'): void {
  const a = r.action;
  if (!a) {
    useUi.setState({ history: r.history, toast: t(kind === 'undo' ? 'msg.nothingToUndo' : 'msg.nothingToRedo') });
    return;
  }
  useUi.setState((s) => {
    const patch: Partial<typeof s> = {
      snapshot: r.snapshot,
      history: r.history,
      toast: t(kind === 'undo' ? 'msg.undone' : 'msg.redone', { what: describeAction(a) }),
    };
    if (a.type === 'trace') {
      if (kind === 'undo') {
        patch.trace = undefined;
        patch.playing = false;
        patch.view = { ...s.view, trace: undefined };
      } else if (r.trace) {
        patch.trace = r.trace;
        patch.playing = false;
        patch.view = { ...s.view, trace: { from: a.from, to: a.to, step: 0 } };
      }
    }
    return patch;
  });
  void refreshYaml();
}

export async function undo(): Promise<void> {
  try {
    showHistory(await call(() => getEngine().undo(), { key: 'busy.undo' }), 'undo');
  } catch (e) {
    useUi.setState({ toast: t('msg.undoFailed', { error: errorMessage(e) }) });
  }
}

export async function redo(): Promise<void> {
  try {
    showHistory(await call(() => getEngine().redo(), { key: 'busy.redo' }), 'redo');
  } catch (e) {
    useUi.setState({ toast: t('msg.redoFailed', { error: errorMessage(e) }) });
  }
}

/** Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (or Ctrl+Y), except while typing in the terminal, the editor or a field. */
export function onUndoKey(e: KeyboardEvent): void {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const key = e.key.toLowerCase();
  if (key !== 'z' && key !== 'y') return;
  const target = e.target as Element | null;
  if (target?.closest?.('input, textarea, select, [contenteditable="true"], .xterm, .cm-editor, .terminal')) return;
  e.preventDefault();
  if (key === 'y' || e.shiftKey) void redo();
  else void undo();
}

// ---- autosave ----

let timer: ReturnType<typeof setTimeout> | undefined;
/** The view-neutral fragment of the state a `#s=` link holds: once the log moves on, the link in the bar is stale. */
let linkKey: string | undefined;
const NEUTRAL_VIEW: ViewState = { panel: 'trace' };

/** Call when the address bar got a link for the current state (opened or copied). */
export function rememberLink(): Promise<void> {
  const known = getEngine()
    .shareFragment(NEUTRAL_VIEW)
    .then((key) => {
      linkKey = key;
    });
  linkReady = known.catch(() => undefined);
  return known;
}
/** The link being remembered: an autosave waits for it before it decides the link is stale. */
let linkReady: Promise<void> = Promise.resolve();

async function autosaveNow(): Promise<void> {
  const s = useUi.getState();
  if (s.embed || s.status !== 'ready' || !s.snapshot) return;
  try {
    const engine = getEngine();
    const [history, fragment, key] = await Promise.all([engine.history(), engine.shareFragment(currentView()), engine.shareFragment(NEUTRAL_VIEW)]);
    const cur = useUi.getState();
    const ok = writeAutosave({ fragment, name: cur.currentSave });
    let savedList = cur.savedList;
    if (cur.currentSave && ok) {
      savedList = savedList.map((e) => (e.name === cur.currentSave ? { ...e, fragment, savedAt: Date.now() } : e));
      writeSavedList(savedList);
    }
    // The link in the address bar no longer describes the state: drop it so a reload restores the autosave.
    await linkReady;
    if (location.hash.includes('s=') && key !== linkKey) dropLinkFromBar();
    useUi.setState({ history, saved: ok ? 'saved' : 'failed', savedList });
  } catch {
    useUi.setState({ saved: 'failed' });
  }
}

function dropLinkFromBar(): void {
  window.history.replaceState(null, '', location.pathname + location.search);
}

/** Saves (debounced) whenever the engine sends a new snapshot or the view changes. */
export function startAutosave(): () => void {
  return useUi.subscribe((s, prev) => {
    if (s.embed || s.status !== 'ready') return;
    if (s.snapshot === prev.snapshot && s.view === prev.view && s.canvas === prev.canvas && s.netNode === prev.netNode) return;
    clearTimeout(timer);
    if (s.snapshot !== prev.snapshot) {
      // A new state (an action): save at once, so even a reload right after it loses nothing.
      timer = undefined;
      if (s.saved !== 'saving') useUi.setState({ saved: 'saving' });
      pending = autosaveNow();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      pending = autosaveNow();
    }, AUTOSAVE_DELAY_MS);
  });
}

let pending: Promise<void> | undefined;

/** Finishes any autosave under way (before switching to another saved state). */
export async function flushAutosave(): Promise<void> {
  if (timer !== undefined) {
    clearTimeout(timer);
    timer = undefined;
    pending = autosaveNow();
  }
  await pending;
}

// ---- loading a whole state (restore, saved list, upload) ----

/** Shows a state the worker just loaded: fresh terminal and trace, the view it came with. */
export function showLoaded(r: LoadResult, extra: Parameters<typeof showFreshCluster>[1] = {}): void {
  const view = r.view;
  const trace = r.trace;
  const from = view?.trace?.from ?? defaultSource(r.snapshot);
  showFreshCluster(r.snapshot, {
    trace,
    view: {
      panel: view?.panel === 'terminal' ? 'terminal' : 'trace',
      selected: view?.selected,
      terminal: view?.terminal ?? useUi.getState().view.terminal,
      trace: trace ? (view?.trace ?? { from: trace.src, to: trace.dst, step: 0 }) : undefined,
    },
    traceForm: { from, to: view?.trace?.to ?? defaultDestination(r.snapshot, from) },
    canvas: view?.canvas ?? 'cluster',
    netNode: view?.machine,
    currentSave: undefined,
    ...extra,
  });
  const v = useUi.getState().view;
  useUi.setState({ termTabs: restoredTabs(r.snapshot, v.terminal) });
  if (v.selected) void refreshYaml();
}

// ---- named saves ----

function putList(list: SavedEntry[]): void {
  writeSavedList(list);
  useUi.setState({ savedList: list });
}

export async function saveAs(rawName: string): Promise<void> {
  const name = rawName.trim().slice(0, 80);
  if (!name) {
    useUi.setState({ toast: t('msg.nameFirst') });
    return;
  }
  try {
    await flushAutosave();
    const fragment = await call(() => getEngine().shareFragment(currentView()));
    const rest = useUi.getState().savedList.filter((e) => e.name !== name);
    if (rest.length >= MAX_SAVED) {
      useUi.setState({ toast: t('msg.tooMany', { n: MAX_SAVED }) });
      return;
    }
    putList([{ name, fragment, savedAt: Date.now() }, ...rest]);
    useUi.setState({ currentSave: name, toast: t('msg.savedAs', { name }) });
    writeAutosave({ fragment, name });
  } catch (e) {
    useUi.setState({ toast: t('msg.saveFailed', { error: errorMessage(e) }) });
  }
}

export async function openSaved(name: string): Promise<void> {
  await flushAutosave();
  const entry = useUi.getState().savedList.find((e) => e.name === name);
  if (!entry) return;
  try {
    const r = await call(() => getEngine().restore(entry.fragment), { key: 'busy.restore', params: { name } });
    if (r.error) {
      useUi.setState({ toast: t('msg.openError', { name, error: r.error }) });
      return;
    }
    showLoaded(r, { currentSave: name, toast: t('msg.opened', { name }) });
  } catch (e) {
    useUi.setState({ toast: t('msg.openFailed', { name, error: errorMessage(e) }) });
  }
}

export function deleteSaved(name: string): void {
  putList(useUi.getState().savedList.filter((e) => e.name !== name));
  if (useUi.getState().currentSave === name) useUi.setState({ currentSave: undefined });
}

// ---- files ----

function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function downloadScenario(format: 'json' | 'yaml'): Promise<void> {
  try {
    const f = await call(() => getEngine().exportFile(format), { key: 'busy.export' });
    downloadText(f.text, f.fileName, format === 'json' ? 'application/json' : 'application/yaml');
  } catch (e) {
    useUi.setState({ toast: t('msg.fileFailed', { error: errorMessage(e) }) });
  }
}

export async function downloadKind(): Promise<void> {
  try {
    const f = await call(() => getEngine().exportKind(), { key: 'busy.export' });
    downloadText(f.text, f.fileName, 'text/x-shellscript');
  } catch (e) {
    useUi.setState({ toast: t('msg.exportFailed', { error: errorMessage(e) }) });
  }
}

export const MAX_UPLOAD_BYTES = 2_000_000;

/** Loads a scenario file; a bad file leaves the current state as it is and says why. */
export async function uploadScenario(file: File): Promise<void> {
  if (file.size > MAX_UPLOAD_BYTES) {
    useUi.setState({ urlError: t('msg.tooBig', { file: file.name, size: file.size, limit: MAX_UPLOAD_BYTES }) });
    return;
  }
  try {
    const text = await file.text();
    const r = await call(() => getEngine().loadFile(text, file.name), { key: 'busy.file', params: { file: file.name } });
    if (r.error) {
      useUi.setState({ urlError: t('msg.fileBad', { error: r.error }) });
      return;
    }
    showLoaded(r, { toast: t('msg.fileLoaded', { file: file.name }), urlError: undefined });
    useUi.setState({ importNotes: r.notes });
  } catch (e) {
    useUi.setState({ urlError: t('msg.fileBad', { error: errorMessage(e) }) });
  }
}
