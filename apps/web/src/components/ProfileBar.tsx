import { formatValue, summarize, type FrameTree } from '@flamelens/core';
import type { DiffSide } from '@flamelens/core/client';
import type { Shown } from '../loading/use-workspace.ts';

/** What is on screen: the profile's name and figures, or both sides of a diff with swap / replace / alone. */
export function ProfileBar({
  shown,
  tree,
  onSwap,
  onReplace,
  onAlone,
}: {
  shown: Shown;
  tree: FrameTree;
  onSwap: () => void;
  onReplace: (side: DiffSide, file: File) => void;
  onAlone: (side: DiffSide) => void;
}) {
  const summary = summarize(tree);
  if (shown.kind === 'single') {
    return (
      <section className="profile-bar" aria-label="Profile">
        <h2 data-testid="source-name">{shown.source.name}</h2>
        <Fact label="Format" testId="format" value={summary.format} />
        <Fact label="Total" value={formatValue(tree.total[0] ?? 0, tree.unit)} />
        <Fact label="Functions" value={summary.functions.toLocaleString('en-US')} />
        <Fact label="Stacks" value={summary.stacks.toLocaleString('en-US')} />
        <Fact label="Max depth" value={String(summary.maxDepth)} />
        {summary.dropped.length > 0 && (
          <span className="warning" title={summary.dropped.map((d) => `${d.count} × ${d.reason}`).join('\n')}>
            {summary.dropped.reduce((n, d) => n + d.count, 0).toLocaleString('en-US')} inputs skipped or repaired
          </span>
        )}
      </section>
    );
  }
  const diff = shown.diff.tree;
  const side = (which: DiffSide) => {
    const ref = which === 'baseline' ? shown.baseline : shown.comparison;
    const column = (which === 'baseline') !== !!shown.swapped ? 'before' : 'after';
    const name = ref?.name ?? `${shown.baseline.name} (${column})`;
    const total = which === 'baseline' ? diff.baselineTotal : diff.comparisonTotal;
    return (
      <span className={`side side-${which}`} data-testid={`side-${which}`}>
        <span className="side-role">{which === 'baseline' ? 'Baseline' : 'Comparison'}</span>
        <strong data-testid={`${which}-name`}>{name}</strong>
        <span className="muted">{formatValue(total, diff.unit)}</span>
        {shown.comparison && (
          <>
            <label className="link-button" title={`Replace the ${which} with another file`}>
              replace…
              <input
                type="file"
                data-testid={`replace-${which}`}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) onReplace(which, file);
                }}
              />
            </label>
            <button type="button" className="link-button" onClick={() => onAlone(which)} data-testid={`alone-${which}`}>
              view alone
            </button>
          </>
        )}
      </span>
    );
  };
  return (
    <section className="profile-bar diff" aria-label="Comparison">
      <h2 data-testid="source-name" className="visually-hidden">
        {shown.comparison ? `${shown.baseline.name} → ${shown.comparison.name}` : shown.baseline.name}
      </h2>
      {side('baseline')}
      <button type="button" className="button swap" onClick={onSwap} data-testid="swap" title="Exchange baseline and comparison">
        ⇄ Swap
      </button>
      {side('comparison')}
      <Fact label="Format" testId="format" value={summary.format} />
      <Fact label="Functions" value={summary.functions.toLocaleString('en-US')} />
    </section>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <span className="fact">
      <span className="muted">{label}</span> <span data-testid={testId}>{value}</span>
    </span>
  );
}
