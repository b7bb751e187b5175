/**
 * Everything that talks to the worker. Each action calls the engine, then writes the answer
 * into the store in one setState so panels never see half an update.
 */
import type { SelectedKind, ViewState } from '../engine/scenario/view';
import { getEngine, onEngineError, onEngineHung, onEngineProgress, type HangInfo } from './engineClient';
import { DEFAULT_VIEW, useUi, type TermEntry, type Work } from './store';
import { t } from './i18n';
import type { LoadResult } from '../worker/protocol';
import { clearAutosave, MAX_SAVED, readAutosave, writeSavedList } from './scenarios/storage';
import { rememberLink } from './scenarios/persist';
import { defaultDestination, defaultSource, defaultTerminal, errorMessage, promptFor } from './model';
import { restoredTabs } from './terminal/tabs';

const LOAD_TIMEOUT_MS = 30_000;
let nextTermId = 1;

/** Ids for terminal entries, unique for the session. */
export function termId(): number {
  return nextTermId++;
}

let nextWorkId = 1;

/**
 * Runs an engine call, counted in `busy`. A call that can take seconds (a big scenario, an undo
 * replaying the log) passes what it does, e.g. `{ key: 'busy.undo' }`: the busy indicator shows it.
 */
export async function call<T>(fn: () => Promise<T>, work?: Omit<Work, 'id'>): Promise<T> {
  const id = work ? nextWorkId++ : 0;
  useUi.setState((s) => ({ busy: s.busy + 1, work: work ? [...s.work, { ...work, id }] : s.work }));
  try {
    return await fn();
  } finally {
    useUi.setState((s) => ({ busy: s.busy - 1, work: id ? s.work.filter((w) => w.id !== id) : s.work }));
  }
}

function fail(message: string): void {
  useUi.setState({ status: 'failed', fatal: message });
}

/** Startup: the state in the URL (or the default scenario), with its view and trace. */
export async function start(): Promise<void> {
  onEngineError((msg) => {
    if (useUi.getState().status === 'loading') fail(msg);
  });
  onEngineHung((info) => void recoverFromHang(info));
  const arm = (): ReturnType<typeof setTimeout> =>
    setTimeout(() => {
      if (useUi.getState().status === 'loading') fail(t('msg.noAnswer', { s: LOAD_TIMEOUT_MS / 1000 }));
    }, LOAD_TIMEOUT_MS);
  let timer = arm();
  // A big cluster boots for longer than that: each progress report is an answer of sorts.
  const stopProgress = onEngineProgress((p) => {
    if (!p) return;
    clearTimeout(timer);
    timer = arm();
  });
  try {
    const r = await call(() => loadAtStart());
    const view: ViewState = { ...DEFAULT_VIEW, ...r.view };
    if (r.trace && !view.trace) view.trace = { from: r.trace.src, to: r.trace.dst, step: 0 };
    if (!view.terminal) view.terminal = defaultTerminal(r.snapshot);
    const from = view.trace?.from ?? defaultSource(r.snapshot);
    // Known before the first autosave runs (setting the snapshot starts one): that save must see
    // the state still is the link's, or it drops the link from the address bar at once.
    if (location.hash.includes('s=')) await rememberLink();
    useUi.setState({
      status: 'ready',
      snapshot: r.snapshot,
      trace: r.trace,
      view: r.trace ? view : { ...view, trace: undefined },
      urlError: r.error,
      termTabs: restoredTabs(r.snapshot, view.terminal),
      traceForm: { from, to: view.trace?.to ?? defaultDestination(r.snapshot, from) },
      lessonDrawer: !!view.lesson || view.panel === 'lesson',
      canvas: view.canvas ?? 'cluster',
      netNode: view.machine,
    });
    if (view.selected) void refreshYaml();
    useUi.setState({ history: await getEngine().history() });
  } catch (e) {
    fail(errorMessage(e));
  } finally {
    clearTimeout(timer);
    stopProgress();
  }
}

