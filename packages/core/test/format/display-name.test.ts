/** How names are shown: invisible and layout-changing characters made visible, one unit for one. */
import { describe, expect, it } from 'vitest';
import { displayName } from '../../src/index.ts';

describe('displayName', () => {
  it('shows C0 controls as pictures, DEL as ␡, C1 and bidi controls as �, one unit for one', () => {
    expect(displayName('a\u0000b\u001bc\u007fd\u0085e\u009bf\u202Eg\u2066h\u200Fi\u2028j')).toBe('a␀b␛c␡d\ufffde\ufffdf\ufffdg\ufffdh\ufffdi\ufffdj');
    expect(displayName('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(displayName('ünïcødé 名前 שם')).toBe('ünïcødé 名前 שם');
  });
});

describe('displayName keeps indices', () => {
  it('has the same length as the name, so a search match range indexes what is shown', () => {
    const name = 'x\u0000y\u202Ez\u009b';
    expect(displayName(name)).toHaveLength(name.length);
  });
});
