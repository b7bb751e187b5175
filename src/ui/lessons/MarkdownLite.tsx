/**
 * Markdown-lite → React elements: paragraphs (blank line), "- " bullet lists, `code` and
 * **bold**. Everything else is text, so lesson prose can never inject markup.
 */
import type { ReactNode } from 'react';

function inline(text: string, keyBase: string): ReactNode[] {
  const out: ReactNode[] = [];
  // Split keeps the delimiters: odd entries are `code` or **bold** tokens.
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g);
  parts.forEach((part, i) => {
    if (!part) return;
    const key = `${keyBase}-${i}`;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) out.push(<code key={key}>{part.slice(1, -1)}</code>);
    else if (part.startsWith('**') && part.endsWith('**') && part.length > 3) out.push(<strong key={key}>{part.slice(2, -2)}</strong>);
    else out.push(part);
  });
  return out;
}

export function MarkdownLite({ text }: { text: string }) {
  const blocks = text.trim().split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, b) => {
        const lines = block.split('\n');
        if (lines.every((l) => /^\s*[-*] /.test(l))) {
          return (
            <ul key={b}>
              {lines.map((l, i) => <li key={i}>{inline(l.replace(/^\s*[-*] /, ''), `${b}-${i}`)}</li>)}
            </ul>
          );
        }
        return <p key={b}>{inline(lines.join(' '), String(b))}</p>;
      })}
    </>
  );
}
