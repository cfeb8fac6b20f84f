import {
  applyTransforms,
  decodeTransforms,
  formatPercent,
  formatValue,
  functionRows,
  functionTable,
  ProfileError,
  type FrameTree,
} from '@flamelens/core';

/** Options of `flamelens top`. */
export interface TopOptions {
  readonly json: boolean;
  /** Rows shown (default: 25 as text, every row as JSON). */
  readonly limit?: number;
  readonly sortBy: 'self' | 'total';
  /** Transforms as the web app keeps them in its URL (`h:p:go-runtime~f:n:main.work`). */
  readonly transforms?: string;
}

/** Rows printed as text when --limit is not given (the web app's table shows as many). */
export const DEFAULT_TEXT_ROWS = 25;

/**
 * `flamelens top`: the function table — self (where the function is the leaf) and total (stacks that
 * contain it, counted once per stack) — computed by the same core code as the web app's table, heaviest
 * first. JSON is an array of `{ name, self, total }` in the sample type's unit.
 */
export function topCommand(input: FrameTree, options: TopOptions): string {
  const tree = transformed(input, options.transforms);
  const table = functionTable(tree);
  const limit = options.limit ?? (options.json ? Infinity : DEFAULT_TEXT_ROWS);
  const rows = functionRows(table, tree.names, { sortBy: options.sortBy, ...(Number.isFinite(limit) ? { limit } : {}) });
  if (options.json) {
    return JSON.stringify(Array.from(rows, (r) => ({ name: tree.names.get(table.nameId[r]!), self: table.self[r]!, total: table.total[r]! }))) + '\n';
  }
  const unit = tree.unit;
  const type = tree.sampleTypes[tree.sampleTypeIndex];
  const cells = Array.from(rows, (r) => [
    formatValue(table.self[r]!, unit),
    formatPercent(table.self[r]!, table.whole),
    formatValue(table.total[r]!, unit),
    formatPercent(table.total[r]!, table.whole),
    tree.names.get(table.nameId[r]!).replace(/[\r\n]/g, ' '),
  ]);
  const header = ['self', 'self%', 'total', 'total%', 'function'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => (i === c.length - 1 ? cell : cell.padStart(widths[i]!))).join('  ');
  const shown = rows.length < table.nameId.length ? `, top ${rows.length} by ${options.sortBy}` : '';
  return [
    `${type ? `${type.type}/${type.unit || '-'}` : 'values'}: total ${formatValue(table.whole, unit)}, ${table.nameId.length} functions${shown}`,
    line(header),
    ...cells.map(line),
  ].join('\n') + '\n';
}

function transformed(tree: FrameTree, text: string | undefined): FrameTree {
  if (!text) return tree;
  const decoded = decodeTransforms(text);
  if (!decoded.ok) throw new ProfileError('unsupported-format', `--transforms: ${decoded.error.message}`);
  const result = applyTransforms(tree, decoded.transforms);
  if (!result.ok) throw new ProfileError('unsupported-format', `--transforms: ${result.error.message}`);
  return result.tree;
}
