import { diffFunctionTable, functionTable, StringTable, type FunctionTable as Table } from '@flamelens/core';
import { diffFromFolded, treeFromFolded } from '@flamelens/core/testing';
import { FunctionTable } from '@flamelens/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mounter, typeInto } from './support.tsx';

const TREE = treeFromFolded(`
  main;encoding/json.Unmarshal;encoding/json.(*decodeState).object 6
  main;encoding/json.Unmarshal;reflect.Value.Set 2
  main;render 3
  main;render;render 1
  gc;mark 4
`);
const TABLE = functionTable(TREE);
const { mount, cleanup } = mounter();
afterEach(cleanup);

const rowsOf = (el: HTMLElement) => [...el.querySelectorAll('[role="rowgroup"] [role="row"]')] as HTMLElement[];
const namesOf = (el: HTMLElement) => rowsOf(el).sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex'))).map((r) => r.firstElementChild!.textContent);
const header = (el: HTMLElement, column: string) => el.querySelector(`[role="columnheader"][data-column="${column}"]`) as HTMLElement;

describe('<FunctionTable>', () => {
  it('lists every function by self, heaviest first, with values and shares of the whole', async () => {
    const { q } = mount(<FunctionTable table={TABLE} names={TREE.names} unit={TREE.unit} />);
    await expect.poll(() => rowsOf(q('function-table')!).length).toBe(7);
    // self: object 6, mark 4, render 3+1 = 4 (ties by name: mark < render), Set 2, then 0s by name
    expect(namesOf(q('function-table')!)).toEqual(['encoding/json.(*decodeState).object', 'mark', 'render', 'reflect.Value.Set', 'encoding/json.Unmarshal', 'gc', 'main']);
    expect(header(q('function-table')!, 'self').getAttribute('aria-sort')).toBe('descending');
    const render = rowsOf(q('function-table')!).find((r) => r.firstElementChild!.textContent === 'render')!;
    // render: self 4, total 4 (the recursive call is counted once per stack) of 16
    expect([...render.children].map((c) => c.textContent)).toEqual(['render', '4', '25%', '4', '25%']);
  });

  it('sorts by a clicked header, and reverses on a second click', async () => {
    const { q } = mount(<FunctionTable table={TABLE} names={TREE.names} unit={TREE.unit} />);
    const el = q('function-table')!;
    header(el, 'total').querySelector('button')!.click();
    await expect.poll(() => header(el, 'total').getAttribute('aria-sort')).toBe('descending');
    expect(header(el, 'self').getAttribute('aria-sort')).toBe('none');
    expect(namesOf(el).slice(0, 3)).toEqual(['main', 'encoding/json.Unmarshal', 'encoding/json.(*decodeState).object']);
    header(el, 'total').querySelector('button')!.click();
    await expect.poll(() => header(el, 'total').getAttribute('aria-sort')).toBe('ascending');
    expect(namesOf(el).slice(0, 2)).toEqual(['reflect.Value.Set', 'gc']);
    header(el, 'name').querySelector('button')!.click();
    await expect.poll(() => namesOf(el)[0]).toBe('encoding/json.(*decodeState).object');
    expect(header(el, 'name').getAttribute('aria-sort')).toBe('ascending');
  });

  it('filters by substring or /regex/, and says so when the regex is bad', async () => {
    const { q } = mount(<FunctionTable table={TABLE} names={TREE.names} unit={TREE.unit} />);
    const el = q('function-table')!;
    const input = q('function-filter') as HTMLInputElement;
    typeInto(input, 'JSON');
    await expect.poll(() => namesOf(el)).toEqual(['encoding/json.(*decodeState).object', 'encoding/json.Unmarshal']);
    expect(q('function-count')!.textContent).toBe('2 of 7 functions');
    typeInto(input, '/^(gc|mark)$/');
    await expect.poll(() => namesOf(el)).toEqual(['mark', 'gc']);
    typeInto(input, '/(unclosed/');
    await expect.poll(() => q('function-count')!.textContent).toMatch(/^Not a valid regular expression/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(namesOf(el)).toHaveLength(7); // a bad filter filters nothing
  });

  it('keeps only the rows in view in the DOM with 100 000 functions, and scrolls to the last one', async () => {
    const n = 100_000;
    const names = StringTable.fromStrings(['all', ...Array.from({ length: n }, (_, i) => `pkg.fn${i}`)]);
    const nameId = Uint32Array.from({ length: n }, (_, i) => i + 1);
    const self = Float64Array.from({ length: n }, (_, i) => n - i);
    const table: Table = { nameId, self, total: self, whole: (n * (n + 1)) / 2 };
    const { q, rerender } = mount(<FunctionTable table={table} names={names} unit="samples" height={400} />);
    const el = q('function-table')!;
    await expect.poll(() => rowsOf(el).length).toBeGreaterThan(10);
    expect(rowsOf(el).length).toBeLessThan(50);
    expect(q('function-grid')!.getAttribute('aria-rowcount')).toBe(String(n + 1));
    const grid = q('function-grid')!;
    grid.focus();
    grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await expect.poll(() => namesOf(el).at(-1)).toBe('pkg.fn99999');
    expect(rowsOf(el).length).toBeLessThan(50);
    expect(grid.scrollTop).toBeGreaterThan(2_000_000);
    // a function chosen elsewhere (the graph) is scrolled into view
    rerender(<FunctionTable table={table} names={names} unit="samples" height={400} selectedNameId={50_001} />);
    await expect.poll(() => rowsOf(el).find((r) => r.getAttribute('aria-selected') === 'true')?.firstElementChild?.textContent).toBe('pkg.fn50000');
    expect(rowsOf(el).length).toBeLessThan(50);
  });

  it('moves with the arrow keys and chooses with Enter; a click chooses too; the selected row is marked', async () => {
    const chosen: [number, string][] = [];
    const props = { table: TABLE, names: TREE.names, unit: TREE.unit, onSelect: (id: number, name: string) => chosen.push([id, name]) };
    const { q, rerender } = mount(<FunctionTable {...props} />);
    const grid = q('function-grid')!;
    await expect.poll(() => rowsOf(grid).length).toBe(7);
    grid.focus();
    grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await expect.poll(() => chosen.map((c) => c[1])).toEqual(['mark']);
    rowsOf(grid).find((r) => r.firstElementChild!.textContent === 'gc')!.click();
    await expect.poll(() => chosen.at(-1)?.[1]).toBe('gc');
    expect(TREE.names.get(chosen.at(-1)![0])).toBe('gc');
    rerender(<FunctionTable {...props} selectedNameId={chosen.at(-1)![0]} />);
    await expect.poll(() => rowsOf(grid).filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.firstElementChild!.textContent)).toEqual(['gc']);
  });

  it('shows baseline, comparison and delta on a diff, and filters by change', async () => {
    const diff = diffFromFolded(
      `main;a 5
       main;b 5`,
      `main;a 2
       main;b 6
       main;c 2`,
    );
    const { q } = mount(<FunctionTable table={diffFunctionTable(diff)} names={diff.names} unit={diff.unit} />);
    const el = q('function-table')!;
    await expect.poll(() => rowsOf(el).length).toBe(4);
    const cells = (name: string) => [...rowsOf(el).find((r) => r.firstElementChild!.textContent === name)!.children].map((c) => c.textContent);
    // a: 50% → 20% of each whole: −30 pp; c is new
    expect(cells('a')).toEqual(['a', '5', '50%', '2', '20%', '−30.00 pp', '−30.00 pp']);
    expect(cells('c')[5]).toBe('new');
    q('change-grew')!.click();
    await expect.poll(() => namesOf(el)).toEqual(['b']);
    expect(q('change-grew')!.getAttribute('aria-pressed')).toBe('true');
    q('change-new')!.click();
    await expect.poll(() => namesOf(el)).toEqual(['c']);
    q('change-new')!.click();
    await expect.poll(() => namesOf(el)).toHaveLength(4);
  });

  it('writes and sorts the Δ columns in the diff metric it is given (the graph’s colour metric)', async () => {
    // a: 1 of 10 → 4 of 20 (share 10% → 20%); b: 9 of 10 → 16 of 20 (90% → 80%)
    const diff = diffFromFolded('main;a 1\nmain;b 9', 'main;a 4\nmain;b 16');
    const props = { table: diffFunctionTable(diff), names: diff.names, unit: diff.unit, formatValue: (v: number) => `${v} ms`, defaultSort: { by: 'delta' as const } };
    const { q, rerender } = mount(<FunctionTable {...props} diffMetric="absolute-delta" />);
    const el = q('function-table')!;
    const delta = (name: string) => [...rowsOf(el).find((r) => r.firstElementChild!.textContent === name)!.children].slice(5).map((c) => c.textContent);
    await expect.poll(() => rowsOf(el).length).toBe(3);
    // by the difference of values: main +10, b +7, a +3
    expect(namesOf(el)).toEqual(['main', 'b', 'a']);
    expect(delta('b')).toEqual(['+7 ms', '+7 ms']);
    expect(header(el, 'delta').querySelector('button')!.title).toMatch(/difference of the values/);
    rerender(<FunctionTable {...props} diffMetric="relative-change" />);
    // by the relative change of the share: a +100%, main 0, b −11.1%
    await expect.poll(() => namesOf(el)).toEqual(['a', 'main', 'b']);
    expect(delta('b')).toEqual(['−11.1%', '−11.1%']);
    expect(delta('main')).toEqual(['0.0%', '0.0%']);
    rerender(<FunctionTable {...props} />);
    await expect.poll(() => delta('a')).toEqual(['+10.00 pp', '+10.00 pp']);
    expect(namesOf(el)).toEqual(['a', 'main', 'b']);
  });

  it('shows names as text, never as HTML', async () => {
    const tree = treeFromFolded('main;<img src=x onerror=alert(1)> 1');
    const { q } = mount(<FunctionTable table={functionTable(tree)} names={tree.names} unit={tree.unit} />);
    await expect.poll(() => namesOf(q('function-table')!)).toContain('<img src=x onerror=alert(1)>');
    expect(q('function-table')!.querySelector('img')).toBeNull();
  });
});
