import type { Meta, StoryObj } from '@storybook/react-vite';
import { formatValue, summarize, type ProfileSummary } from '@flamelens/core';
import { ProfileParser } from '@flamelens/core/client';
import { useEffect, useState } from 'react';

/** Parses folded text in the real parser worker and shows the summary it sends back. */
function WorkerParse({ folded }: { folded: string }) {
  const [summary, setSummary] = useState<ProfileSummary | string>('parsing…');
  useEffect(() => {
    const parser = new ProfileParser();
    void parser.parse(new TextEncoder().encode(folded)).then((outcome) => {
      setSummary(outcome.ok ? summarize(outcome.profile.tree) : outcome.error.message);
    });
    return () => parser.dispose();
  }, [folded]);
  if (typeof summary === 'string') return <p data-testid="status">{summary}</p>;
  const type = summary.sampleTypes[0]!;
  return (
    <dl data-testid="summary">
      <dt>format</dt>
      <dd>{summary.format}</dd>
      <dt>total</dt>
      <dd data-testid="total">{formatValue(type.total, type.unit)}</dd>
      <dt>stacks</dt>
      <dd>{summary.stacks}</dd>
    </dl>
  );
}

const meta: Meta<typeof WorkerParse> = { title: 'Core/Worker parse', component: WorkerParse };
export default meta;

export const FoldedStacks: StoryObj<typeof WorkerParse> = {
  args: { folded: 'main;parse;read 3\nmain;render 5\n' },
};

export const NotAProfile: StoryObj<typeof WorkerParse> = {
  args: { folded: 'hello world\n' },
};
