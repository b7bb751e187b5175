/** Shows a namespace's routes and neighbours in the tables beside the diagram (the keyboard path to it). */
import type { MouseEvent } from 'react';

export function TablesButton({ label, focused, onClick }: { label: string; focused: boolean; onClick: () => void }) {
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    onClick();
  };
  return (
    <button type="button" className={`nn-tables-btn ${focused ? 'on' : ''}`} aria-pressed={focused} aria-label={`Tables: Show the routes and neighbours of ${label}`} title="Show its routes and neighbours beside" onClick={click}>
      <span aria-hidden="true">{focused ? '◉' : '○'}</span> tables
    </button>
  );
}