/**
 * What to open: the link in the URL (its log summarised in a notice when it holds actions),
 * else the autosave (a reload loses nothing; an embed never reads or writes it), else the default.
 */
async function loadAtStart(): Promise<LoadResult> {
  const fragment = location.hash.slice(1);
  const embed = useUi.getState().embed;
  if (fragment !== '' || embed) {
    if (fragment.includes('s=') && !embed) {
      try {
        // Loaded on demand: decoding validates the log, which needs engine code the main bundle leaves out.
        const [{ decodeState }, { summarizeState }] = await Promise.all([import('../engine/scenario/url'), import('../engine/scenario/summary')]);
        const summary = summarizeState(decodeState(fragment));
        if (summary.count > 0) useUi.setState({ linkNotice: summary });
      } catch {
        // load() below reports what is wrong with the link
      }
      keepAutosaveBeforeLink(fragment);
    }
    return getEngine().load(fragment);
  }
  const saved = readAutosave();
  if (!saved) return getEngine().load('');
  const r = await getEngine().restore(saved.fragment);
  if (r.error) {
    clearAutosave();
    const d = await getEngine().load('');
    return { ...d, error: t('msg.autosaveLost', { error: r.error }) };
  }
  if (saved.name && useUi.getState().savedList.some((e) => e.name === saved.name)) useUi.setState({ currentSave: saved.name });
  // A lesson is reopened from the lesson list (its progress is kept separately), not from the autosave.
  const view = r.view ? { ...r.view, lesson: undefined, panel: r.view.panel === 'lesson' ? ('trace' as const) : r.view.panel } : undefined;
  return { ...r, view };
}

/** What a hung call was doing, in the learner's words: the command line, the trace, or the action. */
function describeCall({ method, args }: HangInfo): string {
  if (method === 'exec') return `${String(args[0])}: ${String(args[1])}`;
  if (method === 'trace') return `trace ${String(args[0])} → ${String(args[1])}`;
  if (method === 'apply') return 'kubectl apply';
  return method;
}

/**
 * The worker was terminated because it stopped answering: a fresh one restores the autosave
 * (written after every action, so it holds the state from before the hung one), or the default.
 */
async function recoverFromHang(info: HangInfo): Promise<void> {
  if (useUi.getState().status !== 'ready') {
    fail(t('msg.noAnswer', { s: Math.round(info.afterMs / 1000) }));
    return;
  }
  const message = t(info.stalled ? 'banner.engineStalled' : 'banner.engineRestarted', { what: describeCall(info), seconds: Math.round(info.afterMs / 1000) });
  try {
    const saved = readAutosave();
    let r = saved ? await getEngine().restore(saved.fragment) : await getEngine().load('');
    if (r.error) r = await getEngine().load('');
    useUi.setState((s) => ({ snapshot: r.snapshot, trace: r.trace, playing: false, view: r.trace ? s.view : { ...s.view, trace: undefined }, engineRestarted: message }));
    useUi.setState({ history: await getEngine().history() });
    void refreshYaml();
  } catch (e) {
    fail(t('msg.restartFailed', { message, error: errorMessage(e) }));
  }
}

/** Opening a link replaces the autosave: keep unsaved work in the saved list first. */
function keepAutosaveBeforeLink(fragment: string): void {
  const saved = readAutosave();
  if (!saved || saved.name || saved.fragment === fragment) return;
  const list = useUi.getState().savedList;
  if (list.some((e) => e.fragment === saved.fragment)) return;
  const name = `Before opening a link (${new Date().toISOString().slice(0, 16).replace('T', ' ')})`;
  const next = [{ name, fragment: saved.fragment, savedAt: Date.now() }, ...list.filter((e) => e.name !== name)].slice(0, MAX_SAVED);
  writeSavedList(next);
  useUi.setState({ savedList: next });
}

