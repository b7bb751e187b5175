/**
 * The only way the UI reaches the engine: a comlink proxy over the simulation worker.
 * Created lazily so importing this module does not spawn a worker.
 */
import { wrap, type Remote } from 'comlink';
import type { EngineApi } from '../worker/protocol';

let engine: Remote<EngineApi> | undefined;
const errorListeners = new Set<(message: string) => void>();

export function getEngine(): Remote<EngineApi> {
  if (!engine) {
    const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
    // A worker that fails to load never answers comlink: surface it instead of spinning forever.
    worker.addEventListener('error', (e) => {
      const msg = e.message || 'the simulation worker failed to start';
      errorListeners.forEach((l) => l(msg));
    });
    engine = wrap<EngineApi>(worker);
  }
  return engine;
}

export function onEngineError(listener: (message: string) => void): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}
