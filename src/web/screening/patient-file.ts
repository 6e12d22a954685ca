// Reads an uploaded patient file in the browser: a FHIR Bundle (JSON), one FHIR resource (sent as a
// one-line NDJSON record), or NDJSON. Only the shape is checked here, so that a wrong file is named
// before anything is sent; the server's FHIR reader checks the content. The text is never stored.
import type { PatientRecord } from '../api/eligibility.ts';

export type PatientFileProblem =
  | { problem: 'empty'; line?: undefined }
  | { problem: 'notJson'; line?: number }
  | { problem: 'notFhir'; line?: number };

export type PatientFileReading = { ok: true; record: PatientRecord; resources: number } | ({ ok: false } & PatientFileProblem);

function isResource(value: unknown): value is { resourceType: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

export function readPatientFile(text: string): PatientFileReading {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  const whole = parseJson(trimmed);
  if (whole.ok) {
    if (!isResource(whole.value)) return { ok: false, problem: 'notFhir' };
    if (whole.value.resourceType === 'Bundle') {
      const entries = (whole.value as { entry?: unknown }).entry;
      return { ok: true, record: { body: trimmed, contentType: 'application/fhir+json' }, resources: Array.isArray(entries) ? entries.length : 0 };
    }
    return { ok: true, record: { body: JSON.stringify(whole.value), contentType: 'application/x-ndjson' }, resources: 1 };
  }
  // Not one JSON document: NDJSON, one resource a line.
  const lines = trimmed.split(/\r?\n/);
  let resources = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const parsed = parseJson(line);
    if (!parsed.ok) return { ok: false, problem: 'notJson', line: index + 1 };
    if (!isResource(parsed.value)) return { ok: false, problem: 'notFhir', line: index + 1 };
    resources += 1;
  }
  return { ok: true, record: { body: trimmed, contentType: 'application/x-ndjson' }, resources };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
