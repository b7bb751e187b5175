/** Source and destination pickers and the Trace button. */
import { useUi } from '../store';
import { runTrace } from '../actions';
import { defaultDestination, findPod } from '../model';

export function TraceForm() {
  const snap = useUi((s) => s.snapshot)!;
  const form = useUi((s) => s.traceForm);
  const busy = useUi((s) => s.busy > 0);
  const pods = snap.pods.filter((p) => p.ip);
  const setFrom = (from: string) => {
    // Keep the chosen destination unless it is now the source itself.
    const to = form.to && form.to !== from ? form.to : defaultDestination(snap, from);
    useUi.setState({ traceForm: { from, to } });
  };
  const label = (id: string) => {
    const p = findPod(snap, id);
    return p ? `${p.namespace === 'default' ? p.name : p.id} — ${p.ip} (${p.node ?? '?'})` : id;
  };
  const toIsPod = pods.some((p) => p.id === form.to);
  return (
    <form
      className="trace-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (form.from && form.to) void runTrace(form.from, form.to);
      }}
    >
      <label>
        <span className="field-label">From</span>
        <select value={form.from} data-testid="trace-from" onChange={(e) => setFrom(e.target.value)}>
          {pods.map((p) => (
            <option key={p.id} value={p.id}>{label(p.id)}</option>
          ))}
        </select>
      </label>
      <span className="arrow" aria-hidden="true">→</span>
      <label>
        <span className="field-label">To</span>
        <select value={form.to} data-testid="trace-to" onChange={(e) => useUi.setState({ traceForm: { ...form, to: e.target.value } })}>
          {!toIsPod && form.to && <option value={form.to}>{form.to}</option>}
          {pods.filter((p) => p.id !== form.from).map((p) => (
            <option key={p.id} value={p.id}>{label(p.id)}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn primary" data-testid="trace-run" disabled={!form.from || !form.to || busy}>
        Trace
      </button>
    </form>
  );
}
