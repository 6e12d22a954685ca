// Coded concepts that criteria name: diagnoses, states, procedures, medication classes and
// allergen groups. A criterion refers to a concept by `id`; a patient's coded record matches it
// when one of its codings is in the concept's code list (exact code, or a code prefix where
// `prefix` is set — ICD-10-CM D61 covers D61.9). `includes` pulls in other concepts' codes.
//
// Sources: ICD-10-CM FY2025 (CDC/NCHS tabular list), SNOMED CT International 2024-09 (the
// concept ids listed; descendants are not expanded — record the listed concept or an ICD-10-CM
// code), RxNorm 2024-11 ingredient CUIs, WHO ATC 2024 classes, CPT/ICD-10-PCS for the transplant
// procedure. Groupings (what counts as "bone-marrow failure", "severe mental illness", "severe
// infection") are Eligo's operational definitions for the seed trials, written down here so a
// reviewer can challenge them; clinical-domain.md §1 explains why each BMF subtype is its own concept.
import type { Coding } from '../../criteria/rules.ts';

export const CONDITION_TABLE_VERSION = 'conditions-2026-11';

export const CODE_SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  atc: 'http://www.whocc.no/atc',
  cpt: 'http://www.ama-assn.org/go/cpt',
  icd10pcs: 'http://www.cms.gov/Medicare/Coding/ICD10',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  /** Eligo's own concept ids, for hand-entered records (the web form) and concepts with no standard code. */
  eligo: 'https://eligo.dev/fhir/CodeSystem/concept',
} as const;

/** Code systems whose codes screening understands; a record coded only in another system cannot be matched. */
export const KNOWN_CODE_SYSTEMS: ReadonlySet<string> = new Set(Object.values(CODE_SYSTEMS));

export type ConceptDomain = 'condition' | 'procedure' | 'medication' | 'substance';

export interface ConceptDefinition {
  id: string;
  domain: ConceptDomain;
  label: { en: string; zh: string };
  codes: readonly Coding[];
  /** Other concepts whose codes also count (a group such as bone-marrow failure). */
  includes?: readonly string[];
  note?: string;
}

const icd = (...codes: string[]): Coding[] => codes.map((code) => ({ system: CODE_SYSTEMS.icd10cm, code, prefix: true }));
const sct = (...codes: string[]): Coding[] => codes.map((code) => ({ system: CODE_SYSTEMS.snomed, code }));
const rx = (...codes: string[]): Coding[] => codes.map((code) => ({ system: CODE_SYSTEMS.rxnorm, code }));
const atc = (...codes: string[]): Coding[] => codes.map((code) => ({ system: CODE_SYSTEMS.atc, code, prefix: true }));

