import { frameAt, treeFromFolded } from '@flamelens/core/testing';
import { move, moveForKey, resolvePath } from '@flamelens/renderer';
import { describe, expect, it } from 'vitest';

const TREE = treeFromFolded(`
  main;a;x 1
  main;b 1
  main;c;y 1
  main;c;z 1
`);
const at = (path: string) => frameAt(TREE, path);

describe('keyboard moves', () => {
  it('goes to the parent, the first child, and the previous and next sibling', () => {
    expect(move(TREE, at('main;b'), 'parent')).toBe(at('main'));
    expect(move(TREE, at('main'), 'first-child')).toBe(at('main;a'));
    expect(move(TREE, at('main;a'), 'next-sibling')).toBe(at('main;b'));
    expect(move(TREE, at('main;b'), 'next-sibling')).toBe(at('main;c'));
    expect(move(TREE, at('main;c'), 'previous-sibling')).toBe(at('main;b'));
    expect(move(TREE, at('main;b'), 'previous-sibling')).toBe(at('main;a'));
  });

  it('stays put at the edges: root has no parent, leaves no child, ends no further sibling', () => {
    expect(move(TREE, 0, 'parent')).toBe(0);
    expect(move(TREE, at('main;a;x'), 'first-child')).toBe(at('main;a;x'));
    expect(move(TREE, at('main;a'), 'previous-sibling')).toBe(at('main;a'));
    expect(move(TREE, at('main;c'), 'next-sibling')).toBe(at('main;c'));
    expect(move(TREE, at('main;c;z'), 'next-sibling')).toBe(at('main;c;z'));
  });

  it('maps arrows by view: in the flame view Up goes toward the leaves', () => {
    expect(moveForKey('ArrowUp', 'icicle')).toBe('parent');
    expect(moveForKey('ArrowUp', 'flame')).toBe('first-child');
    expect(moveForKey('ArrowDown', 'flame')).toBe('parent');
    expect(moveForKey('Enter', 'flame')).toBeNull();
  });

  it('resolves a path of names to the deepest frame that still exists', () => {
    expect(resolvePath(TREE, ['main', 'c', 'z'])).toBe(at('main;c;z'));
    expect(resolvePath(TREE, ['main', 'c', 'gone', 'deeper'])).toBe(at('main;c'));
    expect(resolvePath(TREE, [])).toBe(0);
  });
});
