/**
 * One terminal tab: an xterm.js instance bound to a target (a node, or namespace/pod), with
 * a line editor, history, completion, Ctrl-C, `clear`, `watch` and `kubectl exec -it` into a
 * new tab. The xterm lives in its own element, so it survives React re-renders and tab switches.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { useUi, patchView, type TermEntry } from '../store';
import { execQuiet, runCommand, termId } from '../actions';
import { closeTab, openTabs } from './tabs';
import { formatClock, promptFor } from '../model';
import { t } from '../i18n';
import { LineEditor } from './lineEditor';
import { History } from './history';
import { commonPrefix, complete } from './complete';
import { intercept } from './intercept';
import { ansiPrompt, columns, crlf } from './prompt';
import { XTERM_THEMES } from './xtermTheme';

let nextSessionId = 1;

/** The tab kubectl runs in when this pod tab is a `kubectl run -it` session (the engine keeps them: they survive a reload). */
function attachedFrom(pod: string): string | undefined {
  return useUi.getState().snapshot?.attached?.find((a) => a.pod === pod)?.from;
}

export class Session {
  readonly id = nextSessionId++;
  readonly element: HTMLDivElement;
  private readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private readonly editor = new LineEditor();
  private readonly history = new History();
  /** Token of the command in flight; Ctrl-C drops it. */
  private running?: number;
  private watchTimer?: ReturnType<typeof setTimeout>;
  private lastTab = false;
  private lastSeen = 0;
  private epoch: number;
  private readonly unsubscribe: () => void;

  constructor(readonly target: string) {
    this.element = document.createElement('div');
    this.element.className = 'xterm-host';
    this.term = new Terminal({
      fontFamily: "ui-monospace, 'SFMono-Regular', 'JetBrains Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
      fontSize: 12.5,
      lineHeight: 1.15,
      cursorBlink: !matchMedia('(prefers-reduced-motion: reduce)').matches,
      cursorInactiveStyle: 'outline',
      scrollback: 5000,
      theme: XTERM_THEMES[useUi.getState().theme],
      allowProposedApi: false,
    });
    this.term.loadAddon(this.fitAddon);
    this.term.open(this.element);
    this.term.textarea?.setAttribute('aria-label', t('terminal.inputLabel', { target }));
    this.term.onData((d) => this.onData(d));
    this.epoch = useUi.getState().termEpoch;
    this.replay();
    this.unsubscribe = useUi.subscribe((s, prev) => {
      if (s.theme !== prev.theme) this.term.options.theme = XTERM_THEMES[s.theme];
      if (s.termEpoch !== this.epoch) {
        this.epoch = s.termEpoch;
        this.stopWatch();
        this.running = undefined;
        this.term.reset();
        this.editor.reset();
        this.writePrompt();
      } else if (s.terminal !== prev.terminal) this.printForeign(s.terminal);
    });
  }

  /** Shows the session in a container (moving its element there) and sizes it. */
  attach(container: HTMLElement, active: boolean): void {
    if (this.element.parentElement !== container) container.appendChild(this.element);
    this.element.hidden = !active;
    if (active) this.element.setAttribute('data-testid', 'terminal-session');
    else this.element.removeAttribute('data-testid');
    const ta = this.term.textarea;
    if (ta) {
      if (active) ta.setAttribute('data-testid', 'terminal-input');
      else ta.removeAttribute('data-testid');
    }
    if (active) this.fit();
  }

  fit(): void {
    if (this.element.hidden || !this.element.isConnected || this.element.clientWidth === 0) return;
    try {
      this.fitAddon.fit();
    } catch {
      // not laid out yet
    }
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.stopWatch();
    this.unsubscribe();
    this.term.dispose();
    this.element.remove();
  }

  private get prompt(): string {
    return ansiPrompt(promptFor(useUi.getState().snapshot, this.target));
  }

  private writePrompt(): void {
    this.term.write(this.prompt);
    this.syncLine();
  }

  private syncLine(): void {
    this.element.dataset.line = this.editor.line;
  }

