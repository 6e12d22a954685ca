// The project's test command: every test/**/*.test.ts(x) through node:test, two files at a time.
// A run that finds no test file, or in which no test passes, fails.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { glob } from 'node:fs/promises';
import { argv, exit, stdout } from 'node:process';
import { finished } from 'node:stream/promises';

const patterns = argv.length > 2 ? argv.slice(2) : ['test/**/*.test.ts', 'test/**/*.test.tsx'];
const files: string[] = [];
for (const pattern of patterns) for await (const file of glob(pattern)) files.push(file);
files.sort();
if (files.length === 0) {
  console.error(`no test files match ${patterns.join(' ')}`);
  exit(1);
}

// Request logs would bury the test report; warnings and errors still show. Test files inherit this.
process.env.LOG_LEVEL ??= 'warn';

let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 2, timeout: 10 * 60_000 });
stream.on('test:pass', (event) => { if (event.details.type !== 'suite') passed++; });
stream.on('test:fail', (event) => { if (event.details.type !== 'suite') failed++; });
const report = stream.compose(spec);
report.pipe(stdout);
// Wait for the report itself, not only the run, so every failure is printed before the summary.
await finished(report);

console.log(`\n${files.length} files, ${passed} tests passed, ${failed} failed`);
if (failed > 0 || passed === 0) exit(1);
