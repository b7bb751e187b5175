/** Hosts the xterm.js sessions (one per tab, kept alive while the tab is open); code-split. */
import { useEffect, useRef } from 'react';
import '@xterm/xterm/css/xterm.css';
import { Session } from './session';

const sessions = new Map<string, Session>();

export default function XtermView({ tabs, active, visible }: { tabs: string[]; active: string; visible: boolean }) {
  const hostRef = useRef<HTMLDivElement>(null);

  // Create sessions for new tabs, drop closed ones, show the active one.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    for (const [target, s] of sessions) {
      if (!tabs.includes(target)) {
        s.dispose();
        sessions.delete(target);
      }
    }
    for (const target of tabs) {
      let s = sessions.get(target);
      if (!s) {
        s = new Session(target);
        sessions.set(target, s);
      }
      s.attach(host, target === active);
    }
  }, [tabs, active]);

  // Focus the shell when its tab comes to the front.
  useEffect(() => {
    if (!visible) return;
    const s = sessions.get(active);
    s?.fit();
    if (document.activeElement?.closest('.term-tabs, .dock > .tabs, .inspector, .lesson-panel') || document.activeElement === document.body) s?.focus();
  }, [active, visible]);

  // Refit on resize (panel drags, window size).
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const ro = new ResizeObserver(() => sessions.get(active)?.fit());
    ro.observe(host);
    return () => ro.disconnect();
  }, [active]);

  return <div className="xterm-stack" ref={hostRef} data-testid="terminal-screen" onClick={() => sessions.get(active)?.focus()} />;
}
