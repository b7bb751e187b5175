/** Before the first trace: what a trace shows, and three one-click starting points. */
import { useUi } from '../store';
import { runTrace } from '../actions';
import { defaultDestination, defaultSource, findPod } from '../model';

export function TraceEmpty() {
  const snap = useUi((s) => s.snapshot)!;
  const from = defaultSource(snap);
  const src = findPod(snap, from);
  const remote = findPod(snap, defaultDestination(snap, from));
  const local = snap.pods.find((p) => p.ip && p.id !== from && p.node === src?.node);
  const presets = [
    remote && { label: `${src?.name} → ${remote.name}`, note: snap.cni.includes('vxlan') ? 'across nodes, through the VXLAN tunnel' : 'across nodes', to: remote.id },
    local && { label: `${src?.name} → ${local.name}`, note: 'same node, across the cni0 bridge', to: local.id },
    { label: `${src?.name} → 10.244.99.9`, note: 'an address nobody has: where does it die?', to: '10.244.99.9' },
  ].filter((p): p is { label: string; note: string; to: string } => !!p);
  const go = (to: string) => {
    useUi.setState({ traceForm: { from, to } });
    void runTrace(from, to);
  };
  return (
    <div className="trace-empty">
      <p>
        Follow one ICMP echo hop by hop — veth, the <code>cni0</code> bridge, routes, iptables, the <code>flannel.1</code> VXLAN
        tunnel — and the reply back. Pick a source and destination above and press <strong>Trace</strong>, or try:
      </p>
      {src && (
        <ul className="presets">
          {presets.map((p) => (
            <li key={p.to}>
              <button type="button" className="preset" data-testid={`trace-preset-${p.to.replace(/[^a-z0-9]+/gi, '-')}`} onClick={() => go(p.to)}>
                <span className="preset-label mono">{p.label}</span>
                <span className="preset-note">{p.note}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
