// Gives the database the shipped studies (data/studies/NCT*.json) with the seed trials: the study
// row, its protocol settings and its sites. Idempotent: an unchanged file changes nothing; a changed
// protocol becomes a new version (earlier versions are kept, screenings and enrollments name theirs);
// sites new in the file are added, sites already stored are left as the database has them. Every
// change is audited as the system. A study whose registry trial is absent is skipped (and retried at
// the next start).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Stores } from '../../store/index.ts';
import type { StudySeedOutcome } from '../../store/conduct/studies.ts';
import { parseStudyFile, type StudyFile } from './study-file.ts';
import { log } from '../../log.ts';

export const SEED_STUDIES_DIR = fileURLToPath(new URL('../../../data/studies/', import.meta.url));

export function readStudyFiles(directory: string = SEED_STUDIES_DIR): StudyFile[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => /^NCT\d{8}\.json$/.test(name))
    .sort()
    .map((name) => {
      const path = join(directory, name);
      const file = parseStudyFile(JSON.parse(readFileSync(path, 'utf8')), path);
      if (`${file.study.studyId}.json` !== name) throw new Error(`study file ${path} describes ${file.study.studyId}`);
      return file;
    });
}

export async function ensureSeedStudies(stores: Stores, directory: string = SEED_STUDIES_DIR, now: () => Date = () => new Date()): Promise<Map<string, StudySeedOutcome>> {
  const outcomes = new Map<string, StudySeedOutcome>();
  for (const file of readStudyFiles(directory)) {
    const outcome = await stores.studies.loadShipped(file, now());
    if (outcome.kind === 'no_trial') log.warn({ studyId: file.study.studyId }, 'shipped study skipped: its registry trial is not in the database');
    outcomes.set(file.study.studyId, outcome);
  }
  return outcomes;
}
