/**
 * The first script the page runs (its own small entry in the built page, vite.config.ts): spawns
 * the simulation worker and starts the first load while the browser still downloads and parses
 * the main bundle. It asks for exactly what actions.ts start() will ask for (the link, the
 * autosave, or the default scenario); start()'s identical call takes this answer. A fresh visit
 * (the default cluster) is answered at once from the snapshot baked into the build; the worker's
 * own answer replaces it when it comes (App.tsx, onLateAnswer).
 */
import first from 'virtual:first-load';
import { prefetch } from './engineClient';
import { embedMode, readAutosave } from './scenarios/storage';

const fragment = location.hash.slice(1);
const saved = fragment !== '' || embedMode() ? undefined : readAutosave();
if (saved) prefetch('restore', [saved.fragment]);
else prefetch('load', [fragment], fragment === '' && first ? first : undefined);
