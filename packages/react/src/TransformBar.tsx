import { compileRegex, describeTransform, displayName, PRESETS, type AppliedTransform, type Transform } from '@flamelens/core';
import type { ThemeName } from '@flamelens/renderer';
import { useRef, useState, type CSSProperties, type FormEvent, type RefObject } from 'react';
import { buttonStyle, CHROME, inputStyle, rootStyle, toolbarStyle, type ChromeColours } from './styles.ts';
import { useMenu } from './use-menu.ts';

export interface TransformBarProps {
  /** The transforms in force, in the order they apply. */
  readonly transforms: readonly Transform[];
  /** What each transform matched (`useProfileView`'s `applied`, same order); absent while computing. */
  readonly applied?: readonly AppliedTransform[];
  /** The new list after a chip is removed, a transform added, or all cleared. */
  readonly onChange: (transforms: readonly Transform[]) => void;
  /** The bottom-up (inverted) view; the toggle is shown when `onInvertedChange` is given. */
  readonly inverted?: boolean;
  readonly onInvertedChange?: (inverted: boolean) => void;
  /** The view is being computed. */
  readonly pending?: boolean;
  /** A preview of the view is drawn and the exact view is on its way (shown instead of `pending`). */
  readonly refining?: boolean;
  /** Why the view could not be computed (an `invalid-transform` message, …). */
  readonly error?: string | null;
  readonly theme?: ThemeName;
  readonly className?: string;
  readonly style?: CSSProperties;
}

/**
 * The applied transforms as removable chips, each saying what it matched ("matched nothing" when it did
 * nothing), a menu to add a preset (hidden as `hide`, their time going to the code that called into the
 * runtime), merge recursion or a regex filter, and the inverted-view toggle.
 */
export function TransformBar(p: TransformBarProps) {
  const c = CHROME[p.theme ?? 'light'];
  const [adding, setAdding] = useState(false);
  const addBox = useRef<HTMLSpanElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const add = (t: Transform) => {
    setAdding(false);
    if (!p.transforms.some((x) => JSON.stringify(x) === JSON.stringify(t))) p.onChange([...p.transforms, t]);
  };
  return (
    <div role="toolbar" aria-label="Transforms" data-testid="transform-bar" className={p.className} style={{ ...rootStyle(c), ...toolbarStyle(c), ...p.style }}>
      {p.onInvertedChange && (
        <button type="button" aria-pressed={!!p.inverted} onClick={() => p.onInvertedChange?.(!p.inverted)} style={buttonStyle(c, !!p.inverted)} data-testid="invert-toggle" title="Bottom-up: each stack read from its leaf">
          Inverted
        </button>
      )}
      <ul aria-label="Applied transforms" style={{ display: 'contents', listStyle: 'none' }}>
        {p.transforms.map((t, i) => (
          <Chip key={`${i}:${JSON.stringify(t)}`} transform={t} applied={p.applied?.[i]} colours={c} onRemove={() => p.onChange(p.transforms.filter((_, k) => k !== i))} />
        ))}
      </ul>
      <span ref={addBox} style={{ position: 'relative' }}>
        <button ref={addButton} type="button" aria-haspopup="menu" aria-expanded={adding} onClick={() => setAdding(!adding)} style={buttonStyle(c)} data-testid="transform-add">
          + Transform
        </button>
        {adding && (
          <AddMenu
            colours={c}
            inside={addBox}
            onAdd={add}
            onClose={(by) => {
              setAdding(false);
              if (by === 'key') addButton.current?.focus();
            }}
          />
        )}
      </span>
      {p.transforms.length > 1 && (
        <button type="button" onClick={() => p.onChange([])} style={buttonStyle(c)}>
          Clear all
        </button>
      )}
      {p.pending && !p.refining && <span style={{ color: c.muted }}>applying…</span>}
      {p.refining && (
        <span style={{ color: c.muted }} data-testid="view-refining" title="The picture is drawn; the frames narrower than a hundred-thousandth of the whole and the function table follow.">
          refining…
        </span>
      )}
      {p.error && (
        <span role="alert" style={{ color: c.error }}>
          {p.error}
        </span>
      )}
    </div>
  );
}

