/**
 * Embed mode (`?embed=trace` or `?embed=cluster`): for blog posts and slides, only that panel
 * and the trace of the shared state, with a link back to the full playground. It never
 * reads or writes the autosave.
 */
import { useUi } from '../store';
import { useT } from '../i18n';
import { ClusterGraph } from '../graph/ClusterGraph';
import { TracePanel } from '../trace/TracePanel';
import { Toast } from './Toast';
import { BusyIndicator } from './BusyIndicator';
import { ErrorBanner } from './ErrorBanner';

/** The same state in the full app: the URL without `?embed=`. */
export function fullAppHref(): string {
  const params = new URLSearchParams(location.search);
  params.delete('embed');
  const q = params.toString();
  return `${location.pathname}${q ? `?${q}` : ''}${location.hash}`;
}

export function EmbedApp({ mode }: { mode: 'trace' | 'cluster' }) {
  const t = useT();
  const hash = useUi((s) => s.snapshot?.hash);
  return (
    <div className={`app embed ${mode === 'trace' ? 'embed-trace-only' : ''}`} data-state-hash={hash} data-testid="embed">
      <header className="embed-bar">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
        <a href={fullAppHref()} target="_blank" rel="noopener" data-testid="embed-open-full">
          {t('embed.open')}
        </a>
      </header>
      <ErrorBanner />
      <main className="embed-body">
        <h1 className="sr-only">{t('app.name')}</h1>
        {mode === 'cluster' && (
          <section className="canvas embed-canvas" aria-label={t('app.canvas')}>
            <div className="canvas-body">
              <ClusterGraph />
            </div>
          </section>
        )}
        <section className="embed-trace" aria-label={t('dock.trace')}>
          <TracePanel />
        </section>
      </main>
      <Toast />
      <BusyIndicator />
    </div>
  );
}
