/** Panel sizes (react-resizable-panels layouts, percentages by panel id), remembered in localStorage. */
import type { Layout } from 'react-resizable-panels';
import { write } from './prefs';

const key = (group: string) => `knp.layout.${group}`;

export function loadLayout(group: string, ids: string[]): Layout | undefined {
  try {
    const raw = localStorage.getItem(key(group));
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object') return undefined;
    const layout = parsed as Record<string, unknown>;
    if (!ids.every((id) => typeof layout[id] === 'number' && Number.isFinite(layout[id]))) return undefined;
    return layout as Layout;
  } catch {
    return undefined;
  }
}

export function saveLayout(group: string, layout: Layout): void {
  write(key(group), JSON.stringify(layout));
}
