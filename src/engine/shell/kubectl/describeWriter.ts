/** What every `kubectl describe` printer shares: the tab writer, times, labels, taints and the Events table. */
import type { KubeEvent, KubeObject, Taint, Toleration } from '../../api/types';
import { LAST_APPLIED } from '../../apiserver/apply';
import { ageOf, type Kctx } from './context';
import { sortEvents } from './printers';
import { tabwrite } from './tabwriter';

/** RFC 1123 with numeric zone, as describe prints times: Mon, 05 Jan 2026 09:00:01 +0000. */
export function rfc1123(iso: string | undefined): string {
  if (!iso) return '<unset>';
  const d = new Date(Date.parse(iso));
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]}, ${String(d.getUTCDate()).padStart(2, '0')} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)} +0000`;
}

export class W {
  lines: string[] = [];
  line(level: number, ...cells: string[]): void {
    this.lines.push('  '.repeat(level) + cells.join('\t'));
  }
  /** A map printed one entry per line, the first beside the title. */
  multi(level: number, title: string, entries: string[]): void {
    if (entries.length === 0) {
      this.line(level, `${title}:`, '<none>');
      return;
    }
    this.line(level, `${title}:`, entries[0]);
    for (const e of entries.slice(1)) this.line(level, '', e);
  }
  text(): string {
    return tabwrite(this.lines.join('\n'));
  }
}

export const labelList = (l: Record<string, string> | undefined): string[] => Object.entries(l ?? {}).sort().map(([k, v]) => `${k}=${v}`);
export const annotationList = (a: Record<string, string> | undefined): string[] =>
  Object.entries(a ?? {})
    .filter(([k]) => k !== LAST_APPLIED)
    .sort()
    .map(([k, v]) => `${k}: ${v}`);

export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

export function tolerationText(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += ' op=Exists';
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s || ' op=Exists';
}

export function events(k: Kctx, obj: KubeObject, w: W): void {
  const evs = sortEvents(
    (k.env.ctx.api.peekAll('Event') as KubeEvent[]).filter(
      (e) => (e.involvedObject.uid && e.involvedObject.uid === obj.metadata.uid) || (!e.involvedObject.uid && e.involvedObject.kind === obj.kind && e.involvedObject.name === obj.metadata.name),
    ),
  );
  if (evs.length === 0) {
    w.line(0, 'Events:', '<none>');
    return;
  }
  w.line(0, 'Events:');
  w.line(1, 'Type', 'Reason', 'Age', 'From', 'Message');
  w.line(1, '----', '------', '----', '----', '-------');
  const now = k.env.ctx.clock.now;
  for (const e of evs) {
    const when = e.count > 1 ? `${ageOf(now, e.lastTimestamp)} (x${e.count} over ${ageOf(now, e.firstTimestamp)})` : ageOf(now, e.firstTimestamp);
    w.line(1, e.type, e.reason, when, e.source.component, e.message);
  }
}
