import { applyTransforms } from '@flamelens/core';
import { drawTree, frameAt, treeFromFolded } from '@flamelens/core/testing';
import { frameActionInfo, transformForAction } from '@flamelens/react';
import { describe, expect, it } from 'vitest';

const TREE = treeFromFolded(`
  main.main;compress/flate.(*Writer).Write;compress/flate.(*compressor).deflate 5
  main.main;runtime.mallocgc 2
`);

describe('frame actions', () => {
  it('describe the frame: name, name id, module and path', () => {
    const frame = frameAt(TREE, 'main.main;compress/flate.(*Writer).Write');
    const info = frameActionInfo(TREE, frame);
    expect(info).toMatchObject({ frame, name: 'compress/flate.(*Writer).Write', module: 'compress/flate', path: ['main.main', 'compress/flate.(*Writer).Write'] });
    expect(TREE.names.get(info.nameId)).toBe(info.name);
  });

  it('become the transforms the host applies', () => {
    const info = frameActionInfo(TREE, frameAt(TREE, 'main.main;compress/flate.(*Writer).Write'));
    const collapse = transformForAction('collapse-module', info)!;
    expect(collapse).toEqual({ kind: 'collapse-module', module: 'compress/flate' });
    const result = applyTransforms(TREE, [collapse]);
    if (!result.ok) throw new Error(result.error.message);
    expect(drawTree(result.tree)).toBe(drawTree(treeFromFolded(`
      main.main;compress/flate 5
      main.main;runtime.mallocgc 2
    `)));
    expect(transformForAction('drop-function', info)).toEqual({ kind: 'drop', match: { name: 'compress/flate.(*Writer).Write' } });
    expect(transformForAction('show-sandwich', info)).toBeNull();
    expect(transformForAction('collapse-module', { name: 'x', module: null })).toBeNull();
  });
});
