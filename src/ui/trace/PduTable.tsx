/** The packet after the step, layer by layer; changed fields are marked, with the old value. */
import type { Packet } from '../../engine/net/packet';
import { pduLayers } from './pdu';
import { useT } from '../i18n';

/** "Outer IPv4" → the translated "Outer {layer}"; the engine-side name stays the key. */
function layerLabel(name: string, t: ReturnType<typeof useT>): string {
  const m = /^(Outer|Inner) (.+)$/.exec(name);
  if (!m) return name;
  return t(m[1] === 'Outer' ? 'trace.outer' : 'trace.inner', { layer: m[2] });
}

export function PduTable({ before, after, changed }: { before: Packet; after: Packet; changed: string[] }) {
  const t = useT();
  const { layers, note } = pduLayers(after, before, changed);
  return (
    <div className="pdu">
      <table className="pdu-table" data-testid="trace-pdu">
        <caption className="sr-only">{t('trace.pduCaption')}</caption>
        <tbody>
          {layers.map((l) => (
            <tr key={l.name} className={l.name.startsWith('Outer') || l.name === 'VXLAN' ? 'outer' : l.name.startsWith('Inner') ? 'inner' : ''}>
              <th scope="row">
                {layerLabel(l.name, t)}
                {l.added && <span className="new-tag">{t('trace.newLayer')}</span>}
              </th>
              <td>
                {l.fields.map((f) => (
                  <span key={f.key} className={`f ${f.changed ? 'changed' : ''}`} data-field={`${l.name}.${f.key}`} data-changed={f.changed || undefined}>
                    <span className="k">{f.key}</span> <span className="v mono">{f.value}</span>
                    {f.changed && <span className="sr-only"> {f.was !== undefined ? t('trace.changedWas', { was: f.was }) : t('trace.changed')}</span>}
                    {f.was !== undefined && <span className="was mono" aria-hidden="true">{f.was}</span>}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <p className="pdu-note">{t(note)}</p>}
    </div>
  );
}
