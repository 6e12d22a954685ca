// Small, readable test data for the registry: a few hand-built trials with sites in China (Chinese and
// English names), and the first records of the shared ClinicalTrials.gov corpus, read as a stream.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parseTrial, type Trial } from '../../src/core/trial/model.ts';
import { SHARED_DIR } from '../support/shared.ts';

export const CRITERIA_CORPUS = resolve(SHARED_DIR, 'data', 'ctgov-4868-criteria.jsonl.gz');
export const SUMMARIES_CORPUS = resolve(SHARED_DIR, 'data', 'ctgov-101k-summaries.jsonl.gz');

/** The first `count` lines of a gzip JSON Lines corpus, parsed (never the whole file). */
export async function corpusLines(file: string, count: number): Promise<string[]> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const taken: string[] = [];
  for await (const line of lines) {
    taken.push(line);
    if (taken.length === count) break;
  }
  lines.close();
  return taken;
}

export async function corpusTrials(file: string, count: number): Promise<Trial[]> {
  return (await corpusLines(file, count)).map((line) => valid(JSON.parse(line)));
}

export function valid(record: unknown): Trial {
  const parsed = parseTrial(record);
  if (!parsed.ok) throw new Error(`test fixture is not a valid trial: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.trial;
}

interface TrialSpec {
  nctId: string;
  title: string;
  status?: string;
  phases?: string[];
  studyType?: string;
  sex?: string;
  minimumAge?: string;
  maximumAge?: string;
  conditions?: string[];
  interventions?: Array<{ type: string; name: string }>;
  sponsor?: string;
  collaborators?: string[];
  startDate?: string;
  lastUpdate?: string;
  summary?: string;
  locations?: Array<{ facility: string; city: string; state?: string; country: string; geoPoint?: { lat: number; lon: number } }>;
}

export function trial(spec: TrialSpec): Trial {
  return valid({
    protocolSection: {
      identificationModule: { nctId: spec.nctId, briefTitle: spec.title },
      statusModule: {
        ...(spec.status ? { overallStatus: spec.status } : {}),
        ...(spec.startDate ? { startDateStruct: { date: spec.startDate } } : {}),
        ...(spec.lastUpdate ? { lastUpdatePostDateStruct: { date: spec.lastUpdate, type: 'ACTUAL' } } : {}),
      },
      sponsorCollaboratorsModule: {
        ...(spec.sponsor ? { leadSponsor: { name: spec.sponsor } } : {}),
        ...(spec.collaborators ? { collaborators: spec.collaborators.map((name) => ({ name })) } : {}),
      },
      descriptionModule: spec.summary ? { briefSummary: spec.summary } : {},
      conditionsModule: { conditions: spec.conditions ?? [] },
      designModule: { ...(spec.studyType ? { studyType: spec.studyType } : {}), phases: spec.phases ?? [] },
      armsInterventionsModule: { interventions: spec.interventions ?? [] },
      eligibilityModule: {
        ...(spec.sex ? { sex: spec.sex } : {}),
        ...(spec.minimumAge ? { minimumAge: spec.minimumAge } : {}),
        ...(spec.maximumAge ? { maximumAge: spec.maximumAge } : {}),
      },
      contactsLocationsModule: { locations: spec.locations ?? [] },
    },
  });
}

/** Trials with sites: Jinan (济南, Shandong), Shijiazhuang (Hebei), Beijing, and one in the United States. */
export function sitedTrials(): Trial[] {
  return [
    trial({
      nctId: 'NCT09000001',
      title: 'Eltrombopag in Severe Aplastic Anemia',
      status: 'RECRUITING',
      phases: ['PHASE2'],
      studyType: 'INTERVENTIONAL',
      sex: 'ALL',
      minimumAge: '18 Years',
      maximumAge: '75 Years',
      conditions: ['Severe Aplastic Anemia'],
      interventions: [{ type: 'DRUG', name: 'eltrombopag' }],
      sponsor: 'Shandong Provincial Hospital',
      collaborators: ['Qilu Hospital of Shandong University'],
      startDate: '2024-03',
      lastUpdate: '2025-06-01',
      summary: 'Thrombopoietin receptor agonist added to immunosuppressive therapy.',
      locations: [{ facility: '山东省立医院', city: 'Jinan', state: 'Shandong', country: 'China', geoPoint: { lat: 36.66833, lon: 116.99722 } }],
    }),
    trial({
      nctId: 'NCT09000002',
      title: 'Cord Blood Transplant for Children With Bone Marrow Failure',
      status: 'NOT_YET_RECRUITING',
      phases: ['PHASE1'],
      studyType: 'INTERVENTIONAL',
      sex: 'ALL',
      minimumAge: '2 Years',
      maximumAge: '17 Years',
      conditions: ['Bone Marrow Failure'],
      interventions: [{ type: 'BIOLOGICAL', name: 'umbilical cord blood' }],
      sponsor: 'Hebei Medical University',
      startDate: '2025-01-15',
      lastUpdate: '2025-02-01',
      locations: [
        // No coordinates: the offline gazetteer places it (city centre of Shijiazhuang) at import.
        { facility: 'The Second Hospital of Hebei Medical University', city: 'Shijiazhuang', state: 'Hebei', country: 'China' },
      ],
    }),
    trial({
      nctId: 'NCT09000003',
      title: 'Registry of Women With Paroxysmal Nocturnal Hemoglobinuria',
      status: 'COMPLETED',
      studyType: 'OBSERVATIONAL',
      sex: 'FEMALE',
      minimumAge: '18 Years',
      conditions: ['Paroxysmal Nocturnal Hemoglobinuria'],
      sponsor: 'Peking Union Medical College Hospital',
      startDate: '2019',
      lastUpdate: '2021-12-01',
      locations: [{ facility: '北京协和医院', city: 'Beijing', country: 'China', geoPoint: { lat: 39.9075, lon: 116.39723 } }],
    }),
    trial({
      nctId: 'NCT09000004',
      title: 'Androgen Therapy in Telomere Disease',
      status: 'RECRUITING',
      phases: ['PHASE2', 'PHASE3'],
      studyType: 'INTERVENTIONAL',
      sex: 'MALE',
      minimumAge: '40 Years',
      conditions: ['Dyskeratosis Congenita'],
      interventions: [{ type: 'DRUG', name: 'danazol' }],
      sponsor: 'National Heart, Lung, and Blood Institute (NHLBI)',
      startDate: '2023-07-01',
      lastUpdate: '2024-01-10',
      locations: [{ facility: 'NIH Clinical Center', city: 'Bethesda', state: 'Maryland', country: 'United States', geoPoint: { lat: 38.98067, lon: -77.10026 } }],
    }),
  ];
}
