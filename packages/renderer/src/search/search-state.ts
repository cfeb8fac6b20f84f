import type { FrameTree } from '@flamelens/core';
import { runToEnd, scheduleSlices } from '../layout/sliced-job.ts';
import { compileSearch, SearchJob, type SearchQuery } from './search.ts';

/** What the UI shows about the search. */
export interface SearchResult {
  /** `none`: no search; `invalid`: bad regex (see message); `running`: figures not final yet. */
  readonly state: 'none' | 'invalid' | 'running' | 'done';
  readonly message: string;
  /** The name pass is complete: matches can be drawn while the frame pass still counts. */
  readonly namesReady: boolean;
  /** Σ total of outermost matching frames (once per stack), in the tree's unit. */
  readonly matchedTotal: number;
  /** Matching frames. */
  readonly matchedFrames: number;
}

const NONE: SearchResult = { state: 'none', message: '', namesReady: false, matchedTotal: 0, matchedFrames: 0 };

/** The renderer's search: compiles the query, runs the SearchJob (in slices on big trees), keeps the mask. */
export class SearchState {
  result: SearchResult = NONE;
  nameMatches: Uint8Array | null = null;
  matchRange: ((name: string) => readonly [number, number] | null) | null = null;
  private stop: (() => void) | null = null;

  constructor(private readonly onFinal: () => void) {}

  /** Starts searching `tree` for `query` (null/empty = stop searching). `redraw` is called as results arrive. */
  start(tree: FrameTree, query: SearchQuery | null, sync: boolean, redraw: () => void): void {
    this.cancel();
    const compiled = compileSearch(query);
    if (!compiled) {
      this.reset(NONE);
      this.onFinal();
      return;
    }
    if (!compiled.ok) {
      this.reset({ ...NONE, state: 'invalid', message: compiled.message });
      this.onFinal();
      return;
    }
    const job = new SearchJob(tree, compiled);
    this.nameMatches = job.nameMatches;
    this.matchRange = compiled.range;
    const finish = () => {
      this.stop = null;
      this.result = { state: 'done', message: '', namesReady: true, matchedTotal: job.matchedTotal, matchedFrames: job.matchedFrames };
      redraw();
      this.onFinal();
    };
    if (sync) {
      runToEnd(job);
      finish();
      return;
    }
    this.result = { ...NONE, state: 'running' };
    let namesSeen = false;
    this.stop = scheduleSlices(
      {
        step: (deadline) => {
          const done = job.step(deadline);
          if (!namesSeen && job.namesReady) {
            namesSeen = true;
            this.result = { ...this.result, namesReady: true };
            redraw();
          }
          return done;
        },
      },
      finish,
    );
  }

  cancel(): void {
    this.stop?.();
    this.stop = null;
  }

  /** Bytes held: one per name. */
  get bytes(): number {
    return this.nameMatches?.byteLength ?? 0;
  }

  private reset(result: SearchResult): void {
    this.result = result;
    this.nameMatches = null;
    this.matchRange = null;
  }
}