/** Runs a command; the entry goes into the transcript. `origin` names the terminal session that typed it. */
export async function runCommand(target: string, command: string, origin?: number): Promise<TermEntry> {
  const prompt = promptFor(useUi.getState().snapshot, target);
  let entry: TermEntry;
  try {
    const r = await call(() => getEngine().exec(target, command));
    entry = { id: termId(), target, prompt, command, output: r.output, exitCode: r.exitCode, origin };
    useUi.setState({ snapshot: r.snapshot });
  } catch (e) {
    entry = { id: termId(), target, prompt, command, output: `error: ${errorMessage(e)}`, exitCode: 1, origin };
  }
  useUi.setState((s) => ({ terminal: [...s.terminal.slice(-199), entry] }));
  void refreshYaml();
  return entry;
}

/** Runs a command without adding it to the transcript or, when read-only, to the log (each refresh of `watch`). */
export async function execQuiet(target: string, command: string): Promise<{ output: string; exitCode: number }> {
  try {
    const r = await getEngine().peek(target, command);
    useUi.setState({ snapshot: r.snapshot });
    return { output: r.output, exitCode: r.exitCode };
  } catch (e) {
    return { output: `error: ${errorMessage(e)}`, exitCode: 1 };
  }
}

export async function runTrace(from: string, to: string, opts: { proto?: 'icmp' | 'tcp' | 'udp'; port?: number } = {}): Promise<void> {
  try {
    const r = await call(() => getEngine().trace(from, to, opts.proto && opts.proto !== 'icmp' ? opts : {}), { key: 'busy.trace', params: { from, to } });
    useUi.setState((s) => ({
      snapshot: r.snapshot,
      trace: r.trace,
      playing: false,
      view: { ...s.view, trace: { from, to, step: 0 } },
    }));
  } catch (e) {
    useUi.setState({ toast: t('trace.failed', { error: errorMessage(e) }) });
  }
}

export function select(kind: SelectedKind, id: string): void {
  useUi.setState((s) => ({ view: { ...s.view, selected: { kind, id } } }));
  void refreshYaml();
}

/** Loads the YAML of the selected object; a late answer for an old selection is dropped. */
export async function refreshYaml(): Promise<void> {
  const { view, snapshot } = useUi.getState();
  const sel = view.selected;
  if (!sel || !snapshot) return;
  const key = `${sel.kind}:${sel.id}:${snapshot.hash}`;
  if (useUi.getState().yaml?.key === key) return;
  // Parts of a machine's network (interfaces, routes, rules) are not API objects: no YAML to fetch.
  if (sel.kind !== 'pod' && sel.kind !== 'node' && sel.kind !== 'service') return;
  const [ns, name] = sel.kind !== 'node' ? splitPodId(sel.id) : [undefined, sel.id];
  const kind = sel.kind === 'pod' ? 'Pod' : sel.kind === 'service' ? 'Service' : 'Node';
  let text: string;
  try {
    text = await call(() => getEngine().yaml(kind, ns, name));
  } catch (e) {
    text = `# ${errorMessage(e)}`;
  }
  const cur = useUi.getState();
  if (cur.view.selected?.id === sel.id && cur.view.selected.kind === sel.kind) useUi.setState({ yaml: { key, text } });
}

function splitPodId(id: string): [string, string] {
  const i = id.indexOf('/');
  return i < 0 ? ['default', id] : [id.slice(0, i), id.slice(i + 1)];
}

export async function copyLink(): Promise<void> {
  try {
    const s = useUi.getState();
    // The canvas and the machine on screen travel with the link too.
    const frag = await call(() => getEngine().shareFragment({ ...s.view, canvas: s.canvas, machine: s.netNode }));
    const hash = frag.startsWith('s=') ? `#${frag}` : `#s=${frag}`;
    history.replaceState(null, '', hash);
    await rememberLink();
    let toast = t('toast.linkCopied');
    try {
      await navigator.clipboard.writeText(location.href);
    } catch {
      toast = t('toast.linkInBar');
    }
    useUi.setState({ toast });
  } catch (e) {
    useUi.setState({ toast: t('msg.linkFailed', { error: errorMessage(e) }) });
  }
}
