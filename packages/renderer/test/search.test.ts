import { formatPercent } from '@flamelens/core';
import { frameAt, treeFromFolded } from '@flamelens/core/testing';
import { compileSearch, nextMatch, runToEnd, SearchJob, type SearchQuery } from '@flamelens/renderer';
import { describe, expect, it } from 'vitest';

const TREE = treeFromFolded(`
  main;encoding/json.Unmarshal;encoding/json.(*decodeState).object 6
  main;encoding/json.Unmarshal;reflect.Value.Set 2
  main;JSONParser.parse 1
  main;render 3
  gc;mark 4
`);

function search(query: SearchQuery) {
  const compiled = compileSearch(query);
  if (!compiled?.ok) throw new Error('bad query');
  const job = new SearchJob(TREE, compiled);
  runToEnd(job);
  return job;
}

describe('search', () => {
  it('matches substrings case-insensitively by default', () => {
    const job = search({ text: 'json' });
    expect(job.matchedFrames).toBe(3); // Unmarshal, its decodeState child, JSONParser.parse
    const names = [...job.nameMatches].flatMap((m, id) => (m ? [TREE.names.get(id)] : []));
    expect(names.sort()).toEqual(['JSONParser.parse', 'encoding/json.(*decodeState).object', 'encoding/json.Unmarshal']);
  });

  it('counts nested matches once per stack for the matched share', () => {
    // Unmarshal (8) contains a matching child (6): the share is 8 + 1 (JSONParser), not 15.
    const job = search({ text: 'json' });
    expect(job.matchedTotal).toBe(9);
    expect(formatPercent(job.matchedTotal, TREE.total[0]!)).toBe('56.3%');
  });

  it('respects case when asked', () => {
    expect(search({ text: 'JSON', caseSensitive: true }).matchedFrames).toBe(1);
  });

  it('takes regular expressions, and reports a broken one as a message', () => {
    const job = search({ text: '^(gc|mark)$', mode: 'regex' });
    expect(job.matchedFrames).toBe(2);
    expect(job.matchedTotal).toBe(4);
    const bad = compileSearch({ text: '(unclosed', mode: 'regex' });
    expect(bad?.ok).toBe(false);
    expect(bad && !bad.ok && bad.message).toMatch(/Not a valid regular expression/);
  });

  it('matches one whole name exactly, regex characters and case included (a function highlighted)', () => {
    const job = search({ text: 'encoding/json.(*decodeState).object', mode: 'exact' });
    expect(job.matchedFrames).toBe(1);
    expect(job.matchedTotal).toBe(6);
    expect(search({ text: 'encoding/json.unmarshal', mode: 'exact' }).matchedFrames).toBe(0);
    expect(search({ text: 'json', mode: 'exact' }).matchedFrames).toBe(0);
  });

  it('treats an empty query as no search', () => {
    expect(compileSearch({ text: '' })).toBeNull();
  });

  it('never matches the synthetic root', () => {
    expect(search({ text: 'all' }).matchedFrames).toBe(0);
  });

  it('says where the match is inside a name (to keep it visible in labels)', () => {
    const compiled = compileSearch({ text: 'decode' });
    expect(compiled?.ok && compiled.range('encoding/json.(*decodeState).object')).toEqual([16, 22]);
  });

  it('walks through matches in tree order and wraps around', () => {
    const job = search({ text: 'json' });
    const first = nextMatch(TREE, job.nameMatches, 0, 1);
    expect(first).toBe(frameAt(TREE, 'main;JSONParser.parse'));
    const second = nextMatch(TREE, job.nameMatches, first, 1);
    expect(second).toBe(frameAt(TREE, 'main;encoding/json.Unmarshal'));
    const third = nextMatch(TREE, job.nameMatches, second, 1);
    expect(nextMatch(TREE, job.nameMatches, third, 1)).toBe(first);
    expect(nextMatch(TREE, job.nameMatches, first, -1)).toBe(third);
  });
});
