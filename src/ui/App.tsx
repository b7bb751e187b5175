/** The app shell: top bar, resizable workspace (canvas / bottom dock / side column with scenario card, lesson, inspector). */
import { useEffect } from 'react';
import { useUi } from './store';
import { onLateAnswer } from './engineClient';
import type { LoadResult } from '../worker/protocol';
import { useT } from './i18n';
import { TopBar } from './shell/TopBar';
import { ErrorBanner } from './shell/ErrorBanner';
import { LinkNotice } from './shell/LinkNotice';
import { EmbedApp } from './shell/EmbedApp';
import { Loading } from './shell/Loading';
import { Toast } from './shell/Toast';
import { BusyIndicator } from './shell/BusyIndicator';
import { Dock } from './shell/Dock';
import { Workspace } from './shell/Workspace';
import { CanvasArea } from './canvas/CanvasArea';
import { PresetCard } from './scenarios/PresetCard';
import { Inspector } from './inspector/Inspector';
import { LessonPanel } from './lessons/LessonPanel';
import { LessonHighlight } from './lessons/LessonHighlight';
import { useAutoCheck } from './lessons/useAutoCheck';

export function App() {
  const t = useT();
  const status = useUi((s) => s.status);
  const fatal = useUi((s) => s.fatal);
  const lessonDrawer = useUi((s) => s.lessonDrawer);
  // Exposed for end-to-end tests: a shared link must reproduce the exact engine state.
  // Only the state's fingerprint (not a big cluster's version) is worth comparing across reloads.
  const hash = useUi((s) => (s.snapshot?.hashIsState === false ? undefined : s.snapshot?.hash));
  const embed = useUi((s) => s.embed);
  useAutoCheck();
  // A fresh visit drew the snapshot baked into the build (boot.ts); the worker's own answer, the same cluster, replaces it.
  useEffect(() => onLateAnswer((r) => useUi.setState({ snapshot: (r as LoadResult).snapshot })), []);

  if (status !== 'ready') return <Loading failed={status === 'failed' ? (fatal ?? 'unknown error') : undefined} />;
  if (embed) return <EmbedApp mode={embed} />;
  return (
    <div className={`app ${lessonDrawer ? 'with-lesson' : ''}`} data-state-hash={hash}>
      <TopBar />
      <ErrorBanner />
      <LinkNotice />
      <main className="workspace-frame">
        <h1 className="sr-only">{t('app.name')}</h1>
        <Workspace
          canvas={
            <section className="canvas" aria-label={t('app.canvas')}>
              <CanvasArea />
            </section>
          }
          dock={<Dock />}
          side={
            <aside className="side" aria-label={t('app.details')}>
              <PresetCard />
              {lessonDrawer && <LessonPanel />}
              <Inspector />
            </aside>
          }
        />
      </main>
      <Toast />
      <BusyIndicator />
      <LessonHighlight />
    </div>
  );
}
