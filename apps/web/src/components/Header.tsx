import type { SampleType } from '@flamelens/core';
import { formatValue } from '@flamelens/core';
import { useRef, type ChangeEvent } from 'react';
import type { ViewState } from '../state/url-state.ts';

export interface HeaderProps {
  readonly hasProfile: boolean;
  readonly isDiff: boolean;
  readonly sampleTypes: readonly SampleType[];
  readonly sampleTypeIndex: number;
  readonly onSampleType: (index: number) => void;
  readonly onOpen: (files: File[]) => void;
  readonly onCompare: (files: File[]) => void;
  readonly onPaste: () => void;
  readonly onExampleDiff: () => void;
  readonly layout: NonNullable<ViewState['layout']>;
  readonly onLayout: (layout: NonNullable<ViewState['layout']>) => void;
  readonly theme: ViewState['theme'] | 'system';
  readonly onTheme: (theme: 'light' | 'dark' | 'system') => void;
  readonly onExportPng: () => void;
  readonly onExportFolded: () => void;
}

const LAYOUTS = [
  ['both', 'Both'],
  ['graph', 'Graph'],
  ['table', 'Table'],
] as const;

/** The app's toolbar: open, compare, paste, sample type, layout, export, theme. */
export function Header(p: HeaderProps) {
  const filesOf = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = ''; // the same file can be picked again
    return files;
  };
  const compareInput = useRef<HTMLInputElement>(null);
  return (
    <header className="toolbar">
      <h1>Flamelens</h1>
      <label className="button primary" title="Open one profile to view it, or two to compare them">
        Open…
        <input type="file" multiple data-testid="file-input" onChange={(e) => p.onOpen(filesOf(e))} />
      </label>
      <label className={`button${p.hasProfile ? '' : ' disabled'}`} title="Compare the profile on screen with another one">
        Compare with…
        <input ref={compareInput} type="file" data-testid="compare-input" disabled={!p.hasProfile} onChange={(e) => p.onCompare(filesOf(e))} />
      </label>
      <button type="button" className="button" onClick={p.onPaste} data-testid="paste-button">
        Paste…
      </button>
      <button type="button" className="button" onClick={p.onExampleDiff} data-testid="example-diff" title="Compare the two bundled Go CPU profiles (GOGC=100 vs GOGC=25)">
        Example diff
      </button>
      <span className="spacer" />
      {p.sampleTypes.length > 0 && (
        <label className="field">
          <span>{p.isDiff ? 'Shared sample type' : 'Sample type'}</span>
          <select data-testid="sample-type" value={p.sampleTypeIndex} onChange={(e) => p.onSampleType(Number(e.target.value))}>
            {p.sampleTypes.map((t, i) => (
              <option key={i} value={i}>
                {t.type}
                {t.unit ? ` (${t.unit})` : ''} — total {formatValue(t.total, t.unit)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="segmented" role="group" aria-label="Layout">
        {LAYOUTS.map(([value, label]) => (
          <button key={value} type="button" aria-pressed={p.layout === value} onClick={() => p.onLayout(value)} data-testid={`layout-${value}`}>
            {label}
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label="Export">
        <button type="button" disabled={!p.hasProfile} onClick={p.onExportPng} data-testid="export-png" title="The flame graph as on screen, as a PNG image">
          PNG
        </button>
        <button type="button" disabled={!p.hasProfile} onClick={p.onExportFolded} data-testid="export-folded" title={p.isDiff ? 'The diff as 3-column folded text (stack before after)' : 'The profile as folded stacks'}>
          Folded
        </button>
      </div>
      <label className="field">
        <span className="visually-hidden">Theme</span>
        <select value={p.theme ?? 'system'} onChange={(e) => p.onTheme(e.target.value as 'light' | 'dark' | 'system')} data-testid="theme" aria-label="Theme">
          <option value="system">Auto theme</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </header>
  );
}