// ICD-10-CM C44 codes the 4th/5th characters by histology: C44.x1 basal cell, C44.x2 squamous cell.
const SKIN_SITES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const CONCEPTS: readonly ConceptDefinition[] = [
  // Bone-marrow failure: the multicenter seed's eligible diagnoses, one concept per subtype.
  { id: 'aplastic-anemia', domain: 'condition', label: { en: 'aplastic anemia', zh: '再生障碍性贫血' }, codes: [...icd('D61.0', 'D61.1', 'D61.2', 'D61.3', 'D61.89', 'D61.9'), ...sct('306058006')], note: 'D61.81 (pancytopenia) and D61.82 (myelophthisis) are not aplastic anemia.' },
  { id: 'aplastic-anemia.severe', domain: 'condition', label: { en: 'severe aplastic anemia', zh: '重型再生障碍性贫血' }, codes: [{ system: CODE_SYSTEMS.eligo, code: 'aplastic-anemia.severe' }], note: 'ICD-10-CM has no severity axis for D61; severity is coded locally or classified from counts (Camitta, clinical-domain.md §2).' },
  { id: 'pure-red-cell-aplasia', domain: 'condition', label: { en: 'pure red cell aplasia', zh: '纯红细胞再生障碍性贫血' }, codes: [...icd('D60')] },
  { id: 'paroxysmal-nocturnal-hemoglobinuria', domain: 'condition', label: { en: 'paroxysmal nocturnal hemoglobinuria', zh: '阵发性睡眠性血红蛋白尿症' }, codes: [...icd('D59.5')] },
  { id: 'myelodysplastic-syndrome', domain: 'condition', label: { en: 'myelodysplastic syndrome', zh: '骨髓增生异常综合征' }, codes: [...icd('D46'), ...sct('109995007')] },
  { id: 'immune-related-pancytopenia', domain: 'condition', label: { en: 'immune-related pancytopenia', zh: '免疫相关性全血细胞减少症' }, codes: [{ system: CODE_SYSTEMS.eligo, code: 'immune-related-pancytopenia' }, ...icd('D61.818')], note: 'A Chinese diagnosis with no code of its own; D61.818 (other pancytopenia) is the closest ICD-10-CM code.' },
  { id: 'acute-arrest-of-hemopoiesis', domain: 'condition', label: { en: 'acute arrest of hemopoiesis', zh: '急性造血功能停滞' }, codes: [{ system: CODE_SYSTEMS.eligo, code: 'acute-arrest-of-hemopoiesis' }], note: 'No specific ICD-10-CM code; record the Eligo concept code.' },
  { id: 'cytopenia-of-unknown-significance', domain: 'condition', label: { en: 'cytopenia of unknown significance', zh: '意义未明的血细胞减少症' }, codes: [{ system: CODE_SYSTEMS.eligo, code: 'cytopenia-of-unknown-significance' }], note: 'ICUS/CCUS have no ICD-10-CM code of their own; record the Eligo concept code.' },
  {
    id: 'bone-marrow-failure', domain: 'condition', label: { en: 'bone marrow failure disorder', zh: '骨髓衰竭性疾病' }, codes: [{ system: CODE_SYSTEMS.eligo, code: 'bone-marrow-failure' }],
    includes: ['aplastic-anemia', 'aplastic-anemia.severe', 'pure-red-cell-aplasia', 'immune-related-pancytopenia', 'paroxysmal-nocturnal-hemoglobinuria', 'myelodysplastic-syndrome', 'acute-arrest-of-hemopoiesis', 'cytopenia-of-unknown-significance'],
    note: 'The list in NCT05794425 inclusion 1.',
  },
  // Malignancy and its customary exceptions.
  { id: 'malignancy', domain: 'condition', label: { en: 'malignant tumour', zh: '恶性肿瘤' }, codes: [...icd('C'), ...sct('363346000')], note: 'ICD-10-CM C00–C96 (malignant neoplasms); in-situ (D00–D09) and uncertain-behaviour codes are not malignancy.' },
  { id: 'skin-basal-cell-carcinoma', domain: 'condition', label: { en: 'basal cell carcinoma of the skin', zh: '皮肤基底细胞癌' }, codes: [...icd(...SKIN_SITES.map((site) => `C44.${site}1`)), ...sct('254701007')] },
  { id: 'skin-squamous-cell-carcinoma', domain: 'condition', label: { en: 'squamous cell carcinoma of the skin', zh: '皮肤鳞状细胞癌' }, codes: [...icd(...SKIN_SITES.map((site) => `C44.${site}2`)), ...sct('254651007')] },
  { id: 'melanoma', domain: 'condition', label: { en: 'malignant melanoma of the skin', zh: '皮肤恶性黑色素瘤' }, codes: [...icd('C43'), ...sct('372244006')] },
  { id: 'cervical-carcinoma-in-situ', domain: 'condition', label: { en: 'carcinoma in situ of the cervix', zh: '宫颈原位癌' }, codes: [...icd('D06'), ] },
  { id: 'clonal-hematologic-disease', domain: 'condition', label: { en: 'clonal blood disorder', zh: '克隆性血液病' }, codes: [...icd('D45', 'D47.1', 'D47.3', 'D47.4', 'D47.Z')], includes: ['myelodysplastic-syndrome', 'paroxysmal-nocturnal-hemoglobinuria'], note: 'MDS, PNH and myeloproliferative neoplasms; leukaemias and lymphomas are already malignancy (C81–C96).' },
  // Infections.
  { id: 'hiv', domain: 'condition', label: { en: 'HIV infection', zh: 'HIV感染' }, codes: [...icd('B20', 'Z21'), ...sct('86406008', '165816005')] },
  { id: 'hepatitis-b', domain: 'condition', label: { en: 'hepatitis B', zh: '乙型肝炎' }, codes: [...icd('B16', 'B18.0', 'B18.1', 'B19.1', 'Z22.51'), ...sct('66071002', '61977001')] },
  { id: 'hepatitis-c', domain: 'condition', label: { en: 'hepatitis C', zh: '丙型肝炎' }, codes: [...icd('B17.1', 'B18.2', 'B19.2'), ...sct('50711007', '128302006')] },
  { id: 'syphilis', domain: 'condition', label: { en: 'syphilis', zh: '梅毒' }, codes: [...icd('A50', 'A51', 'A52', 'A53'), ...sct('76272004')] },
  { id: 'tuberculosis', domain: 'condition', label: { en: 'tuberculosis', zh: '结核病' }, codes: [...icd('A15', 'A16', 'A17', 'A18', 'A19'), ...sct('56717001')] },
  { id: 'hepatitis.acute-severe', domain: 'condition', label: { en: 'acute severe hepatitis', zh: '急性重症肝炎' }, codes: [...icd('B15', 'B16', 'B17', 'K72.0', 'K71.2')], note: 'Acute viral hepatitis (B15–B17) and acute hepatic failure.' },
  {
    id: 'infection', domain: 'condition', label: { en: 'infection', zh: '感染' },
    codes: [...icd('A', 'B', 'J00', 'J01', 'J02', 'J03', 'J04', 'J05', 'J06', 'J09', 'J10', 'J11', 'J12', 'J13', 'J14', 'J15', 'J16', 'J17', 'J18', 'J20', 'J21', 'J22', 'N39.0', 'L03', 'R65.1', 'R65.2'), ...sct('40733004')],
    note: 'Infectious diseases (A00–B99), acute upper and lower respiratory infections, urinary tract infection, cellulitis, sepsis.',
  },
  { id: 'infection.severe', domain: 'condition', label: { en: 'severe infection', zh: '严重感染' }, codes: [...icd('A40', 'A41', 'R65.1', 'R65.2', 'J12', 'J13', 'J14', 'J15', 'J16', 'J17', 'J18', 'B37.7', 'B44.0', 'B44.7'), ...sct('91302008')], note: 'Sepsis, pneumonia and invasive fungal infection.' },
  // Heart, vessels, organs.
  { id: 'heart-failure', domain: 'condition', label: { en: 'heart failure', zh: '心力衰竭' }, codes: [...icd('I50'), ...sct('84114007', '42343007')] },
  { id: 'myocardial-infarction', domain: 'condition', label: { en: 'heart attack (myocardial infarction)', zh: '心肌梗死' }, codes: [...icd('I21', 'I22'), ...sct('22298006')] },
  { id: 'hypertension', domain: 'condition', label: { en: 'hypertension', zh: '高血压' }, codes: [...icd('I10', 'I11', 'I12', 'I13', 'I15', 'I16'), ...sct('38341003')] },
  { id: 'liver-disease.severe', domain: 'condition', label: { en: 'severe liver disease', zh: '严重肝脏疾病' }, codes: [...icd('K72', 'K74.6', 'K70.4', 'K76.6', 'K76.7'), ...sct('19943007')], note: 'Hepatic failure, cirrhosis, portal hypertension, hepatorenal syndrome.' },
  { id: 'kidney-disease.severe', domain: 'condition', label: { en: 'severe kidney disease', zh: '严重肾脏疾病' }, codes: [...icd('N17', 'N18.4', 'N18.5', 'N18.6', 'N19', 'Z99.2'), ...sct('46177005')], note: 'Acute kidney injury, CKD stage 4–5, end-stage renal disease, dialysis dependence.' },
  { id: 'hemorrhage', domain: 'condition', label: { en: 'active bleeding', zh: '活动性出血' }, codes: [...icd('R58', 'R04', 'I60', 'I61', 'I62', 'K92.0', 'K92.1', 'K92.2', 'K25.0', 'K25.4', 'K26.0', 'K26.4', 'N93.9', 'R31'), ...sct('131148009')] },
  { id: 'severe-mental-illness', domain: 'condition', label: { en: 'severe mental illness', zh: '严重精神疾病' }, codes: [...icd('F20', 'F21', 'F22', 'F23', 'F24', 'F25', 'F28', 'F29', 'F30', 'F31', 'F32.2', 'F32.3', 'F33.2', 'F33.3'), ...sct('58214004', '13746004')], note: 'Schizophrenia-spectrum and other psychotic disorders, bipolar disorder, severe depressive episodes.' },
  { id: 'iron-deficiency-anemia', domain: 'condition', label: { en: 'iron deficiency anemia', zh: '缺铁性贫血' }, codes: [...icd('D50'), ...sct('87522002')] },
  { id: 'allergic-constitution', domain: 'condition', label: { en: 'allergic constitution (atopy)', zh: '过敏体质' }, codes: [...icd('Z88', 'Z91.0', 'T78.4', 'J30', 'J45', 'L20'), ...sct('609328004')], note: 'History of allergy to drugs/foods, allergic rhinitis, asthma, atopic dermatitis.' },
  // States.
  { id: 'pregnancy', domain: 'condition', label: { en: 'pregnancy', zh: '妊娠' }, codes: [...icd('O', 'Z33.1', 'Z34'), ...sct('77386006')] },
  { id: 'lactation', domain: 'condition', label: { en: 'breastfeeding', zh: '哺乳期' }, codes: [...icd('Z39.1', 'O92.7'), ...sct('413712001')] },
  // Procedures.
  {
    id: 'hsct', domain: 'procedure', label: { en: 'hematopoietic stem cell transplantation', zh: '造血干细胞移植' },
    codes: [
      ...sct('234336002', '58776007', '425983008'),
      { system: CODE_SYSTEMS.cpt, code: '38240' }, { system: CODE_SYSTEMS.cpt, code: '38241' }, { system: CODE_SYSTEMS.cpt, code: '38242' },
      { system: CODE_SYSTEMS.icd10pcs, code: '30233G', prefix: true }, { system: CODE_SYSTEMS.icd10pcs, code: '30243G', prefix: true },
      { system: CODE_SYSTEMS.icd10pcs, code: '30233X', prefix: true }, { system: CODE_SYSTEMS.icd10pcs, code: '30243X', prefix: true },
      { system: CODE_SYSTEMS.icd10pcs, code: '30233Y', prefix: true }, { system: CODE_SYSTEMS.icd10pcs, code: '30243Y', prefix: true },
      // Transplant status recorded as a condition.
      ...icd('Z94.81', 'Z94.84'),
    ],
  },
  // Medication classes.
  {
    id: 'anticoagulant', domain: 'medication', label: { en: 'anticoagulant', zh: '抗凝药' },
    codes: [...atc('B01AA', 'B01AB', 'B01AE', 'B01AF', 'B01AX05'), ...rx('11289', '5224', '67108', '1114195', '1364430', '1037042', '1599538', '321208')],
    note: 'ATC vitamin-K antagonists, heparins, direct thrombin and factor Xa inhibitors, fondaparinux; RxNorm ingredients warfarin, heparin, enoxaparin, rivaroxaban, apixaban, dabigatran, edoxaban, fondaparinux.',
  },
  // Allergen groups.
  { id: 'blood-products', domain: 'substance', label: { en: 'blood products', zh: '血液制品' }, codes: [...sct('87612001')], note: 'SNOMED CT 87612001 Blood (substance); product-level codes are not expanded.' },
];

const byId = new Map(CONCEPTS.map((concept) => [concept.id, concept]));

export function conceptById(id: string): ConceptDefinition | undefined {
  return byId.get(id);
}

/** All codes of a concept, its included concepts' codes too (each concept once). */
export function conceptCodes(id: string): Coding[] {
  const seen = new Set<string>();
  const codes: Coding[] = [];
  const visit = (conceptId: string): void => {
    if (seen.has(conceptId)) return;
    seen.add(conceptId);
    const concept = byId.get(conceptId);
    if (!concept) return;
    codes.push(...concept.codes, { system: CODE_SYSTEMS.eligo, code: concept.id });
    for (const included of concept.includes ?? []) visit(included);
  };
  visit(id);
  return codes;
}
