// Reads study records from a ClinicalTrials.gov API v2 JSON file as a stream, whatever its shape: one
// study, an array of studies, a `{studies: […]}` page, or JSON Lines — gzip-compressed or not (told by
// the magic bytes, not the name). Nothing holds the whole file: JSON Lines go line by line, and JSON
// documents are cut into their study values by a small scanner that tracks strings and nesting.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { EligoError } from '../../core/problems.ts';

/** One value read from the file: parsed JSON, or the reason it is not JSON; `line` is where it starts (1-based). */
export type RawRecord = { line: number; value: unknown } | { line: number; error: string };

export type FileFormat = 'json-lines' | 'json-document';

export interface RecordSource {
  compressed: boolean;
  records: AsyncGenerator<RawRecord>;
}

/** The file cannot be read on (truncated or corrupt compression, a JSON document broken beyond recovery): code 'unreadable_file'. */
export function recordFileError(file: string, message: string, line?: number): EligoError {
  const where = line !== undefined ? `: line ${line}` : '';
  return EligoError.of('unprocessable', { code: 'unreadable_file', field: line !== undefined ? `line ${line}` : '(file)', expected: 'a readable JSON, JSON Lines or gzip file', message: `${file}${where}: ${message}` });
}

export function isRecordFileError(error: unknown): error is EligoError {
  return error instanceof EligoError && error.code === 'unreadable_file';
}

const GZIP_MAGIC = [0x1f, 0x8b];

export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

export interface ReadOptions {
  /** Called with the count of file bytes (compressed, if it is) read so far. */
  onBytes?: (bytes: number) => void;
}

export async function readRecords(path: string, options: ReadOptions = {}): Promise<RecordSource> {
  const compressed = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  raw.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
  });
  let text: Readable = raw;
  if (compressed) {
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error));
    text = raw.pipe(gunzip);
  }
  text.setEncoding('utf8');
  return { compressed, records: recordsFrom(path, compressed, text) };
}

async function* recordsFrom(path: string, compressed: boolean, text: Readable): AsyncGenerator<RawRecord> {
  try {
    yield* splitRecords(text);
  } catch (error) {
    if (isRecordFileError(error)) throw error;
    if (error instanceof EligoError && error.code === 'json_structure') throw recordFileError(path, error.message, error.problems[0]?.value as number);
    const reason = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    if (compressed && (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file|incorrect|invalid/i.test(reason))) {
      throw recordFileError(path, `the gzip data is truncated or corrupt (${reason})`);
    }
    throw recordFileError(path, `cannot be read: ${reason}`);
  } finally {
    text.destroy();
  }
}

/** Decides the shape from the first line, then yields each study value. */
async function* splitRecords(text: Readable): AsyncGenerator<RawRecord> {
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 0;
  let first: string | undefined;
  while (true) {
    const next = await iterator.next();
    if (next.done) return;
    lineNumber++;
    if (next.value.trim() !== '') {
      first = next.value;
      break;
    }
  }
  const firstLine = lineNumber;
  if (!looksLikeDocumentStart(first)) {
    yield* jsonLines(first, firstLine, iterator);
    return;
  }
  // A JSON document spread over lines: feed the scanner line by line, newlines restored.
  const scanner = new JsonValueScanner(firstLine);
  yield* scanner.push(`${first}\n`);
  while (true) {
    const next = await iterator.next();
    if (next.done) break;
    yield* scanner.push(`${next.value}\n`);
  }
  yield* scanner.end();
}

function looksLikeDocumentStart(first: string): boolean {
  const trimmed = first.trim();
  if (trimmed.startsWith('[')) return true;
  if (!trimmed.startsWith('{')) return false;
  try {
    JSON.parse(trimmed);
    return false; // a whole value on one line: JSON Lines (or a one-line study or page)
  } catch {
    // A broken one-line record still reads as JSON Lines; an opening brace alone starts a document.
    return !trimmed.endsWith('}');
  }
}

async function* jsonLines(first: string, firstLine: number, rest: AsyncIterator<string>): AsyncGenerator<RawRecord> {
  let lineNumber = firstLine;
  let line: string | undefined = first;
  while (line !== undefined) {
    if (line.trim() !== '') yield* valuesOfLine(line, lineNumber);
    const next = await rest.next();
    line = next.done ? undefined : next.value;
    lineNumber++;
  }
}

function* valuesOfLine(line: string, lineNumber: number): Generator<RawRecord> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    yield { line: lineNumber, error: `not valid JSON (${(error as Error).message})` };
    return;
  }
  // A `{studies: […]}` page written on one line holds many records.
  if (isPage(value)) for (const study of value.studies) yield { line: lineNumber, value: study };
  else yield { line: lineNumber, value };
}

function isPage(value: unknown): value is { studies: unknown[] } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as { studies?: unknown }).studies);
}

