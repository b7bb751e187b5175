/** The app shell: top bar, canvas (cluster / node network / overlay), right column (scenario card, lesson, inspector), bottom dock. */
import { useUi } from './store';
import { TopBar } from './shell/TopBar';
import { ErrorBanner } from './shell/ErrorBanner';
import { Loading } from './shell/Loading';
import { Toast } from './shell/Toast';
import { Dock } from './shell/Dock';
import { CanvasArea } from './canvas/CanvasArea';
import { PresetCard } from './scenarios/PresetCard';
import { Inspector } from './inspector/Inspector';
import { LessonPanel } from './lessons/LessonPanel';
import { LessonHighlight } from './lessons/LessonHighlight';
import { useAutoCheck } from './lessons/useAutoCheck';

export function App() {
  const status = useUi((s) => s.status);
  const fatal = useUi((s) => s.fatal);
  const lessonDrawer = useUi((s) => s.lessonDrawer);
  // Exposed for end-to-end tests: a shared link must reproduce the exact engine state.
  const hash = useUi((s) => s.snapshot?.hash);
  useAutoCheck();

  if (status !== 'ready') return <Loading failed={status === 'failed' ? (fatal ?? 'unknown error') : undefined} />;
  return (
    <div className={`app ${lessonDrawer ? 'with-lesson' : ''}`} data-state-hash={hash}>
      <TopBar />
      <ErrorBanner />
      <main className="workspace">
        <section className="canvas" aria-label="Canvas">
          <CanvasArea />
        </section>
        <aside className="side" aria-label="Details">
          <PresetCard />
          {lessonDrawer && <LessonPanel />}
          <Inspector />
        </aside>
        <Dock />
      </main>
      <Toast />
      <LessonHighlight />
    </div>
  );
}
