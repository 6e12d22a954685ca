// Medication classes that criteria name ("prior chemotherapy", "systemic corticosteroids", "live vaccine").
// Each class is a list of WHO ATC codes, matched by prefix (L01A covers L01AA01), plus RxNorm ingredient
// CUIs only where listed. Source: WHO Collaborating Centre for Drug Statistics Methodology, ATC/DDD
// Index 2024 (class codes as published there). A class with no ATC code (investigational agents) has only
// its Eligo code: a record matches it only when a person coded the medication so.
import { atc, eligoCode, type ConceptDefinition } from './codings.ts';

export const MEDICATION_TABLE_VERSION = 'medications-2026-11 (ATC 2024)';

export const MEDICATION_CONCEPTS: readonly ConceptDefinition[] = [
  {
    id: 'chemotherapy', domain: 'medication', label: { en: 'cytotoxic chemotherapy', zh: '化疗' },
    codes: [...atc('L01A', 'L01B', 'L01C', 'L01D', 'L01XA'), eligoCode('chemotherapy')],
    note: 'ATC alkylating agents, antimetabolites, plant alkaloids, cytotoxic antibiotics and platinum compounds; targeted agents and antibodies are not chemotherapy.',
  },
  { id: 'antineoplastic', domain: 'medication', label: { en: 'anticancer drug therapy', zh: '抗肿瘤药物治疗' }, codes: [...atc('L01', 'L02'), eligoCode('antineoplastic')], note: 'ATC L01 antineoplastic agents and L02 endocrine therapy.' },
  { id: 'immune-checkpoint-inhibitor', domain: 'medication', label: { en: 'immune checkpoint inhibitor', zh: '免疫检查点抑制剂' }, codes: [...atc('L01FF', 'L01FX04')], note: 'ATC L01FF PD-1/PD-L1 inhibitors; L01FX04 ipilimumab (CTLA-4).' },
  { id: 'kinase-inhibitor', domain: 'medication', label: { en: 'protein kinase inhibitor', zh: '蛋白激酶抑制剂' }, codes: [...atc('L01E')] },
  { id: 'endocrine-therapy', domain: 'medication', label: { en: 'hormonal (endocrine) cancer therapy', zh: '内分泌治疗' }, codes: [...atc('L02')] },
  { id: 'corticosteroid.systemic', domain: 'medication', label: { en: 'systemic corticosteroid', zh: '全身性糖皮质激素' }, codes: [...atc('H02AB')], note: 'ATC H02AB glucocorticoids for systemic use; inhaled, topical and ocular steroids are other ATC groups.' },
  { id: 'immunosuppressant', domain: 'medication', label: { en: 'immunosuppressant', zh: '免疫抑制剂' }, codes: [...atc('L04')] },
  { id: 'anti-thymocyte-globulin', domain: 'medication', label: { en: 'anti-thymocyte globulin', zh: '抗胸腺细胞球蛋白' }, codes: [...atc('L04AA03', 'L04AA04')], note: 'ATC L04AA03 antilymphocyte immunoglobulin (horse), L04AA04 anti-thymocyte immunoglobulin (rabbit).' },
  { id: 'ciclosporin', domain: 'medication', label: { en: 'ciclosporin', zh: '环孢素' }, codes: [...atc('L04AD01')] },
  { id: 'thrombopoietin-receptor-agonist', domain: 'medication', label: { en: 'thrombopoietin receptor agonist', zh: '血小板生成素受体激动剂' }, codes: [...atc('B02BX04', 'B02BX05')], note: 'Romiplostim (B02BX04) and eltrombopag (B02BX05); others are not listed.' },
  { id: 'antiplatelet', domain: 'medication', label: { en: 'antiplatelet agent', zh: '抗血小板药' }, codes: [...atc('B01AC')] },
  { id: 'nsaid', domain: 'medication', label: { en: 'non-steroidal anti-inflammatory drug', zh: '非甾体抗炎药' }, codes: [...atc('M01A')] },
  { id: 'insulin', domain: 'medication', label: { en: 'insulin', zh: '胰岛素' }, codes: [...atc('A10A')] },
  { id: 'antidiabetic.oral', domain: 'medication', label: { en: 'blood glucose lowering drug (non-insulin)', zh: '降糖药（非胰岛素）' }, codes: [...atc('A10B')] },
  { id: 'hematopoietic-growth-factor', domain: 'medication', label: { en: 'colony-stimulating factor (G-CSF/GM-CSF)', zh: '集落刺激因子' }, codes: [...atc('L03AA')] },
  { id: 'erythropoiesis-stimulating-agent', domain: 'medication', label: { en: 'erythropoiesis-stimulating agent', zh: '促红细胞生成素类' }, codes: [...atc('B03XA')] },
  { id: 'opioid', domain: 'medication', label: { en: 'opioid', zh: '阿片类药物' }, codes: [...atc('N02A')] },
  { id: 'antiepileptic', domain: 'medication', label: { en: 'antiepileptic', zh: '抗癫痫药' }, codes: [...atc('N03A')] },
  { id: 'antipsychotic', domain: 'medication', label: { en: 'antipsychotic', zh: '抗精神病药' }, codes: [...atc('N05A')] },
  { id: 'antidepressant', domain: 'medication', label: { en: 'antidepressant', zh: '抗抑郁药' }, codes: [...atc('N06A')] },
  { id: 'antibacterial.systemic', domain: 'medication', label: { en: 'systemic antibiotic', zh: '全身用抗菌药' }, codes: [...atc('J01')] },
  { id: 'antiretroviral', domain: 'medication', label: { en: 'antiretroviral therapy', zh: '抗逆转录病毒治疗' }, codes: [...atc('J05AE', 'J05AF', 'J05AG', 'J05AJ', 'J05AR')], note: 'ATC protease, nucleoside/nucleotide and non-nucleoside reverse-transcriptase and integrase inhibitors, and their combinations.' },
  {
    id: 'live-vaccine', domain: 'medication', label: { en: 'live attenuated vaccine', zh: '减毒活疫苗' },
    codes: [...atc('J07BD', 'J07BE', 'J07BJ', 'J07BK01', 'J07BK02', 'J07BL01', 'J07AN01', 'J07BF02', 'J07BH01', 'J07BH02', 'J07AP01')],
    note: 'Measles, mumps, rubella, varicella and live zoster, yellow fever, BCG, oral polio, rotavirus and oral typhoid vaccines. Recombinant zoster vaccine (J07BK03) is not live.',
  },
  { id: 'investigational-agent', domain: 'medication', label: { en: 'investigational drug', zh: '试验用药物' }, codes: [eligoCode('investigational-agent')], note: 'No standard code: participation in another drug trial is recorded with this Eligo code, or confirmed by a person.' },
];
