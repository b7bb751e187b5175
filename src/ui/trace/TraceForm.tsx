/** Source and destination pickers and the Trace button. The destination is a pod or an address. */
import { useState } from 'react';
import { useDeferredSnapshot, useUi } from '../store';
import { runTrace } from '../actions';
import { IPV4, addressTargets, defaultDestination, findPod } from '../model';
import { useT } from '../i18n';
import { Picker, type PickerOption } from './Picker';

const OTHER = '__other__';
/** Above this many pods the pickers are searchable inputs: a <select> would hold one <option> per pod, twice. */
export const PICKER_PODS = 200;

export function TraceForm() {
  const t = useT();
  const snap = useDeferredSnapshot()!;
  const form = useUi((s) => s.traceForm);
  const busy = useUi((s) => s.busy > 0);
  const [typing, setTyping] = useState(false);
  const pods = snap.pods.filter((p) => p.ip);
  const addresses = addressTargets(snap, { node: (name) => t('trace.addrNode', { name }), internet: (name) => t('trace.addrInternet', { name }) });
  const setFrom = (from: string) => {
    // Keep the chosen destination unless it is now the source itself.
    const to = form.to && form.to !== from ? form.to : defaultDestination(snap, from);
    useUi.setState({ traceForm: { from, to } });
  };
  const setTo = (to: string) => useUi.setState({ traceForm: { ...form, to } });
  const proto = form.proto ?? 'icmp';
  const port = form.port ?? 80;
  const badPort = proto !== 'icmp' && !(Number.isInteger(port) && port >= 1 && port <= 65535);
  const label = (id: string) => {
    const p = findPod(snap, id);
    return p ? `${p.namespace === 'default' ? p.name : p.id} — ${p.ip} (${p.node ?? '?'})` : id;
  };
  const known = pods.some((p) => p.id === form.to) || addresses.some((a) => a.value === form.to);
  const isPod = pods.some((p) => p.id === form.to);
  const big = pods.length > PICKER_PODS;
  // Typing an address, unless a pod has been chosen since (e.g. "Trace to here" in the inspector).
  const other = typing && !isPod;
  const badIp = other && form.to !== '' && !IPV4.test(form.to);
  const pickTo = (v: string) => {
    setTyping(v === OTHER);
    if (v !== OTHER) setTo(v);
    else if (isPod) setTo('');
  };
  return (
    <form
      className="trace-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (form.from && form.to && !badIp && !badPort) void runTrace(form.from, form.to, { proto, port });
      }}
    >
      <label>
        <span className="field-label">{t('trace.from')}</span>
        {big ? (
          <Picker testId="trace-from" ariaLabel={t('trace.from')} placeholder={t('trace.pickerPlaceholder')} display={form.from} options={() => pods.map((p) => ({ value: p.id, label: label(p.id) }))} onPick={setFrom} />
        ) : (
          <select value={form.from} data-testid="trace-from" onChange={(e) => setFrom(e.target.value)}>
            {pods.map((p) => (
              <option key={p.id} value={p.id}>{label(p.id)}</option>
            ))}
          </select>
        )}
      </label>
      <span className="arrow" aria-hidden="true">→</span>
      <label>
        <span className="field-label">{t('trace.to')}</span>
        {big ? (
          <Picker
            testId="trace-to"
            ariaLabel={t('trace.to')}
            placeholder={t('trace.pickerPlaceholder')}
            display={other ? t('trace.otherAddress') : form.to}
            options={(): PickerOption[] => [
              ...pods.filter((p) => p.id !== form.from).map((p) => ({ value: p.id, label: label(p.id) })),
              ...addresses,
              { value: OTHER, label: t('trace.otherAddress') },
            ]}
            onPick={pickTo}
          />
        ) : (
          <select value={other ? OTHER : form.to} data-testid="trace-to" onChange={(e) => pickTo(e.target.value)}>
            {!known && !other && form.to && <option value={form.to}>{form.to}</option>}
            <optgroup label={t('trace.pods')}>
              {pods.filter((p) => p.id !== form.from).map((p) => (
                <option key={p.id} value={p.id}>{label(p.id)}</option>
              ))}
            </optgroup>
            <optgroup label={t('trace.addresses')}>
              {addresses.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
              <option value={OTHER}>{t('trace.otherAddress')}</option>
            </optgroup>
          </select>
        )}
      </label>
      {other && (
        <input
          className="mono trace-ip"
          data-testid="trace-to-ip"
          aria-label={t('trace.destIp')}
          aria-invalid={badIp}
          placeholder={t('trace.destIpPlaceholder')}
          value={form.to}
          autoFocus
          spellCheck={false}
          onChange={(e) => setTo(e.target.value.trim())}
        />
      )}
      <label>
        <span className="field-label">{t('trace.send')}</span>
        <select value={proto} data-testid="trace-proto" onChange={(e) => useUi.setState({ traceForm: { ...form, proto: e.target.value as 'icmp' | 'tcp' | 'udp' } })}>
          <option value="icmp">{t('trace.icmp')}</option>
          <option value="tcp">{t('trace.tcp')}</option>
          <option value="udp">{t('trace.udp')}</option>
        </select>
      </label>
      {proto !== 'icmp' && (
        <input
          className="mono trace-port"
          data-testid="trace-port"
          aria-label={t('trace.destPort')}
          aria-invalid={badPort}
          inputMode="numeric"
          value={String(port)}
          onChange={(e) => useUi.setState({ traceForm: { ...form, port: Number(e.target.value.replace(/\D/g, '') || 0) } })}
        />
      )}
      <button type="submit" className="btn primary" data-testid="trace-run" disabled={!form.from || !form.to || busy || badIp || badPort}>
        {t('trace.run')}
      </button>
    </form>
  );
}
