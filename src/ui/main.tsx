import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/palette.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/graph.css';
import './styles/panels.css';
import './styles/trace.css';
import './styles/lesson.css';
import './styles/scenarios.css';
import './styles/layout.css';
import './styles/terminal.css';
import './styles/editor.css';
import './styles/persist.css';
import './styles/compare.css';
import './styles/reach.css';
import './styles/cpui.css';
import './styles/why.css';
import { App } from './App';
import { start } from './actions';
import { initPrefs } from './prefs/actions';
import { onUndoKey, startAutosave } from './scenarios/persist';
import { getEngine } from './engineClient';

initPrefs();
const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
startAutosave();
window.addEventListener('keydown', onUndoKey);
void start();

// The built app works offline after its first load (src/offline/serviceWorker.ts).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('./sw.js').catch(() => undefined));
}

// End-to-end tests that shorten the watchdog (`?watchdog=MS`) may reach the engine to hang it.
if (new URLSearchParams(location.search).has('watchdog')) (window as unknown as { playgroundEngine: unknown }).playgroundEngine = getEngine();