function Chip(p: { transform: Transform; applied: AppliedTransform | undefined; colours: ChromeColours; onRemove: () => void }) {
  const label = displayName(describeTransform(p.transform));
  const matched = p.applied?.matchedFrames;
  const nothing = matched === 0;
  const c = p.colours;
  return (
    <li
      data-testid="transform-chip"
      data-matched={matched}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, border: `1px solid ${nothing ? c.error : c.line}`, borderRadius: 12, padding: '0 4px 0 10px', maxWidth: '28em' }}
    >
      <span title={label} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {label}
      </span>
      {matched !== undefined && (
        <span style={{ color: nothing ? c.error : c.muted, fontSize: 12, whiteSpace: 'nowrap' }}>
          {nothing ? 'matched nothing' : `${matched.toLocaleString('en-US')} frame${matched === 1 ? '' : 's'}`}
        </span>
      )}
      <button type="button" aria-label={`Remove: ${label}`} onClick={p.onRemove} style={{ font: 'inherit', color: c.muted, background: 'none', border: 0, cursor: 'pointer', padding: '0 4px' }}>
        ✕
      </button>
    </li>
  );
}

/** The add menu: a WAI-ARIA menu (see useMenu) whose regex field Tab reaches; `inside` holds it and its button. */
function AddMenu(p: { colours: ChromeColours; inside: RefObject<HTMLElement | null>; onAdd: (t: Transform) => void; onClose: (by: 'key' | 'pointer') => void }) {
  const c = p.colours;
  const menu = useRef<HTMLDivElement>(null);
  const onKeyDown = useMenu(menu, p.onClose, { inside: p.inside, closeOnTab: false });
  const [regex, setRegex] = useState('');
  const error = regexMessage(regex);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (regex && !error) p.onAdd({ kind: 'keep', match: { regex } });
  };
  const item: CSSProperties = { display: 'block', width: '100%', textAlign: 'left', font: 'inherit', color: 'inherit', background: 'none', border: 0, padding: '3px 8px', cursor: 'pointer' };
  return (
    <div
      ref={menu}
      role="menu"
      aria-label="Add a transform"
      data-testid="transform-menu"
      onKeyDown={onKeyDown}
      style={{ position: 'absolute', top: '100%', left: 0, zIndex: 20, minWidth: 280, background: c.tooltipBackground, border: `1px solid ${c.line}`, borderRadius: 6, boxShadow: '0 4px 14px rgba(0,0,0,0.2)', padding: 4 }}
    >
      <div style={{ color: c.muted, fontSize: 12, padding: '2px 8px' }}>Hide runtime frames</div>
      {PRESETS.map((preset) => (
        <button key={preset.id} type="button" role="menuitem" title={preset.description} data-preset={preset.id} style={item} onClick={() => p.onAdd({ kind: 'hide', match: { preset: preset.id } })}>
          Hide {preset.label}
        </button>
      ))}
      <button type="button" role="menuitem" style={item} data-testid="add-merge-recursion" onClick={() => p.onAdd({ kind: 'merge-recursion' })}>
        Merge recursion
      </button>
      <form onSubmit={submit} style={{ padding: '4px 8px', display: 'flex', gap: 4, alignItems: 'center' }}>
        <input aria-label="Only stacks with a frame matching (regex)" placeholder="only stacks matching regex" value={regex} onChange={(e) => setRegex(e.target.value)} style={{ ...inputStyle(c, !!error), width: '14em' }} />
        <button type="submit" disabled={!regex || !!error} style={buttonStyle(c)}>
          Add
        </button>
      </form>
      {error && <div style={{ color: c.error, fontSize: 12, padding: '0 8px' }}>{error}</div>}
    </div>
  );
}

function regexMessage(text: string): string | null {
  if (!text) return null;
  try {
    compileRegex(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
