/** The active tab's transcript as text, off-screen: a live log for screen readers (and for tests). */
import { useUi } from '../store';
import { useT } from '../i18n';

export function Transcript({ target }: { target: string }) {
  const t = useT();
  const entries = useUi((s) => s.terminal);
  return (
    <div className="sr-only" data-testid="terminal-output" role="log" aria-live="polite" aria-label={t('terminal.transcript', { target })}>
      {entries
        .filter((e) => e.target === target)
        .slice(-30)
        .map((e) => (
          <div key={e.id}>
            {e.note ? <p>{e.note}</p> : e.continued ? null : <p>{`${e.prompt} ${e.command}`}</p>}
            {e.output && <pre>{e.output}</pre>}
          </div>
        ))}
    </div>
  );
}
