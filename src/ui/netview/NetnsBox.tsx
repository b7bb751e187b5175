/** A network namespace other than the root one (a pod sandbox or `ip netns add`), with its interfaces. */
import type { NetnsView } from '../../engine/sim/snapshot';
import type { TraceStep } from '../../engine/net/trace';
import { LinkChip } from './LinkChip';
import { anchor, nsTestId, podName } from './model';
import { TablesButton } from './TablesButton';
import { useT } from '../i18n';
import { useUi } from '../store';

/** nginx:1.27 from docker.io/library/nginx:1.27, registry.k8s.io/coredns/coredns:v1.12.0 → coredns:v1.12.0. */
function shortImage(image: string): string {
  return image.split('/').pop() ?? image;
}

export function NetnsBox({ ns, step, focused, onFocusNs, col }: { ns: NetnsView; step?: TraceStep; focused: boolean; onFocusNs: (id: string) => void; col: number }) {
  const t = useT();
  const here = step?.netns === ns.id;
  const testId = nsTestId(ns, false);
  const links = [...ns.links].sort((a, b) => Number(a.kind === 'loopback') - Number(b.kind === 'loopback'));
  const peerNote = (l: NetnsView['links'][number]) => (l.peer ? t('nn.peer', { ifname: l.peer.ifname }) : undefined);
  // A pod's containers all live in this one namespace, which the sandbox's pause container holds.
  const images = useUi((s) => (ns.pod ? s.snapshot?.pods.find((p) => p.id === ns.pod)?.images : undefined));
  return (
    <div
      className={`nn-ns kind-${ns.kind} ${here ? 'trace-here' : ''} ${focused ? 'focused' : ''}`}
      style={{ gridColumn: col + 1 }}
      data-testid={testId}
      data-netns={ns.id}
      role="group"
      aria-label={`${t('nn.nsGroup', { label: ns.label })}${here ? `, ${t('nn.packetHere')}` : ''}`}
      onClick={() => onFocusNs(ns.id)}
    >
      <div className="nn-ns-head">
        <span className="nn-ns-icon" aria-hidden="true">{ns.kind === 'pod' ? '▣' : '◇'}</span>
        <span className="nn-ns-label" title={ns.label}>{ns.kind === 'pod' ? podName(ns) : ns.label.replace(/^netns /, '')}</span>
        {here && <span className="here-tag" aria-hidden="true">● {t('nn.packet')}</span>}
        {!here && ns.kind !== 'pod' && <span className="nn-kind">netns</span>}
      </div>
      <div className="nn-ns-sub">
        <span className="nn-ns-id mono" title={`netns ${ns.id}`}>netns {ns.id}</span>
        <TablesButton label={ns.label} focused={focused} onClick={() => onFocusNs(ns.id)} />
      </div>
      {images && (
        <div className="nn-ns-ctrs" data-testid={`${testId}-containers`} title={t('nn.containersTitle')} aria-label={t('nn.containersTitle')}>
          <span className="nn-ctr nn-ctr-pause mono">pause</span>
          {images.map((img, i) => (
            <span key={i} className="nn-ctr mono">
              {shortImage(img)}
            </span>
          ))}
        </div>
      )}
      <div className="nn-ns-links">
        {links.map((l) => (
          <LinkChip
            key={l.name}
            link={l}
            anchorKey={anchor(ns.id, l.name)}
            testId={`${testId}-${l.name}`}
            active={here && step?.device === l.name}
            note={peerNote(l)}
          />
        ))}
      </div>
    </div>
  );
}
