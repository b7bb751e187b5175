/** A simple terminal: pick a node or pod, type a command, read the output (xterm comes later). */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { patchView, useUi } from '../store';
import { runCommand } from '../actions';
import { promptFor } from '../model';
import { useCommandHistory } from './useCommandHistory';

export function TerminalPanel() {
  const snap = useUi((s) => s.snapshot)!;
  const target = useUi((s) => s.view.terminal) ?? '';
  const entries = useUi((s) => s.terminal);
  const busy = useUi((s) => s.busy > 0);
  const [line, setLine] = useState('');
  const history = useCommandHistory();
  const outRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const el = outRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);

  const submit = () => {
    const cmd = line.trim();
    if (!target) return;
    setLine('');
    if (!cmd) return;
    history.push(cmd);
    void runCommand(target, cmd);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const v = history.move(e.key === 'ArrowUp' ? -1 : 1, line);
      if (v !== undefined) setLine(v);
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      useUi.setState({ terminal: [] });
    }
  };

  return (
    <div className="terminal-panel" data-testid="terminal-panel">
      <div className="terminal-bar">
        <label>
          <span className="field-label">Target</span>
          <select value={target} data-testid="terminal-target" onChange={(e) => patchView({ terminal: e.target.value })}>
            <optgroup label="Nodes">
              {snap.nodes.map((n) => <option key={n.name} value={n.name}>{n.name}</option>)}
            </optgroup>
            <optgroup label="Pods">
              {snap.pods.map((p) => <option key={p.id} value={p.id}>{p.id}</option>)}
            </optgroup>
          </select>
        </label>
        <span className="terminal-hint">
          try <code>kubectl get pods -o wide</code> · <code>ip route</code> · <code>ping -c 1 10.244.2.2</code> · ↑↓ history · Ctrl+L clear
        </span>
      </div>
      <div className="terminal" onClick={() => inputRef.current?.focus()}>
        <div className="terminal-output mono" ref={outRef} data-testid="terminal-output" role="log" aria-live="polite" aria-label="Terminal output">
          {entries.map((e) => (
            <div key={e.id} className="term-entry">
              {e.note ? <div className="term-note">{e.note}</div> : <div className="term-cmd"><span className="prompt">{e.prompt}</span> {e.command}</div>}
              {e.output && <pre className={e.exitCode === 0 ? 'term-out' : 'term-out err'}>{e.output}</pre>}
            </div>
          ))}
        </div>
        <div className="terminal-line mono">
          <label htmlFor="terminal-input" className="prompt">{promptFor(snap, target)}</label>
          <input
            id="terminal-input"
            ref={inputRef}
            className="mono"
            data-testid="terminal-input"
            value={line}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-label={`Command to run on ${target}`}
            aria-busy={busy}
            onChange={(e) => setLine(e.target.value)}
            onKeyDown={onKey}
          />
        </div>
      </div>
    </div>
  );
}
