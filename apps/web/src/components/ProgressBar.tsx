import { formatValue, type ParseProgress } from '@flamelens/core';
import type { Loading } from '../loading/use-workspace.ts';

const SIDE_LABEL = { single: '', baseline: 'baseline', comparison: 'comparison' } as const;

/** Bytes and stacks read (per side for a diff), a bar when the size is known, and Cancel. */
export function ProgressBar({ loading, onCancel }: { loading: Loading; onCancel: () => void }) {
  const sides = (['single', 'baseline', 'comparison'] as const).filter((k) => loading.progress[k]);
  return (
    <div className="progress" role="status" aria-live="polite" data-testid="progress">
      <span className="progress-label">{loading.label}…</span>
      {sides.map((side) => (
        <Side key={side} label={SIDE_LABEL[side]} progress={loading.progress[side]!} />
      ))}
      <button type="button" onClick={onCancel} data-testid="cancel">
        Cancel
      </button>
    </div>
  );
}

function Side({ label, progress }: { label: string; progress: ParseProgress }) {
  const fraction = progress.totalBytes ? Math.min(1, progress.bytesRead / progress.totalBytes) : null;
  return (
    <span className="progress-side" data-testid="progress-side">
      {label && <span className="progress-side-name">{label}</span>}
      {fraction !== null && <progress max={1} value={fraction} aria-label={`${label || 'file'} read`} />}
      <span className="progress-figures">
        {fraction !== null && `${Math.round(fraction * 100)}% · `}
        {formatValue(progress.bytesRead, 'bytes')}
        {progress.totalBytes ? ` of ${formatValue(progress.totalBytes, 'bytes')}` : ''} · {progress.stacks.toLocaleString('en-US')} stacks
        {progress.phase === 'building' ? ' · building the tree' : ''}
      </span>
    </span>
  );
}
