/** A link with commands the learner did not make: say what it ran (scenario, commands). */
import { useUi } from '../store';

export function LinkNotice() {
  const n = useUi((s) => s.linkNotice);
  if (!n) return null;
  return (
    <div className="banner info" role="status" data-testid="link-notice">
      <span className="banner-icon" aria-hidden="true">i</span>
      <div className="banner-text">
        This link opened the scenario “{n.scenarioName}”{n.preset ? ` (${n.preset})` : ''} and replayed {n.count} {n.count === 1 ? 'action' : 'actions'} someone else made.
        <details>
          <summary>Show them</summary>
          <ol className="mono link-actions">
            {n.lines.map((l, i) => <li key={i}>{l}</li>)}
            {n.count > n.lines.length && <li>… and {n.count - n.lines.length} more</li>}
          </ol>
        </details>
      </div>
      <button type="button" className="btn ghost" aria-label="Dismiss" data-testid="link-notice-dismiss" onClick={() => useUi.setState({ linkNotice: undefined })}>
        ✕
      </button>
    </div>
  );
}
