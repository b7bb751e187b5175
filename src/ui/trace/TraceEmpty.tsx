/** Before the first trace: what a trace shows, and three one-click starting points. */
import { useDeferredSnapshot, useUi } from '../store';
import { runTrace } from '../actions';
import { defaultDestination, defaultSource, findPod } from '../model';
import { useT } from '../i18n';
import { rich } from './rich';

export function TraceEmpty() {
  const t = useT();
  const snap = useDeferredSnapshot()!;
  const from = defaultSource(snap);
  const src = findPod(snap, from);
  const remote = findPod(snap, defaultDestination(snap, from));
  const local = snap.pods.find((p) => p.ip && p.id !== from && p.node === src?.node);
  // Calico has no bridge and no VXLAN: cali veths, /32 routes, proxy ARP for 169.254.1.1, tunl0.
  const calico = snap.cni.startsWith('calico');
  const presets = [
    remote && { label: `${src?.name} → ${remote.name}`, note: snap.cni.includes('vxlan') ? t('trace.presetVxlan') : calico ? t('trace.presetIpip') : t('trace.presetAcross'), to: remote.id },
    local && { label: `${src?.name} → ${local.name}`, note: t(calico ? 'trace.presetLocalCalico' : 'trace.presetLocal'), to: local.id },
    { label: `${src?.name} → 10.244.99.9`, note: t('trace.presetNobody'), to: '10.244.99.9' },
  ].filter((p): p is { label: string; note: string; to: string } => !!p);
  const go = (to: string) => {
    useUi.setState({ traceForm: { from, to } });
    void runTrace(from, to);
  };
  return (
    <div className="trace-empty">
      <p>{rich(t(calico ? 'trace.introCalico' : 'trace.intro'))}</p>
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
