// Importing a subject's laboratory results from the hospital system: a FHIR R4 file (a Bundle, one
// Observation or an array of them, as an EHR exports) read in the browser and sent as it is; the server
// converts units, applies the site's limits and grades, and says what it imported, what it already had
// (same Observation id) and what it skipped and why. A file that is not JSON is refused here, naming it.
import { useState } from 'react';
import { importLabFhir, type ImportFhirResult } from '../../api/labs.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ApiProblem } from '../api-problem.tsx';
import { useSubmit } from '../use-submit.ts';

const PROBLEM_ID = 'fhir-import-problem';

export function FhirImport({ studyId, subjectNumber, onImported }: { studyId: string; subjectNumber: string; onImported(): void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [notJson, setNotJson] = useState<string | null>(null);
  const [result, setResult] = useState<ImportFhirResult | null>(null);
  const { busy, error, submit } = useSubmit(
    async () => {
      if (!file) throw new Error(t('labs.fhir.noFile'));
      let resources: unknown;
      try {
        resources = JSON.parse(await file.text());
      } catch {
        setNotJson(file.name);
        throw new Error(t('labs.fhir.notJson', { file: file.name }));
      }
      setNotJson(null);
      return importLabFhir(studyId, subjectNumber, resources);
    },
    (imported) => {
      setResult(imported);
      if (imported.imported.length > 0) onImported();
    },
  );
  return (
    <section className="study-section" aria-labelledby="fhir-import-heading" data-fhir-import="">
      <h2 id="fhir-import-heading">{t('labs.fhir.title')}</h2>
      <p className="muted">{t('labs.fhir.hint')}</p>
      <form className="inline-form" onSubmit={submit}>
        <label className="field">
          <span>{t('labs.fhir.file')}</span>
          <input type="file" accept=".json,application/json,application/fhir+json" aria-invalid={notJson ? true : undefined} aria-describedby={error ? PROBLEM_ID : undefined}
            onChange={(event) => { setFile(event.target.files?.[0] ?? null); setResult(null); setNotJson(null); }} />
        </label>
        <p><button type="submit" className="button" disabled={busy || !file}>{t('labs.fhir.import')}</button></p>
      </form>
      {error ? <ApiProblem error={error} id={PROBLEM_ID} /> : null}
      {result ? (
        <div className="notice notice-ok" role="status" data-fhir-result={`${result.imported.length} ${result.unchanged.length} ${result.skipped.length}`}>
          <p>{t('labs.fhir.result', { imported: result.imported.length, unchanged: result.unchanged.length, skipped: result.skipped.length })}</p>
          {result.skipped.length > 0 ? (
            <ul>{result.skipped.map((item) => <li key={item.index}>{t('labs.fhir.skipped', { index: item.index + 1, id: item.id ?? '—' })} <span className="server-words" lang="en">{item.reason}</span></li>)}</ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
