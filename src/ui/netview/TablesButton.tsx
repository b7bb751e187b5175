/** Shows a namespace's routes and neighbours in the tables beside the diagram (the keyboard path to it). */
import type { MouseEvent } from 'react';
import { useT } from '../i18n';

export function TablesButton({ label, focused, onClick }: { label: string; focused: boolean; onClick: () => void }) {
  const t = useT();
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    onClick();
  };
  return (
    <button type="button" className={`nn-tables-btn ${focused ? 'on' : ''}`} aria-pressed={focused} aria-label={t('nn.tablesLabel', { label })} title={t('nn.tablesTitle')} onClick={click}>
      <span aria-hidden="true">{focused ? '◉' : '○'}</span> {t('nn.tables')}
    </button>
  );
}
