/**
 * The shareable URL: `#s=1.<base64url(deflate(JSON))>`. The JSON holds the scenario (or
 * nothing when it is the default one), the action log and the view. The leading version
 * number lets later releases migrate old links.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { canonicalJson } from '../sim/hash';
import { defaultScenario } from './defaults';
import type { Action, Scenario } from './types';
import { validateActions, validateScenario } from './validate';
import { SELECTED_KINDS, type SelectedKind, type ViewState } from './view';

export const URL_VERSION = 1;
export const MAX_FRAGMENT_CHARS = 200_000;
const MAX_JSON_BYTES = 2_000_000;

export interface SharedState {
  scenario: Scenario;
  actions: Action[];
  view?: ViewState;
}

interface PayloadV1 {
  v: 1;
  scenario?: Scenario;
  actions: Action[];
  view?: ViewState;
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link contains characters that are not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new Error('the link is not valid base64url (was it cut off?)');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function encodeState(state: SharedState): string {
  const isDefault = canonicalJson(state.scenario) === canonicalJson(defaultScenario());
  const payload: PayloadV1 = { v: 1, actions: state.actions, view: state.view };
  if (!isDefault) payload.scenario = state.scenario;
  return `s=${URL_VERSION}.${toBase64Url(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 }))}`;
}

/** Inflates, stopping as soon as the output passes `max` bytes (a tiny link must not unpack to gigabytes). */
function inflateCapped(data: Uint8Array, max: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > max) throw new Error(`the link unpacks to more than ${max} bytes; the limit is ${max}`);
    chunks.push(chunk);
    if (final) done = true;
  });
  // Feed in small pieces so the size check runs long before a bomb is fully expanded.
  const step = 1024;
  for (let i = 0; i < data.length; i += step) inflater.push(data.subarray(i, i + step), i + step >= data.length);
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  if (!done) throw new Error('truncated');
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Decodes a fragment (with or without '#'); throws an Error whose message names the problem. */
export function decodeState(fragment: string): SharedState {
  const f = fragment.replace(/^#/, '');
  if (f.length > MAX_FRAGMENT_CHARS) throw new Error(`the link is ${f.length} characters long; the limit is ${MAX_FRAGMENT_CHARS}`);
  const params = new URLSearchParams(f);
  const s = params.get('s');
  if (s === null) throw new Error('the link has no scenario (expected #s=...)');
  const m = /^(\d+)\.(.*)$/s.exec(s);
  if (!m) throw new Error('the link has no version number (expected #s=1.…)');
  const version = Number(m[1]);
  if (version > URL_VERSION) throw new Error(`the link was made by a newer version of the playground (format ${version}; this one reads up to ${URL_VERSION})`);
  if (version < 1) throw new Error(`unknown link format ${version}`);
  let json: string;
  try {
    json = strFromU8(inflateCapped(fromBase64Url(m[2]), MAX_JSON_BYTES));
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(msg.includes('base64') || msg.includes('unpacks') ? msg : 'the link is damaged: its compressed data cannot be read (was it cut off or edited?)', { cause: e });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new Error('the link is damaged: its content is not valid JSON');
  }
  return migrate(payload);
}

/** Brings any known payload version to the current shape (only v1 exists so far). */
function migrate(payload: unknown): SharedState {
  if (typeof payload !== 'object' || payload === null || (payload as { v?: unknown }).v !== 1) {
    throw new Error('the link content has an unknown format version');
  }
  const p = payload as Partial<PayloadV1>;
  const scenario = p.scenario === undefined ? defaultScenario() : validateScenario(p.scenario);
  const actions = validateActions(p.actions ?? []);
  return { scenario, actions, view: sanitizeView(p.view) };
}

/** Keeps only well-formed view fields; a bad view is dropped, not fatal. */
function sanitizeView(v: unknown): ViewState | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const str = (x: unknown): x is string => typeof x === 'string' && x.length <= 253;
  const view: ViewState = { panel: o.panel === 'terminal' || o.panel === 'lesson' || o.panel === 'editor' ? o.panel : 'trace' };
  const sel = o.selected as Record<string, unknown> | undefined;
  // Route and rule ids carry a line of text, so they may be longer than a name.
  if (sel && SELECTED_KINDS.includes(sel.kind as SelectedKind) && typeof sel.id === 'string' && sel.id.length > 0 && sel.id.length <= 1000) view.selected = { kind: sel.kind as SelectedKind, id: sel.id };
  const tr = o.trace as Record<string, unknown> | undefined;
  if (tr && str(tr.from) && str(tr.to) && Number.isInteger(tr.step) && (tr.step as number) >= 0) view.trace = { from: tr.from, to: tr.to, step: tr.step as number };
  const le = o.lesson as Record<string, unknown> | undefined;
  if (le && str(le.id) && Number.isInteger(le.step) && (le.step as number) >= 0) view.lesson = { id: le.id, step: le.step as number };
  if (str(o.terminal)) view.terminal = o.terminal;
  if (o.canvas === 'cluster' || o.canvas === 'services' || o.canvas === 'node-network' || o.canvas === 'overlay' || o.canvas === 'control-plane' || o.canvas === 'compare' || o.canvas === 'reach' || o.canvas === 'scale' || o.canvas === 'capture') view.canvas = o.canvas;
  if (str(o.machine)) view.machine = o.machine;
  return view;
}
