/**
 * The panel's view state in the dashboard's URL: transforms, inverted view and sandwich written as query
 * parameters of their own panel, read back the same, and a hand-edited link that cannot be read said so.
 */
import { describe, expect, test } from 'vitest';
import type { Transform } from '@flamelens/core';
import { locationService } from '@grafana/runtime';
import { queryKeys, queryOfViewState, viewStateFromQuery, type ViewState } from '../src/view/use-view-state.ts';

const STATE: ViewState = {
  transforms: [{ kind: 'hide', match: { preset: 'go-runtime' } }, { kind: 'focus', match: { name: 'a;b~c %d' } }, { kind: 'merge-recursion' }] as Transform[],
  inverted: true,
  sandwich: '<img src=x onerror=alert(1)>',
};

describe('a view state in the URL', () => {
  test('is read back as it was written, through the locationService', () => {
    locationService.partial(queryOfViewState(STATE, 7), true);
    const { state, error } = viewStateFromQuery(locationService.getSearchObject(), 7);
    expect(error).toBeNull();
    expect(state).toEqual(STATE);
  });

  test('the default state removes the panel’s keys, and leaves other keys alone', () => {
    locationService.partial({ from: 'now-1h', ...queryOfViewState(STATE, 7) }, true);
    locationService.partial(queryOfViewState({ transforms: [], inverted: false, sandwich: null }, 7), true);
    expect(locationService.getSearchObject()).toEqual({ from: 'now-1h' });
    expect(viewStateFromQuery(locationService.getSearchObject(), 7).state).toEqual({ transforms: [], inverted: false, sandwich: null });
  });

  test('each panel reads only its own keys', () => {
    const query = queryOfViewState(STATE, 1);
    expect(Object.keys(query).sort()).toEqual(Object.values(queryKeys(1)).sort());
    expect(viewStateFromQuery(query, 2).state).toEqual({ transforms: [], inverted: false, sandwich: null });
  });

  test('a link edited by hand: unreadable transforms are said and left out, the rest applies', () => {
    const keys = queryKeys(3);
    const { state, error } = viewStateFromQuery({ [keys.transforms]: 'zz:nonsense', [keys.inverted]: true, [keys.sandwich]: ['main', 'other'] }, 3);
    expect(error).toMatch(/^The link's transforms could not be read: /);
    expect(state).toEqual({ transforms: [], inverted: true, sandwich: 'main' });
    // values Grafana's parser may give: numbers, empty strings, objects
    expect(viewStateFromQuery({ [keys.inverted]: 0, [keys.sandwich]: '' }, 3).state).toEqual({ transforms: [], inverted: false, sandwich: null });
    expect(viewStateFromQuery({ [keys.transforms]: { a: 1 }, [keys.sandwich]: 42 }, 3).state).toEqual({ transforms: [], inverted: false, sandwich: '42' });
  });
});
