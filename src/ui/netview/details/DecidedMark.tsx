/** The marker on a table row that decided the current trace step (text, not colour alone). */
export function DecidedMark({ on }: { on: boolean }) {
  if (!on) return <span className="mark-slot" aria-hidden="true" />;
  return (
    <span className="mark-slot on" title="This line decided the current trace step">
      <span aria-hidden="true">▶</span>
      <span className="sr-only">decided the current step: </span>
    </span>
  );
}
