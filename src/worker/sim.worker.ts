/// <reference lib="webworker" />
/** The Web Worker entry: the engine runs here, off the main thread, behind comlink. */
import { expose } from 'comlink';
import { EngineHost } from './engine';

expose(new EngineHost());
