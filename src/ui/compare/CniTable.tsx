/**
 * The CNI comparison shown with "flannel ↔ Calico": what each plugin does differently, including
 * the two the playground does not simulate (Weave Net, Romana). `code` spans in the text are
 * rendered as code.
 */
import { useUi } from '../store';
import { CNI_COLUMNS, CNI_INTRO, CNI_ROWS, CNI_TITLE } from './cniFacts';

function Rich({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <code key={i}>{part.slice(1, -1)}</code> : part))}
    </>
  );
}

export default function CniTable() {
  const lang = useUi((s) => s.lang);
  return (
    <details className="compare-section cni-table" open data-testid="cni-table">
      <summary>{CNI_TITLE[lang]}</summary>
      <p className="cni-intro">{CNI_INTRO[lang]}</p>
      <div className="cni-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col" />
              {CNI_COLUMNS.map((c) => (
                <th key={c.id} scope="col" className={c.simulated ? 'simulated' : 'explained'}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CNI_ROWS.map((r) => (
              <tr key={r.id} data-row={r.id}>
                <th scope="row">
                  <Rich text={r.label[lang]} />
                </th>
                {CNI_COLUMNS.map((c) => (
                  <td key={c.id}>
                    <Rich text={r.cells[c.id][lang]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
