/** Under a pod terminal: when the last command there could not resolve a name, a way to ask why. */
import './dnsWhy.css';
import { useT } from '../i18n';
import { useUi } from '../store';
import { failedName } from './dnsFail';
import { askDnsWhy } from './dnsWhy';

export function DnsFailHint({ target }: { target: string }) {
  const t = useT();
  const last = useUi((s) => {
    for (let i = s.terminal.length - 1; i >= 0; i--) if (s.terminal[i].target === target) return s.terminal[i];
    return undefined;
  });
  const name = last && last.exitCode !== 0 ? failedName(target, last.command, last.output) : undefined;
  if (!name) return null;
  return (
    <div className="dns-fail-hint" role="status" data-testid="dns-fail-hint">
      <span>{t('why.dns.failed', { name })}</span>
      <button type="button" className="btn small" data-testid="dns-fail-why" onClick={() => askDnsWhy(target, name)}>
        {t('why.dns.ask', { name })}
      </button>
    </div>
  );
}
