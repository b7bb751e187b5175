/** The marker on a table row that decided the current trace step (text, not colour alone). */
import { useT } from '../../i18n';

export function DecidedMark({ on }: { on: boolean }) {
  const t = useT();
  if (!on) return <span className="mark-slot" aria-hidden="true" />;
  return (
    <span className="mark-slot on" title={t('nn.decidedTitle')}>
      <span aria-hidden="true">▶</span>
      <span className="sr-only">{t('nn.decidedSr')}</span>
    </span>
  );
}
