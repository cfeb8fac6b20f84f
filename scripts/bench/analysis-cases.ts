/**
 * The analyses the bench times, chosen from the profile itself so every size gets comparable cases:
 * the heaviest function (largest total: its callees are most of the tree), the most frequent one (most
 * frames: the most callers to merge), and the 100th heaviest (a typical function), plus its module.
 */
import { functionTable, functionRows, moduleOfName, type FrameTree, type ViewSpec } from '../../packages/core/src/index.ts';

/** One timed analysis: a view of the profile, or a sandwich in the untransformed profile. */
export interface AnalysisCase {
  readonly label: string;
  readonly spec: ViewSpec;
  /** When set, the case is the sandwich of this function (in `spec`'s view). */
  readonly sandwich?: string;
}

export function analysisCases(tree: FrameTree): AnalysisCase[] {
  const table = functionTable(tree);
  const byTotal = functionRows(table, tree.names, { sortBy: 'total' });
  const name = (row: number) => tree.names.get(table.nameId[row]!);
  const heaviest = name(byTotal[0]!);
  const typical = name(byTotal[Math.min(99, byTotal.length - 1)]!);
  const frames = new Uint32Array(tree.names.length);
  for (let i = 1; i < tree.length; i++) frames[tree.nameId[i]!]!++;
  let frequentId = 1;
  for (let id = 1; id < frames.length; id++) if (frames[id]! > frames[frequentId]!) frequentId = id;
  const frequent = tree.names.get(frequentId);
  const module = moduleOfName(typical) ?? typical;
  const none: ViewSpec = { transforms: [] };
  return [
    { label: `sandwich: heaviest (${heaviest})`, spec: none, sandwich: heaviest },
    { label: `sandwich: most frames (${frequent})`, spec: none, sandwich: frequent },
    { label: `sandwich: 100th heaviest (${typical})`, spec: none, sandwich: typical },
    { label: 'hide: most frames', spec: { transforms: [{ kind: 'hide', match: { name: frequent } }] } },
    { label: 'focus: heaviest', spec: { transforms: [{ kind: 'focus', match: { name: heaviest } }] } },
    { label: 'drop: most frames', spec: { transforms: [{ kind: 'drop', match: { name: frequent } }] } },
    { label: 'keep: 100th heaviest', spec: { transforms: [{ kind: 'keep', match: { name: typical } }] } },
    { label: 'merge recursion (all functions)', spec: { transforms: [{ kind: 'merge-recursion' }] } },
    { label: `collapse module ${module}`, spec: { transforms: [{ kind: 'collapse-module', module }] } },
    { label: `hide regex ^${module}\\.`, spec: { transforms: [{ kind: 'hide', match: { regex: `^${module}\\.` } }] } },
    { label: 'inverted (bottom-up)', spec: { transforms: [], inverted: true } },
  ];
}
