/** Product name, simulated clock, the loaded scenario, cluster facts, and the global actions. */
import { useEffect } from 'react';
import { useUi } from '../store';
import { ScenariosMenu } from '../scenarios/ScenariosMenu';
import { ensurePresets } from '../scenarios/scenarioActions';
import { copyLink } from '../actions';
import { formatClock } from '../model';
import { Icon } from './Icon';

export function TopBar() {
  const snap = useUi((s) => s.snapshot);
  const busy = useUi((s) => s.busy > 0);
  const lessonDrawer = useUi((s) => s.lessonDrawer);
  const presetId = useUi((s) => s.snapshot?.preset);
  const presetInfo = useUi((s) => s.presets?.find((p) => p.id === presetId));
  const preset = presetId ? { title: presetInfo?.title ?? presetId, category: presetInfo?.category ?? 'basics' } : undefined;
  useEffect(() => {
    void ensurePresets();
  }, []);
  if (!snap) return null;
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Kube Network Playground</span>
      </div>
      <div className="clock" title="Simulated time since the cluster booted" data-testid="sim-clock">
        <span className="clock-label">sim</span>
        <span className="mono">{formatClock(snap.time)}</span>
        <span className={`busy-dot ${busy ? 'on' : ''}`} aria-hidden="true" />
        <span className="sr-only" aria-live="polite">{busy ? 'Working' : ''}</span>
      </div>
      {preset && (
        <div className={`scenario-chip ${preset.category}`} data-testid="preset-current" title={`Scenario: ${preset.title}`}>
          <span className="scenario-chip-label">{preset.category === 'broken' ? <><span aria-hidden="true">⚠ </span>broken</> : 'scenario'}</span>
          <span className="scenario-chip-title">{preset.title}</span>
        </div>
      )}
      <dl className="facts" aria-label="Cluster facts">
        <Fact term="cluster" value={snap.clusterName} />
        <Fact term="pod CIDR" value={snap.podCIDR} mono />
        <Fact term="service CIDR" value={snap.serviceCIDR} mono />
        <Fact term="CNI" value={snap.cni} />
      </dl>
      <div className="topbar-actions">
        <ScenariosMenu />
        <button type="button" className="btn" data-testid="copy-link" onClick={() => void copyLink()}>
          <Icon name="link" /> Copy link
        </button>
        <button
          type="button"
          className={`btn ${lessonDrawer ? 'active' : 'primary'}`}
          aria-pressed={lessonDrawer}
          data-testid="lessons-toggle"
          onClick={() => useUi.setState({ lessonDrawer: !lessonDrawer })}
        >
          <Icon name="book" /> Lessons
        </button>
      </div>
    </header>
  );
}

function Fact({ term, value, mono }: { term: string; value: string; mono?: boolean }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}
