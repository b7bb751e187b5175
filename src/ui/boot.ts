/**
 * The first script the page runs (its own small entry in index.html): spawns the simulation
 * worker and starts the first load while the browser still downloads and parses the app's main
 * bundle, so the worker's start-up and the main thread's overlap. It asks for exactly what
 * actions.ts start() will ask for (the link, the autosave, or the default scenario); start()'s
 * identical call then takes this answer instead of asking again.
 */
import { prefetch } from './engineClient';
import { embedMode, readAutosave } from './scenarios/storage';

const fragment = location.hash.slice(1);
const saved = fragment !== '' || embedMode() ? undefined : readAutosave();
if (saved) prefetch('restore', [saved.fragment]);
else prefetch('load', [fragment]);