  /** A new tab shows what already ran on its target (e.g. a lesson's "Show me"). */
  private replay(): void {
    const entries = useUi.getState().terminal;
    for (const e of entries) if (e.target === this.target) this.printEntry(e, true);
    this.lastSeen = entries.length ? entries[entries.length - 1].id : 0;
    // A pod tab brought back (a reload, a saved state) whose pod is gone: say so instead of a shell that silently fails.
    const snap = useUi.getState().snapshot;
    if (snap && this.target.includes('/') && !snap.pods.some((p) => p.id === this.target)) this.term.write(`\x1b[2m${t('terminal.podGone', { pod: this.target })}\x1b[0m\r\n`);
    this.writePrompt();
  }

  /** Entries that did not come from this tab (a lesson's "Show me"): printed above the prompt. */
  private printForeign(entries: TermEntry[]): void {
    const fresh = entries.filter((e) => e.id > this.lastSeen);
    if (!fresh.length) return;
    this.lastSeen = fresh[fresh.length - 1].id;
    const mine = fresh.filter((e) => e.target === this.target && e.origin !== this.id);
    if (!mine.length) return;
    const idle = this.running === undefined && !this.watchTimer;
    if (idle) this.term.write('\r\x1b[K');
    for (const e of mine) this.printEntry(e, true);
    if (idle) {
      this.writePrompt();
      this.term.write(this.editor.render());
    }
  }

  private printEntry(e: TermEntry, withCommand: boolean): void {
    if (e.note) this.term.write(`\x1b[3;33m# ${e.note}\x1b[0m\r\n`);
    else if (withCommand && !e.continued) this.term.write(`${ansiPrompt(e.prompt)}${e.command}\r\n`);
    if (e.output) this.term.write(crlf(e.output.endsWith('\n') ? e.output : `${e.output}\n`));
  }

  private onData(data: string): void {
    if (this.watchTimer !== undefined || this.running !== undefined) {
      if (data.includes('\x03')) this.interrupt();
      return;
    }
    const r = this.editor.feed(data);
    if (r.echo) this.term.write(r.echo);
    for (const ev of r.events) {
      if (ev.type !== 'complete') this.lastTab = false;
      switch (ev.type) {
        case 'submit':
          this.term.write('\r\n');
          this.editor.reset();
          this.submit(ev.line);
          break;
        case 'interrupt':
          this.term.write('^C\r\n');
          this.editor.reset();
          this.writePrompt();
          break;
        case 'clear':
          this.clearScreen();
          break;
        case 'eof':
          this.submit('exit');
          break;
        case 'history': {
          const v = this.history.move(ev.delta, this.editor.line);
          if (v !== undefined) this.term.write(this.editor.replace(v));
          break;
        }
        case 'complete':
          this.complete();
          break;
      }
    }
    this.syncLine();
  }

  private interrupt(): void {
    if (this.watchTimer !== undefined) {
      this.stopWatch();
      this.term.write('\x1b[?1049l');
    } else {
      this.term.write('^C\r\n');
    }
    this.running = undefined;
    this.writePrompt();
  }

  private clearScreen(): void {
    this.term.clear();
    this.term.write('\r\x1b[K');
    this.writePrompt();
    this.term.write(this.editor.render());
    // The screen-reader transcript of this tab is cleared too.
    useUi.setState((s) => ({ terminal: s.terminal.filter((e) => e.target !== this.target) }));
  }

  private submit(line: string): void {
    const cmd = line.trim();
    if (!cmd) return this.writePrompt();
    this.history.push(cmd);
    const action = intercept(cmd);
    switch (action.kind) {
      case 'clear':
        this.term.clear();
        this.term.write('\x1b[2K\r');
        useUi.setState((s) => ({ terminal: s.terminal.filter((e) => e.target !== this.target) }));
        return this.writePrompt();
      case 'exit':
        return void this.exit();
      case 'exec-shell':
        return this.execShell(action.pod, cmd);
      case 'run-attach':
        return void this.runAttach(action.pod, action.command);
      case 'watch':
        return this.startWatch(action.command, action.seconds);
      case 'engine':
        return void this.run(action.command);
    }
  }

  private async run(command: string): Promise<void> {
    const token = Date.now() + Math.random();
    this.running = token;
    const entry = await runCommand(this.target, command, this.id);
    if (this.running !== token) return; // interrupted with Ctrl-C
    this.running = undefined;
    this.printEntry(entry, false);
    this.writePrompt();
  }

