/// <reference lib="webworker" />
/** The Web Worker entry: the engine runs here, off the main thread, behind comlink. */
import { expose } from 'comlink';
import { EngineHost } from './engine';
import { setProgressSink } from '../engine/sim/progress';
import type { ProgressMessage } from './protocol';
import { registerSnapshotWire } from './snapshotWire';

// Long calls report progress to the page while they run (the worker cannot answer before it is done).
setProgressSink((progress) => self.postMessage({ type: 'engine-progress', progress } satisfies ProgressMessage));

// A big snapshot's pods go to the page in columns (snapshotWire.ts).
registerSnapshotWire();
expose(new EngineHost());
