/** The latest control-plane messages, newest first, filterable by component; the ones travelling now are marked. */
import { useMemo } from 'react';
import { useT } from '../i18n';
import { componentOf, involves, type Folded } from './flow';

const SHOWN = 150;

interface Props {
  list: Folded[];
  current: Folded[];
  queued: number;
  /** A drawn component id, or '' for all (a click on a component in the graph sets it too). */
  filter: string;
  setFilter: (c: string) => void;
}

export function MessageList({ list, current, queued, filter, setFilter }: Props) {
  const t = useT();
  const components = useMemo(() => {
    const s = new Set<string>();
    for (const m of list) for (const a of [m.from, m.to]) {
      const c = componentOf(a);
      if (c) s.add(c);
    }
    if (filter) s.add(filter);
    return [...s].sort();
  }, [list, filter]);
  const now = useMemo(() => new Set(current.map((m) => m.seq)), [current]);
  const shown = useMemo(() => (filter ? list.filter((m) => involves(m, filter)) : list).slice(-SHOWN).reverse(), [list, filter]);
  return (
    <section className="cp-side" aria-labelledby="cp-side-title">
      <div className="cp-side-head">
        <h2 id="cp-side-title">{t('cp.messages')}</h2>
        {queued > 0 && <span className="muted cp-queued">{t('cp.queued', { n: queued })}</span>}
      </div>
      <label className="cp-filter">
        <span className="field-label">{t('cp.filter')}</span>
        <select value={filter} data-testid="cp-filter" onChange={(e) => setFilter(e.target.value)}>
          <option value="">{t('cp.all')}</option>
          {components.map((c) => (
            <option key={c} value={c}>{c.replace(/^(\w[\w-]*):(.+)$/, '$1 ($2)')}</option>
          ))}
        </select>
      </label>
      <p className="cp-hint muted">{t('cp.hint')}</p>
      {shown.length === 0 ? (
        <p className="empty">{t('cp.empty')}</p>
      ) : (
        <ol className="cp-list mono" data-testid="cp-messages" tabIndex={0} aria-label={t('cp.list')}>
          {shown.map((m) => (
            <li key={m.seq} className={now.has(m.seq) ? 'now' : undefined} title={`${m.from} → ${m.to}: ${m.verb} ${m.path}`} data-from={m.from} data-to={m.to} data-verb={m.verb}>
              <span className="t">{(m.t / 1000).toFixed(3)}s</span>
              <span className="who">
                {m.from} → {m.to}
                {m.n > 1 && <span className="muted"> ×{m.n}</span>}
              </span>
              <span className="what">
                <span className="verb">{m.verb}</span> {m.path}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
