// Every problem code the API can send has a Chinese sentence (src/web/i18n/problems.zh.ts), so a
// Chinese-speaking coordinator never meets an untranslated refusal. The codes are read from the
// source itself: a new code without a translation fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_ZH, PROBLEM_ZH } from '../../src/web/i18n/problems.zh.ts';

/** Codes only the command line or offline importers produce: they never reach the web pages. */
const COMMAND_LINE_ONLY = new Set([
  'custom', 'demo_needs_fresh_database', 'invalid_usage', 'password_stdin_required', 'unreadable_file', 'missing_column', 'unknown_column',
  'unknown_table', 'table_version_mismatch', 'invalid_listing', 'json_structure',
]);
/** Source folders whose errors never reach the API; the clinical tables' `code` fields are vocabulary (with their own en/zh labels), not problem codes. */
const NOT_SERVED = ['src/cli', 'src/demo', 'src/web', 'src/core/clinical/tables'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return NOT_SERVED.includes(path) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const PATTERNS = [
  /\bcode: '([a-z][a-z0-9_]*)'/g,
  /\bcode: [^,'}]*\? '([a-z][a-z0-9_]*)' : '([a-z][a-z0-9_]*)'/g,
  /new EligoError\('[a-z_]+', '([a-z][a-z0-9_]*)'/g,
  /EligoError\.all\('[a-z_]+', '([a-z][a-z0-9_]*)'/g,
];

function servedCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        for (const code of match.slice(1)) if (code && !codes.has(code)) codes.set(code, file);
      }
    }
  }
  return codes;
}

test('every problem code the server can send has a Chinese sentence', () => {
  const missing = [...servedCodes()].filter(([code]) => !COMMAND_LINE_ONLY.has(code) && PROBLEM_ZH[code] === undefined).map(([code, file]) => `${code} (${file})`);
  assert.deepEqual(missing, [], `add these codes to src/web/i18n/problems.zh.ts`);
});

test('the scan finds the codes it should (the test can fail)', () => {
  const codes = servedCodes();
  for (const code of ['consent_outdated', 'already_randomized', 'invalid_json', 'required', 'too_long']) assert.ok(codes.has(code), code);
});

test('the catalog holds Chinese sentences, not copies of the English', () => {
  for (const [code, sentence] of Object.entries({ ...PROBLEM_ZH, ...FIELD_ZH })) assert.match(sentence, /[\u4e00-\u9fff]/, code);
});
