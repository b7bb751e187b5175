/** The latest control-plane messages (who called whom), newest first: what the cluster just did. */
import { useUi } from '../store';
import { useT } from '../i18n';

const SHOWN = 40;

export function ActivityLog() {
  const t = useT();
  const messages = useUi((s) => s.snapshot?.messages);
  if (!messages?.length) return null;
  const recent = messages.slice(-SHOWN).reverse();
  return (
    <div className="activity">
      <h3 className="activity-title">{t('insp.activity')}</h3>
      <ol className="activity-list mono" data-testid="activity-log" tabIndex={0} aria-label={t('insp.activityList')}>
        {recent.map((m, i) => (
          <li key={`${m.t}-${i}`}>
            <span className="t">{(m.t / 1000).toFixed(3)}s</span>
            <span className="who" title={`${m.from} → ${m.to}`}>{m.from} → {m.to}</span>
            <span className="what" title={`${m.verb} ${m.path}`}>
              <span className="verb">{m.verb}</span> {m.path}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
