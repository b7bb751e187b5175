/** A compact two-column list of facts (term → value). */
export function FactList({ facts }: { facts: [string, string, boolean?][] }) {
  return (
    <dl className="fact-list">
      {facts.map(([k, v, mono]) => (
        <div key={k} className="fact-row">
          <dt>{k}</dt>
          <dd className={mono ? 'mono' : undefined}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
