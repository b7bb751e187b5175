/**
 * The main canvas and its view switch: Cluster (the graph), Node network (one machine's
 * namespaces, devices and tables), Overlay (VTEPs, tunnels, underlay) and Control plane (the
 * components and their messages) Reachability (who can reach whom) Compare (two dataplanes side by side) and Scale (kube-proxy's rules as the cluster grows). All but the first are code-split: they load when first opened.
 */
import { lazy, Suspense } from 'react';
import { tabKeys } from '../shell/tabKeys';
import { useUi, type CanvasView } from '../store';
import { ClusterGraph } from '../graph/ClusterGraph';
import { NetToolbar } from '../netview/NetToolbar';
import { useT, type MessageKey } from '../i18n';

const ServicesPanel = lazy(() => import('../services/ServicesPanel'));
const NodeNetworkPanel = lazy(() => import('../netview/NodeNetworkPanel'));
const OverlayPanel = lazy(() => import('../overlay/OverlayPanel'));
const ControlPlanePanel = lazy(() => import('../controlplane/ControlPlanePanel'));
const ComparePanel = lazy(() => import('../compare/ComparePanel'));
const ReachabilityPanel = lazy(() => import('../reachability/ReachabilityPanel'));
const ScalePanel = lazy(() => import('../lens/ScalePanel'));
const CapturePanel = lazy(() => import('../capture/CapturePanel'));

const VIEWS: { id: CanvasView; label: MessageKey }[] = [
  { id: 'cluster', label: 'canvas.cluster' },
  { id: 'node-network', label: 'canvas.nodeNetwork' },
  { id: 'overlay', label: 'canvas.overlay' },
  { id: 'capture', label: 'capture.tab' },
  { id: 'control-plane', label: 'canvas.controlPlane' },
  { id: 'services', label: 'canvas.services' },
  { id: 'reach', label: 'canvas.reach' },
  { id: 'compare', label: 'canvas.compare' },
  { id: 'scale', label: 'canvas.scale' },
];

export function CanvasArea() {
  const t = useT();
  const canvas = useUi((s) => s.canvas);
  const select = (id: CanvasView) => useUi.setState({ canvas: id });
  const onKey = tabKeys(VIEWS.map((v) => v.id), canvas, select, (id) => `view-${id}`);
  return (
    <>
      <div className="canvas-bar">
        <div className="tabs canvas-tabs" role="tablist" aria-label={t('canvas.views')} onKeyDown={onKey}>
          {VIEWS.map((v) => (
            <button
              key={v.id}
              id={`view-${v.id}`}
              type="button"
              role="tab"
              className="tab"
              aria-selected={canvas === v.id}
              aria-controls="canvas-panel"
              tabIndex={canvas === v.id ? 0 : -1}
              data-testid={`view-${v.id}`}
              onClick={() => select(v.id)}
            >
              {t(v.label)}
            </button>
          ))}
        </div>
        {canvas === 'node-network' && <NetToolbar />}
      </div>
      <div id="canvas-panel" className="canvas-body" role="tabpanel" aria-labelledby={`view-${canvas}`}>
        <Suspense fallback={<div className="empty">{t('canvas.loading')}</div>}>
          {canvas === 'cluster' && <ClusterGraph />}
          {canvas === 'services' && <ServicesPanel />}
          {canvas === 'node-network' && <NodeNetworkPanel />}
          {canvas === 'overlay' && <OverlayPanel />}
          {canvas === 'control-plane' && <ControlPlanePanel />}
          {canvas === 'reach' && <ReachabilityPanel />}
          {canvas === 'compare' && <ComparePanel />}
          {canvas === 'scale' && <ScalePanel />}
          {canvas === 'capture' && <CapturePanel />}
        </Suspense>
      </div>
    </>
  );
}