  private execShell(pod: string, cmd: string): void {
    const snap = useUi.getState().snapshot;
    const node = snap?.nodes.find((n) => n.name === this.target);
    // kubectl answers as it would (not found, not on this machine): let the engine say it.
    if (!snap?.pods.some((p) => p.id === pod) || node?.role !== 'control-plane') return void this.run(cmd);
    this.term.write(`\x1b[2m${t('terminal.openedTab', { pod })}\x1b[0m\r\n`);
    this.writePrompt();
    patchView({ terminal: pod, panel: 'terminal' });
  }

  /** `kubectl run -it`: the engine creates the pod and waits for it; an interactive shell then gets a tab. */
  private async runAttach(pod: string, command: string): Promise<void> {
    const token = Date.now() + Math.random();
    this.running = token;
    const entry = await runCommand(this.target, command, this.id);
    if (this.running !== token) return;
    this.running = undefined;
    this.printEntry(entry, false);
    const running = useUi.getState().snapshot?.pods.find((p) => p.id === pod)?.phase === 'Running';
    // A command (not a shell) already ran and printed its output: no session to open.
    if (entry.exitCode !== 0 || !running || !/^(If you don't see a command prompt, try pressing enter\.)?\s*$/.test(entry.output)) return this.writePrompt();
    this.term.write(`\x1b[2m${t('terminal.openedTab', { pod })}\x1b[0m\r\n`);
    this.writePrompt();
    patchView({ terminal: pod, panel: 'terminal' });
  }

  private async exit(): Promise<void> {
    const opener = attachedFrom(this.target);
    if (opener) {
      // The shell's stdin closes: kubectl (in the opener's tab) ends the session, deleting the pod with --rm.
      const r = await runCommand(this.target, 'exit', this.id);
      if (r.output) useUi.setState((s) => ({ terminal: [...s.terminal.slice(-199), { id: termId(), target: opener, prompt: '', command: '', output: r.output, exitCode: r.exitCode, continued: true }] }));
      closeTab(this.target);
      patchView({ terminal: opener });
      return;
    }
    if (openTabs(useUi.getState()).length <= 1) {
      this.term.write(`${this.target.includes('/') ? '' : 'logout\r\n'}`);
      return this.writePrompt();
    }
    closeTab(this.target);
  }

  private startWatch(command: string, seconds: number): void {
    this.term.write('\x1b[?1049h');
    const tick = async () => {
      const r = await execQuiet(this.target, command);
      if (this.watchTimer === undefined) return;
      const time = formatClock(useUi.getState().snapshot?.time ?? 0);
      const head = `Every ${seconds.toFixed(1)}s: ${command}`;
      const right = `${this.target}: sim ${time}`;
      const pad = Math.max(1, this.term.cols - head.length - right.length);
      this.term.write(`\x1b[H\x1b[2J${head}${' '.repeat(pad)}${right}\r\n\r\n${crlf(r.output)}`);
      this.watchTimer = setTimeout(() => void tick(), seconds * 1000);
    };
    this.watchTimer = setTimeout(() => void tick(), 0);
    // The transcript records the watch once, for screen readers.
    useUi.setState((s) => ({
      terminal: [...s.terminal.slice(-199), { id: termId(), target: this.target, prompt: promptFor(s.snapshot, this.target), command: `watch ${command}`, output: t('terminal.watchNote'), exitCode: 0, origin: this.id }],
    }));
  }

  private stopWatch(): void {
    if (this.watchTimer !== undefined) clearTimeout(this.watchTimer);
    this.watchTimer = undefined;
  }

  private complete(): void {
    const snap = useUi.getState().snapshot;
    const before = this.editor.line.slice(0, this.editor.cursor);
    const c = complete(before, { pods: snap?.pods ?? [], nodes: snap?.nodes.map((n) => n.name) ?? [] });
    const again = this.lastTab;
    this.lastTab = true;
    if (c.candidates.length === 0) return;
    if (c.candidates.length === 1) {
      const rest = c.candidates[0].slice(c.word.length);
      this.term.write(this.editor.insert(/[/=]$/.test(c.candidates[0]) ? rest : `${rest} `));
      this.lastTab = false;
      return;
    }
    const prefix = commonPrefix(c.candidates);
    if (prefix.length > c.word.length) {
      this.term.write(this.editor.insert(prefix.slice(c.word.length)));
      return;
    }
    if (!again) return;
    this.term.write(`\r\n${columns(c.candidates, this.term.cols)}\r\n`);
    this.writePrompt();
    this.term.write(this.editor.render());
  }
}
