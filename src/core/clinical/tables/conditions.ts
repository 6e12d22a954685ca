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
import { CODE_SYSTEMS, atc, icd, rx, sct, type ConceptDefinition } from './codings.ts';
import { MEDICATION_CONCEPTS } from './medications.ts';
import { PROCEDURE_CONCEPTS } from './procedures.ts';
import type { Coding } from '../../criteria/rules.ts';

export const CONDITION_TABLE_VERSION = 'conditions-2026-11b';

export { CODE_SYSTEMS, type ConceptDefinition, type ConceptDomain } from './codings.ts';

/** Code systems whose codes screening understands; a record coded only in another system cannot be matched. */
export const KNOWN_CODE_SYSTEMS: ReadonlySet<string> = new Set(Object.values(CODE_SYSTEMS));

// ICD-10-CM C44 codes the 4th/5th characters by histology: C44.x1 basal cell, C44.x2 squamous cell.
const SKIN_SITES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const CONCEPTS: readonly ConceptDefinition[] = [
  // Bone-marrow failure: the multicenter seed's eligible diagnoses, one concept per subtype.
  { id: 'aplastic-anemia', domain: 'condition', label: { en: 'aplastic anemia', zh: '再生障碍性贫血' }, codes: [...icd('D61.0', 'D61.1', 'D61.2', 'D61.3', 'D61.89', 'D61.9'), ...sct('306058006')], note: 'D61.81 (pancytopenia) and D61.82 (myelophthisis) are not aplastic anemia.' },
  { id: 'aplastic-anemia.severe', domain: 'condition', label: { en: 'severe aplastic anemia', zh: '重型再生障碍性贫血' }, codes: [{ system: CODE_SYSTEMS.eligo, code: 'aplastic-anemia.severe' }], note: 'ICD-10-CM has no severity axis for D61; severity is coded locally or classified from counts (Camitta et al., Blood 1975; Chinese expert consensus on aplastic anemia 2017).' },
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
  // Cancers by site (ICD-10-CM C-chapter ranges); each is also malignancy (C prefix).
  { id: 'breast-cancer', domain: 'condition', label: { en: 'breast cancer', zh: '乳腺癌' }, codes: [...icd('C50'), ...sct('254837009')] },
  { id: 'lung-cancer', domain: 'condition', label: { en: 'lung cancer', zh: '肺癌' }, codes: [...icd('C34'), ...sct('363358000')] },
  { id: 'prostate-cancer', domain: 'condition', label: { en: 'prostate cancer', zh: '前列腺癌' }, codes: [...icd('C61'), ...sct('399068003')] },
  { id: 'colorectal-cancer', domain: 'condition', label: { en: 'colorectal cancer', zh: '结直肠癌' }, codes: [...icd('C18', 'C19', 'C20')] },
  { id: 'gastric-cancer', domain: 'condition', label: { en: 'gastric cancer', zh: '胃癌' }, codes: [...icd('C16')] },
  { id: 'esophageal-cancer', domain: 'condition', label: { en: 'esophageal cancer', zh: '食管癌' }, codes: [...icd('C15')] },
  { id: 'pancreatic-cancer', domain: 'condition', label: { en: 'pancreatic cancer', zh: '胰腺癌' }, codes: [...icd('C25')] },
  { id: 'liver-cancer', domain: 'condition', label: { en: 'liver cancer (incl. hepatocellular carcinoma)', zh: '肝癌' }, codes: [...icd('C22')] },
  { id: 'ovarian-cancer', domain: 'condition', label: { en: 'ovarian cancer', zh: '卵巢癌' }, codes: [...icd('C56')] },
  { id: 'cervical-cancer', domain: 'condition', label: { en: 'cervical cancer', zh: '宫颈癌' }, codes: [...icd('C53')] },
  { id: 'endometrial-cancer', domain: 'condition', label: { en: 'endometrial cancer', zh: '子宫内膜癌' }, codes: [...icd('C54.1')] },
  { id: 'bladder-cancer', domain: 'condition', label: { en: 'bladder cancer', zh: '膀胱癌' }, codes: [...icd('C67')] },
  { id: 'kidney-cancer', domain: 'condition', label: { en: 'kidney cancer (renal cell carcinoma)', zh: '肾癌' }, codes: [...icd('C64')] },
  { id: 'thyroid-cancer', domain: 'condition', label: { en: 'thyroid cancer', zh: '甲状腺癌' }, codes: [...icd('C73')] },
  { id: 'head-and-neck-cancer', domain: 'condition', label: { en: 'head and neck cancer', zh: '头颈部癌' }, codes: [...icd('C00', 'C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11', 'C12', 'C13', 'C14', 'C30', 'C31', 'C32')], note: 'Lip, oral cavity, pharynx, nasal cavity, sinuses and larynx.' },
  { id: 'brain-tumour.malignant', domain: 'condition', label: { en: 'malignant brain tumour (glioma)', zh: '脑恶性肿瘤' }, codes: [...icd('C71')] },
  { id: 'lymphoma', domain: 'condition', label: { en: 'lymphoma', zh: '淋巴瘤' }, codes: [...icd('C81', 'C82', 'C83', 'C84', 'C85', 'C86', 'C88')], note: 'Hodgkin and non-Hodgkin lymphomas.' },
  { id: 'leukemia', domain: 'condition', label: { en: 'leukemia', zh: '白血病' }, codes: [...icd('C91', 'C92', 'C93', 'C94', 'C95')] },
  { id: 'acute-myeloid-leukemia', domain: 'condition', label: { en: 'acute myeloid leukemia', zh: '急性髓系白血病' }, codes: [...icd('C92.0', 'C92.6', 'C92.A'), ...sct('91861009')] },
  { id: 'acute-lymphoblastic-leukemia', domain: 'condition', label: { en: 'acute lymphoblastic leukemia', zh: '急性淋巴细胞白血病' }, codes: [...icd('C91.0')] },
  { id: 'chronic-lymphocytic-leukemia', domain: 'condition', label: { en: 'chronic lymphocytic leukemia', zh: '慢性淋巴细胞白血病' }, codes: [...icd('C91.1')] },
  { id: 'chronic-myeloid-leukemia', domain: 'condition', label: { en: 'chronic myeloid leukemia', zh: '慢性髓系白血病' }, codes: [...icd('C92.1')] },
  { id: 'multiple-myeloma', domain: 'condition', label: { en: 'multiple myeloma', zh: '多发性骨髓瘤' }, codes: [...icd('C90.0'), ...sct('109989006')] },
  { id: 'brain-metastases', domain: 'condition', label: { en: 'brain or CNS metastases', zh: '脑转移' }, codes: [...icd('C79.3', 'C79.4'), ...sct('94225005')], note: 'Secondary malignant neoplasm of brain, meninges and other parts of the nervous system.' },
  // Heart and vessels.
  { id: 'cardiovascular-disease', domain: 'condition', label: { en: 'cardiovascular disease', zh: '心血管疾病' }, codes: [...icd('I')], note: 'ICD-10-CM chapter IX (I00–I99), diseases of the circulatory system; includes hypertension.' },
  { id: 'ischemic-heart-disease', domain: 'condition', label: { en: 'coronary (ischemic) heart disease', zh: '缺血性心脏病' }, codes: [...icd('I20', 'I21', 'I22', 'I23', 'I24', 'I25'), ...sct('414545008')] },
  { id: 'angina', domain: 'condition', label: { en: 'angina pectoris', zh: '心绞痛' }, codes: [...icd('I20'), ...sct('194828000')] },
  { id: 'unstable-angina', domain: 'condition', label: { en: 'unstable angina', zh: '不稳定型心绞痛' }, codes: [...icd('I20.0')] },
  { id: 'arrhythmia', domain: 'condition', label: { en: 'cardiac arrhythmia', zh: '心律失常' }, codes: [...icd('I44', 'I45', 'I47', 'I48', 'I49'), ...sct('698247007')], note: 'Conduction disorders, tachycardias, atrial fibrillation/flutter and other arrhythmias.' },
  { id: 'atrial-fibrillation', domain: 'condition', label: { en: 'atrial fibrillation or flutter', zh: '心房颤动' }, codes: [...icd('I48'), ...sct('49436004')] },
  { id: 'long-qt-syndrome', domain: 'condition', label: { en: 'long QT syndrome', zh: '长QT综合征' }, codes: [...icd('I45.81')] },
  { id: 'cardiomyopathy', domain: 'condition', label: { en: 'cardiomyopathy', zh: '心肌病' }, codes: [...icd('I42', 'I43')] },
  { id: 'stroke', domain: 'condition', label: { en: 'stroke', zh: '脑卒中' }, codes: [...icd('I60', 'I61', 'I62', 'I63'), ...sct('230690007')], note: 'Subarachnoid and intracerebral haemorrhage, cerebral infarction.' },
  { id: 'transient-ischemic-attack', domain: 'condition', label: { en: 'transient ischemic attack', zh: '短暂性脑缺血发作' }, codes: [...icd('G45'), ...sct('266257000')] },
  { id: 'cerebrovascular-disease', domain: 'condition', label: { en: 'cerebrovascular disease', zh: '脑血管病' }, codes: [...icd('I6', 'G45')], includes: ['stroke'] },
  { id: 'pulmonary-embolism', domain: 'condition', label: { en: 'pulmonary embolism', zh: '肺栓塞' }, codes: [...icd('I26'), ...sct('59282003')] },
  { id: 'deep-vein-thrombosis', domain: 'condition', label: { en: 'deep vein thrombosis', zh: '深静脉血栓' }, codes: [...icd('I82.4', 'I82.5', 'I82.6'), ...sct('128053003')] },
  { id: 'thromboembolism', domain: 'condition', label: { en: 'thrombosis or thromboembolism', zh: '血栓栓塞' }, codes: [...icd('I26', 'I74', 'I82')], includes: ['pulmonary-embolism', 'deep-vein-thrombosis'], note: 'Venous and arterial thrombosis and embolism.' },
  // Other organ systems.
  { id: 'diabetes', domain: 'condition', label: { en: 'diabetes mellitus', zh: '糖尿病' }, codes: [...icd('E08', 'E09', 'E10', 'E11', 'E13'), ...sct('73211009')] },
  { id: 'diabetes.type1', domain: 'condition', label: { en: 'type 1 diabetes', zh: '1型糖尿病' }, codes: [...icd('E10'), ...sct('46635009')] },
  { id: 'diabetes.type2', domain: 'condition', label: { en: 'type 2 diabetes', zh: '2型糖尿病' }, codes: [...icd('E11'), ...sct('44054006')] },
  { id: 'obesity', domain: 'condition', label: { en: 'obesity', zh: '肥胖' }, codes: [...icd('E66'), ...sct('414916001')] },
  {
    id: 'autoimmune-disease', domain: 'condition', label: { en: 'autoimmune disease', zh: '自身免疫性疾病' },
    codes: [...icd('M05', 'M06', 'M08', 'M30', 'M31', 'M32', 'M33', 'M34', 'M35.0', 'M45', 'L40', 'K50', 'K51', 'K75.4', 'K90.0', 'E05.0', 'E06.3', 'E10', 'E27.1', 'G35', 'G61.0', 'G70.0', 'D51.0', 'D59.1', 'D69.3', 'L10', 'L12', 'L63', 'L80')],
    note: 'Eligo operational definition (no single code range): rheumatoid and juvenile arthritis, vasculitides, SLE, myositis, systemic sclerosis, Sjögren, ankylosing spondylitis, psoriasis, IBD, autoimmune hepatitis, coeliac disease, Graves, Hashimoto, type 1 diabetes, Addison, MS, Guillain-Barré, myasthenia, pernicious anaemia, AIHA, ITP, pemphigus, pemphigoid, alopecia areata, vitiligo.',
  },
  { id: 'inflammatory-bowel-disease', domain: 'condition', label: { en: 'inflammatory bowel disease', zh: '炎症性肠病' }, codes: [...icd('K50', 'K51'), ...sct('24526004')] },
  { id: 'rheumatoid-arthritis', domain: 'condition', label: { en: 'rheumatoid arthritis', zh: '类风湿关节炎' }, codes: [...icd('M05', 'M06'), ...sct('69896004')] },
  { id: 'systemic-lupus-erythematosus', domain: 'condition', label: { en: 'systemic lupus erythematosus', zh: '系统性红斑狼疮' }, codes: [...icd('M32'), ...sct('55464009')] },
  { id: 'asthma', domain: 'condition', label: { en: 'asthma', zh: '哮喘' }, codes: [...icd('J45'), ...sct('195967001')] },
  { id: 'copd', domain: 'condition', label: { en: 'chronic obstructive pulmonary disease', zh: '慢性阻塞性肺疾病' }, codes: [...icd('J44'), ...sct('13645005')] },
  { id: 'interstitial-lung-disease', domain: 'condition', label: { en: 'interstitial lung disease or pneumonitis', zh: '间质性肺病/肺炎' }, codes: [...icd('J84', 'J70.0', 'J70.1', 'J70.2', 'J70.3', 'J70.4'), ...sct('233703007')], note: 'Includes radiation- and drug-induced pneumonitis (J70.0–J70.4); infectious pneumonia is infection.' },
  { id: 'epilepsy', domain: 'condition', label: { en: 'epilepsy or seizure disorder', zh: '癫痫' }, codes: [...icd('G40', 'R56'), ...sct('84757009')], note: 'R56 covers seizures not diagnosed as epilepsy.' },
  { id: 'dementia', domain: 'condition', label: { en: 'dementia', zh: '痴呆' }, codes: [...icd('F01', 'F02', 'F03', 'G30'), ...sct('52448006')] },
  { id: 'psychiatric-illness', domain: 'condition', label: { en: 'psychiatric illness', zh: '精神疾病' }, codes: [...icd('F')], includes: ['severe-mental-illness'], note: 'ICD-10-CM chapter V (F01–F99), mental and behavioural disorders; includes substance use disorders and dementia.' },
  { id: 'depression', domain: 'condition', label: { en: 'depression', zh: '抑郁症' }, codes: [...icd('F32', 'F33'), ...sct('35489007')] },
  { id: 'substance-abuse', domain: 'condition', label: { en: 'alcohol or drug abuse', zh: '酒精或药物滥用' }, codes: [...icd('F10', 'F11', 'F12', 'F13', 'F14', 'F15', 'F16', 'F18', 'F19')], note: 'Mental and behavioural disorders due to alcohol and drugs; nicotine (F17) is not included.' },
  { id: 'coagulopathy', domain: 'condition', label: { en: 'bleeding disorder (coagulopathy)', zh: '凝血功能障碍' }, codes: [...icd('D65', 'D66', 'D67', 'D68'), ...sct('64779008')], note: 'DIC, haemophilia A/B, other coagulation defects; thrombocytopenia (D69) is measured by the platelet count.' },
  { id: 'cirrhosis', domain: 'condition', label: { en: 'liver cirrhosis', zh: '肝硬化' }, codes: [...icd('K70.3', 'K74.3', 'K74.4', 'K74.5', 'K74.6'), ...sct('19943007')] },
  { id: 'chronic-kidney-disease', domain: 'condition', label: { en: 'chronic kidney disease', zh: '慢性肾脏病' }, codes: [...icd('N18'), ...sct('709044004')] },
  { id: 'graft-versus-host-disease', domain: 'condition', label: { en: 'graft-versus-host disease', zh: '移植物抗宿主病' }, codes: [...icd('D89.81')] },
  { id: 'peripheral-neuropathy', domain: 'condition', label: { en: 'peripheral neuropathy', zh: '周围神经病变' }, codes: [...icd('G60', 'G61', 'G62', 'G63')] },
  { id: 'pancreatitis', domain: 'condition', label: { en: 'pancreatitis', zh: '胰腺炎' }, codes: [...icd('K85', 'K86.0', 'K86.1')] },
  { id: 'peptic-ulcer', domain: 'condition', label: { en: 'peptic ulcer', zh: '消化性溃疡' }, codes: [...icd('K25', 'K26', 'K27', 'K28')] },
  { id: 'immunodeficiency', domain: 'condition', label: { en: 'immunodeficiency', zh: '免疫缺陷' }, codes: [...icd('D80', 'D81', 'D82', 'D83', 'D84')], includes: ['hiv'], note: 'Primary immunodeficiencies and HIV.' },
  { id: 'covid-19', domain: 'condition', label: { en: 'COVID-19', zh: '新型冠状病毒感染' }, codes: [...icd('U07.1'), ...sct('840539006')] },
  { id: 'fanconi-anemia', domain: 'condition', label: { en: 'Fanconi anemia', zh: '范可尼贫血' }, codes: [...icd('D61.09')], note: 'ICD-10-CM D61.09 (other constitutional aplastic anemia) is the code Fanconi anaemia is indexed to.' },
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
  ...MEDICATION_CONCEPTS,
  ...PROCEDURE_CONCEPTS,
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
