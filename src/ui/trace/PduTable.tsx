/** The packet after the step, layer by layer; changed fields are marked, with the old value. */
import type { Packet } from '../../engine/net/packet';
import { pduLayers } from './pdu';

export function PduTable({ before, after, changed }: { before: Packet; after: Packet; changed: string[] }) {
  const { layers, note } = pduLayers(after, before, changed);
  return (
    <div className="pdu">
      <table className="pdu-table" data-testid="trace-pdu">
        <caption className="sr-only">Packet headers after this step, outermost first</caption>
        <tbody>
          {layers.map((l) => (
            <tr key={l.name} className={l.name.startsWith('Outer') || l.name === 'VXLAN' ? 'outer' : l.name.startsWith('Inner') ? 'inner' : ''}>
              <th scope="row">
                {l.name}
                {l.added && <span className="new-tag">new</span>}
              </th>
              <td>
                {l.fields.map((f) => (
                  <span key={f.key} className={`f ${f.changed ? 'changed' : ''}`} data-field={`${l.name}.${f.key}`} data-changed={f.changed || undefined}>
                    <span className="k">{f.key}</span> <span className="v mono">{f.value}</span>
                    {f.changed && <span className="sr-only"> (changed{f.was !== undefined ? `, was ${f.was}` : ''})</span>}
                    {f.was !== undefined && <span className="was mono" aria-hidden="true">{f.was}</span>}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <p className="pdu-note">{note}</p>}
    </div>
  );
}
