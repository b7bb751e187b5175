/** A titled list of tool output lines (ip route, ip neigh, bridge fdb), one row each. */
import { DecidedMark } from './DecidedMark';

/** `onSelect`: the rows are buttons that show the line in the inspector; `isSelected` marks the one shown. */
export function LineList({ command, lines, testId, rowTestId, isDecided, empty, onSelect, isSelected }: { command: string; lines: string[]; testId: string; rowTestId: string; isDecided: (line: string) => boolean; empty: string; onSelect?: (line: string) => void; isSelected?: (line: string) => boolean }) {
  return (
    <section className="nn-block" data-testid={testId}>
      <h3 className="nn-cmd mono"><span className="prompt-sign" aria-hidden="true">#</span> {command}</h3>
      {lines.length === 0 ? (
        <p className="nn-empty">{empty}</p>
      ) : (
        <ul className="nn-lines mono">
          {lines.map((l, i) => {
            const on = isDecided(l);
            return (
              <li key={`${i}:${l}`} className={on ? 'is-decided' : undefined} data-testid={rowTestId} data-decided={on || undefined}>
                <DecidedMark on={on} />
                {onSelect ? (
                  <button type="button" className={`nn-line-text nn-row-btn ${isSelected?.(l) ? 'selected' : ''}`} aria-pressed={!!isSelected?.(l)} onClick={() => onSelect(l)}>{l}</button>
                ) : (
                  <span className="nn-line-text">{l}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
