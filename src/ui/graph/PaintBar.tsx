/**
 * While a reachability row is painted onto the graph: what the rings mean, and one click to clear
 * them. After any change the row is traced again, so the rings follow the cluster and the pods
 * whose verdict flipped are outlined.
 */
import { useEffect } from 'react';
import { useUi } from '../store';
import { useT } from '../i18n';
import { getEngine } from '../engineClient';
import { paintFrom, repaint } from '../reachability/matrix';

export function PaintBar() {
  const t = useT();
  const paint = useUi((s) => s.reachPaint);
  const hash = useUi((s) => s.snapshot?.hash);
  const selected = useUi((s) => (s.view.selected?.kind === 'pod' ? s.view.selected.id : undefined));
  const stale = !!paint && paint.hash !== hash;
  // "Paint from the selected pod": a pod of the matrix selected in the graph becomes the source.
  const follow = !!paint?.follow && !!selected && selected !== paint.source && !!paint.pods[selected];
  useEffect(() => {
    if (!follow || !selected) return;
    let live = true;
    const old = useUi.getState().reachPaint;
    if (!old) return;
    getEngine()
      .reachability(old.namespaces)
      .then((m) => {
        const next = live && useUi.getState().reachPaint === old ? paintFrom(m, selected, new Set(), old.namespaces, hash) : undefined;
        if (next) useUi.setState({ reachPaint: { ...next, follow: true } });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [follow, selected, hash]);
  useEffect(() => {
    if (!stale) return;
    let live = true;
    const timer = setTimeout(() => {
      const old = useUi.getState().reachPaint;
      if (!old) return;
      getEngine()
        .reachability(old.namespaces)
        .then((m) => live && useUi.getState().reachPaint === old && useUi.setState({ reachPaint: repaint(old, m, hash) }))
        .catch(() => live && useUi.setState({ reachPaint: undefined }));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [stale, hash]);
  if (!paint) return null;
  const pods = Object.values(paint.pods);
  return (
    <div className="paint-bar" role="status" data-testid="paint-bar">
      <span>{t('graph.paintFrom', { src: paint.source, ok: pods.filter((p) => p.ok).length, total: pods.length })}</span>
      <label className="switch">
        <input type="checkbox" checked={!!paint.follow} data-testid="paint-follow" onChange={(e) => useUi.setState({ reachPaint: { ...paint, follow: e.target.checked } })} />
        {t('graph.paintFollow')}
      </label>
      <button type="button" className="btn" data-testid="paint-clear" onClick={() => useUi.setState({ reachPaint: undefined })}>
        {t('graph.paintClear')}
      </button>
    </div>
  );
}
