import { modulesOfNames, pathOf, type FrameIndex, type FrameTree, type Transform } from '@flamelens/core';
import type { FramePath } from './use-focus-history.ts';

/** What a frame's context menu offers; the host turns most of them into a transform (`transformForAction`). */
export type FrameAction = 'focus-function' | 'keep-function' | 'hide-function' | 'drop-function' | 'merge-recursion' | 'collapse-module' | 'show-sandwich';

/** The frame a context action was chosen on. */
export interface FrameActionInfo {
  readonly frame: FrameIndex;
  readonly name: string;
  /** The function's name id (stable across views of one profile: they share the names table). */
  readonly nameId: number;
  /** The frame's module or package (see core's moduleOfName), or null when it has none. */
  readonly module: string | null;
  /** Names from the root's child to the frame. */
  readonly path: FramePath;
}

/** The menu entries, in order, with their labels; `collapse-module` is offered only when the frame has a module. */
export const FRAME_ACTIONS: readonly { readonly action: FrameAction; readonly label: (info: FrameActionInfo) => string }[] = [
  { action: 'show-sandwich', label: () => 'Show callers and callees (sandwich)' },
  { action: 'focus-function', label: () => 'Focus on function' },
  { action: 'keep-function', label: () => 'Only stacks with function' },
  { action: 'hide-function', label: () => 'Hide function (merge into caller)' },
  { action: 'drop-function', label: () => 'Drop stacks with function' },
  { action: 'merge-recursion', label: () => 'Merge recursion of function' },
  { action: 'collapse-module', label: (info) => `Collapse module ${info.module ?? ''}` },
];

/** The frame's details for a context action. */
export function frameActionInfo(tree: FrameTree, frame: FrameIndex): FrameActionInfo {
  const nameId = tree.nameId[frame]!;
  return { frame, name: tree.names.get(nameId), nameId, module: modulesOfNames(tree)[nameId] ?? null, path: pathOf(tree, frame) };
}

/** The transform an action stands for (null for `show-sandwich`, which opens a view instead). */
export function transformForAction(action: FrameAction, info: Pick<FrameActionInfo, 'name' | 'module'>): Transform | null {
  const match = { name: info.name };
  switch (action) {
    case 'focus-function':
      return { kind: 'focus', match };
    case 'keep-function':
      return { kind: 'keep', match };
    case 'hide-function':
      return { kind: 'hide', match };
    case 'drop-function':
      return { kind: 'drop', match };
    case 'merge-recursion':
      return { kind: 'merge-recursion', match };
    case 'collapse-module':
      return info.module ? { kind: 'collapse-module', module: info.module } : null;
    case 'show-sandwich':
      return null;
  }
}
