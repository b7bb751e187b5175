/** Files a learner reads on a real node (subnet.env, the CNI config list) and the sysctls that matter. */
import type { NodeNetworkView } from '../../../engine/sim/snapshot';
import { useT } from '../../i18n';

export function FilesTab({ view }: { view: NodeNetworkView }) {
  const t = useT();
  const files = Object.entries(view.files).sort(([a], [b]) => a.localeCompare(b));
  const sysctl = Object.entries(view.sysctl);
  return (
    <div data-testid="nn-files">
      <section className="nn-block">
        <h3 className="nn-cmd mono"><span className="prompt-sign" aria-hidden="true">#</span> sysctl</h3>
        {sysctl.length === 0 ? <p className="nn-empty">{t('nn.noSysctl')}</p> : (
          <ul className="nn-lines mono">
            {sysctl.map(([k, v]) => <li key={k} data-testid="nn-sysctl"><span className="mark-slot" aria-hidden="true" /><span className="nn-line-text">{k} = {v}</span></li>)}
          </ul>
        )}
      </section>
      {files.length === 0 && <p className="nn-empty">{t('nn.noFiles', { node: view.node })}</p>}
      {files.map(([path, text]) => (
        <section key={path} className="nn-block" data-testid="nn-file">
          <h3 className="nn-cmd mono"><span className="prompt-sign" aria-hidden="true">#</span> cat {path}</h3>
          <pre className="nn-file mono" tabIndex={0} aria-label={t('nn.contentsOf', { path })}>{text}</pre>
        </section>
      ))}
    </div>
  );
}
