#!/usr/bin/env node
// Reads the test reports (Vitest JSON, Playwright JSON, and steps.tsv for build/check steps) and prints
// the plain closing line "N passed, N failed". Exit 1 on any failure, a missing report, or no test at all.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.log(`summary: missing report ${file} (its step did not run or crashed)`);
    failed++;
    continue;
  }
  if (file.endsWith('.tsv')) {
    for (const line of text.trim().split('\n').filter(Boolean)) {
      const [name, result] = line.split('\t');
      if (result === 'passed') passed++;
      else {
        failed++;
        console.log(`summary: step failed: ${name}`);
      }
    }
    continue;
  }
  let r;
  try {
    r = JSON.parse(text);
  } catch {
    console.log(`summary: unreadable report ${file}`);
    failed++;
    continue;
  }
  if (typeof r.numTotalTests === 'number') {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    // a file that failed to load has no failed tests of its own
    if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) failed += r.numFailedTestSuites;
  } else if (r.stats && typeof r.stats.expected === 'number') {
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected + (r.errors ?? []).length;
    skipped += r.stats.skipped;
  } else {
    console.log(`summary: unknown report format ${file}`);
    failed++;
  }
}
if (skipped > 0) console.log(`(${skipped} skipped)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
