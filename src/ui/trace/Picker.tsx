/**
 * A searchable picker (an ARIA combobox) for lists too long for a <select>: thousands of pods
 * would be thousands of <option> elements created, styled and laid out on every snapshot.
 * Closed, it is one input showing the chosen value; typing filters by value and label and
 * shows at most MAX_SHOWN matches. ↓/↑ move, Enter picks, Escape closes.
 */
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import './picker.css';

export interface PickerOption {
  value: string;
  label: string;
}

const MAX_SHOWN = 100;

interface Props {
  testId: string;
  ariaLabel: string;
  placeholder: string;
  /** What the closed input shows (the chosen value). */
  display: string;
  /** The options, built only while the list is open. */
  options: () => PickerOption[];
  onPick: (value: string) => void;
}

/** Where the list goes: under the input, or above it when the input sits in the lower half (the dock). */
function placement(input: HTMLInputElement | null): CSSProperties {
  if (!input) return {};
  const r = input.getBoundingClientRect();
  const up = r.top > window.innerHeight / 2;
  const room = up ? r.top - 8 : window.innerHeight - r.bottom - 8;
  return { left: r.left, minWidth: Math.max(r.width, 280), maxHeight: Math.max(120, Math.min(360, room)), ...(up ? { bottom: window.innerHeight - r.top + 2 } : { top: r.bottom + 2 }) };
}

export function Picker({ testId, ariaLabel, placeholder, display, options, onPick }: Props) {
  const t = useT();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  /** The text typed while the list is open; undefined while it is closed. */
  const [query, setQuery] = useState<string | undefined>();
  const [active, setActive] = useState(0);
  const [style, setStyle] = useState<CSSProperties>({});
  const open = query !== undefined;
  const list = open ? options() : undefined;
  const { shown, total } = useMemo(() => {
    if (!list) return { shown: [], total: 0 };
    const q = (query ?? '').trim().toLowerCase();
    const out: PickerOption[] = [];
    let n = 0;
    for (const o of list) {
      if (q && !o.value.toLowerCase().includes(q) && !o.label.toLowerCase().includes(q)) continue;
      n++;
      if (out.length < MAX_SHOWN) out.push(o);
    }
    return { shown: out, total: n };
  }, [list, query]);
  const current = Math.min(active, Math.max(0, shown.length - 1));
  const optionId = (i: number) => `${listId}-${i}`;

  useEffect(() => {
    if (open) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  const openList = (text = '') => {
    setStyle(placement(input.current));
    setQuery(text);
    setActive(0);
  };
  const close = () => setQuery(undefined);
  const pick = (o: PickerOption | undefined) => {
    if (!o) return;
    close();
    onPick(o.value);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      if (!open) openList();
      else setActive(Math.max(0, Math.min(shown.length - 1, current + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      pick(shown[current]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <span className="picker">
      <input
        ref={input}
        className="mono picker-input"
        data-testid={testId}
        role="combobox"
        aria-label={ariaLabel}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && shown.length > 0 ? optionId(current) : undefined}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        value={open ? query : display}
        title={display}
        onChange={(e) => (open ? (setQuery(e.target.value), setActive(0)) : openList(e.target.value))}
        onClick={() => !open && openList()}
        onFocus={(e) => e.target.select()}
        onBlur={close}
        onKeyDown={onKey}
      />
      {open && (
        <div className="picker-pop" style={style}>
          <ul className="picker-list" id={listId} role="listbox" aria-label={ariaLabel} data-testid={`${testId}-list`}>
            {shown.map((o, i) => (
              <li
                key={o.value}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className={i === current ? 'active' : undefined}
                // The input keeps the focus (its blur would close the list before the click lands).
                onMouseDown={(e) => e.preventDefault()}
                // preventDefault: inside a <label>, the click would also be passed on to the input (and reopen the list).
                onClick={(e) => {
                  e.preventDefault();
                  pick(o);
                }}
                onMouseMove={() => i !== current && setActive(i)}
              >
                {o.label}
              </li>
            ))}
          </ul>
          {(total === 0 || total > shown.length) && (
            <p className="picker-note" role="status">{total === 0 ? t('trace.pickerNone') : t('trace.pickerMore', { n: total - shown.length })}</p>
          )}
        </div>
      )}
    </span>
  );
}