/** The document's structure is broken (not one bad record): reading cannot go on. */
function jsonStructureError(message: string, line: number): EligoError {
  return EligoError.of('unprocessable', { code: 'json_structure', field: 'line', value: line, expected: 'a JSON document of study records', message });
}

/**
 * Cuts a JSON document into study values without parsing it whole: elements of a top-level array, elements
 * of a top-level object's "studies" array (an API page), or the top-level object itself (one study).
 * Several top-level values in a row are read one after another.
 */
export class JsonValueScanner {
  private line: number;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Depth at which the values we yield start: 1 in a top-level array, 2 in a page's studies array, 0 for a lone object. */
  private elementDepth: number | null = null;
  private capture: string[] = [];
  private capturing = false;
  private captureLine = 0;
  private keyText = '';
  private readingKey = false;
  private lastKey: string | null = null;
  private expectStudiesArray = false;
  private topLevel: { kind: 'array' | 'object'; line: number } | null = null;

  constructor(firstLine = 1) {
    this.line = firstLine;
  }

  *push(chunk: string): Generator<RawRecord> {
    let start = this.capturing ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.readingKey && !(c === '"' && !this.escaped)) this.keyText += c;
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.readingKey) {
            this.readingKey = false;
            this.lastKey = this.keyText;
          }
        } else if (c === '\n') this.line++;
        continue;
      }
      if (c === '\n') {
        this.line++;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;

      // Outside any value: a new top-level value starts.
      if (this.depth === 0 && this.topLevel === null) {
        if (c === '[') {
          this.topLevel = { kind: 'array', line: this.line };
          this.elementDepth = 1;
        } else if (c === '{') {
          this.topLevel = { kind: 'object', line: this.line };
          this.elementDepth = 0;
          this.capturing = true;
          this.captureLine = this.line;
          start = i;
        } else {
          throw jsonStructureError(`expected a study object, an array of studies or a {"studies": [...]} page, found ${JSON.stringify(c)}`, this.line);
        }
      } else if (!this.capturing && this.depth === this.elementDepth && c !== ',' && c !== ']' && c !== '}') {
        // An element of the studies array begins here.
        this.capturing = true;
        this.captureLine = this.line;
        start = i;
      }

      if (c === '"') {
        this.inString = true;
        // Keys of the top-level object (depth 1) tell a page ("studies") from a study.
        if (this.topLevel?.kind === 'object' && this.depth === 1 && this.elementDepth === 0) {
          this.readingKey = true;
          this.keyText = '';
        }
      } else if (c === ':') {
        if (this.topLevel?.kind === 'object' && this.depth === 1 && this.elementDepth === 0) this.expectStudiesArray = this.lastKey === 'studies';
      } else if (c === '{' || c === '[') {
        if (this.expectStudiesArray && c === '[' && this.depth === 1) {
          // It is a page: stop keeping the page object, yield its studies instead.
          this.expectStudiesArray = false;
          this.capturing = false;
          this.capture = [];
          start = -1;
          this.elementDepth = 2;
        }
        this.depth++;
      } else if (c === '}' || c === ']') {
        if (this.depth === 0) throw jsonStructureError(`unexpected ${JSON.stringify(c)}`, this.line);
        if (this.capturing && this.depth === this.elementDepth) {
          // The last element of an array, a primitive, ends at the closing bracket.
          this.capture.push(chunk.slice(start, i));
          yield this.finishCapture();
          start = -1;
        }
        this.depth--;
        if (this.capturing && this.depth === this.elementDepth) {
          // A structured element closed: it is complete.
          this.capture.push(chunk.slice(start, i + 1));
          yield this.finishCapture();
          start = -1;
        }
        if (this.depth === 0) this.topLevel = null;
        if (this.depth === 1 && this.elementDepth === 2 && c === ']') this.elementDepth = null; // the studies array ended
        continue;
      } else if (c === ',') {
        this.expectStudiesArray = false;
        if (this.capturing && this.depth === this.elementDepth) {
          // A primitive element ended (studies are objects, but say what was found).
          this.capture.push(chunk.slice(start, i));
          yield this.finishCapture();
          start = -1;
        }
      } else if (this.depth === 1 && this.elementDepth === 0 && this.expectStudiesArray) {
        this.expectStudiesArray = false;
      }
    }
    if (this.capturing && start >= 0) this.capture.push(chunk.slice(start));
  }

  *end(): Generator<RawRecord> {
    if (this.depth > 0 || this.inString) {
      throw jsonStructureError(`the JSON document ends inside a value that began on line ${this.topLevel?.line ?? this.captureLine}; the file is truncated or malformed`, this.line);
    }
  }

  private finishCapture(): RawRecord {
    const text = this.capture.join('');
    this.capture = [];
    this.capturing = false;
    try {
      return { line: this.captureLine, value: JSON.parse(text) };
    } catch (error) {
      return { line: this.captureLine, error: `not valid JSON (${(error as Error).message})` };
    }
  }
}

