/**
 * The CNI invocations the runtime made on this machine, newest first: the environment a plugin
 * reads (CNI_COMMAND, CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_ARGS), the network
 * configuration on stdin, and the result JSON or the error the plugin printed.
 */
import type { NodeNetworkView } from '../../../engine/sim/snapshot';
import { useT } from '../../i18n';

type Call = NodeNetworkView['cniCalls'][number];

function json(v: unknown): string {
  return JSON.stringify(v, null, 2);
}

function CallItem({ call }: { call: Call }) {
  const t = useT();
  return (
    <li className="nn-cni-call" data-testid="nn-cni-call" data-command={call.command}>
      <details>
        <summary className="mono">
          <span className="nn-cni-t">{(call.t / 1000).toFixed(3)}s</span>{' '}
          <strong>{call.command}</strong> {call.pod} <span className="muted">({call.plugin})</span>
          {call.error ? <span className="nn-cni-err"> {t('nn.cniFailed')}</span> : null}
        </summary>
        <h4 className="nn-cni-h">{t('nn.cniEnv')}</h4>
        <pre className="nn-file mono" tabIndex={0} data-testid="nn-cni-env">
          {Object.entries(call.env).map(([k, v]) => `${k}=${v}`).join('\n')}
        </pre>
        <h4 className="nn-cni-h">{t('nn.cniStdin')}</h4>
        <pre className="nn-file mono" tabIndex={0} data-testid="nn-cni-config">{call.config === undefined ? t('nn.cniNone') : json(call.config)}</pre>
        <h4 className="nn-cni-h">{call.error ? t('nn.cniError') : t('nn.cniResult')}</h4>
        <pre className="nn-file mono" tabIndex={0} data-testid={call.error ? 'nn-cni-error' : 'nn-cni-result'}>
          {call.error ?? (call.result === undefined ? t('nn.cniNoOutput') : json(call.result))}
        </pre>
      </details>
    </li>
  );
}

export function CniCallsTab({ view }: { view: NodeNetworkView }) {
  const t = useT();
  const calls = [...view.cniCalls].reverse();
  return (
    <div data-testid="nn-cni">
      <section className="nn-block">
        <h3 className="nn-cmd mono"><span className="prompt-sign" aria-hidden="true">#</span> {t('nn.cniHeading')}</h3>
        {calls.length === 0 ? <p className="nn-empty">{t('nn.noCniCalls', { node: view.node })}</p> : (
          <ul className="nn-cni-calls">
            {calls.map((c, i) => <CallItem key={`${c.t}-${c.command}-${c.env.CNI_CONTAINERID}-${i}`} call={c} />)}
          </ul>
        )}
      </section>
    </div>
  );
}
