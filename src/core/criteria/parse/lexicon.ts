// Surface forms: how criteria texts name analytes, scales, diagnoses and tests — full names, abbreviations
// (TBIL, SCr, ANC, PLT, Hgb, LVEF), common misspellings and Chinese-English usages. Each form maps to a key
// of Eligo's clinical tables (src/core/clinical/tables/), where the codes (LOINC, ICD-10-CM, SNOMED CT)
// live with their sources. Forms were collected from the ClinicalTrials.gov criteria corpus
// (ctgov-4868), the LCT corpus and the seed trials. Patterns match normalised text (lower case).
import type { SCALES } from '../rules.ts';

export interface SurfaceForm<Key extends string = string> {
  key: Key;
  pattern: string;
}

/** Analyte keys of src/core/clinical/tables/analytes.ts. More specific forms first where they overlap. */
export const ANALYTE_FORMS: SurfaceForm[] = [
  { key: 'bilirubin.direct', pattern: String.raw`直接胆红素|结合胆红素|(?:direct|conjugated)\s+(?:serum\s+)?bilirubin|d[-\s]?bil\b|dbil` },
  { key: 'bilirubin.total', pattern: String.raw`血清总胆红素|总胆红素|胆红素|(?:total|serum|plasma|blood)\s+bilirubin|t[-\s.]?bili?\b|tbil|bilirubin(?:\s+total)?|bili\b|bil\b|total\s+bili|t\.\s?bil` },
  { key: 'alt', pattern: String.raw`谷丙转氨酶|丙氨酸氨基转移酶|丙氨酸转氨酶|(?:serum\s+)?glutamic[-\s]pyruvic\s+transaminase|alt\b|alanine\s+(?:amino\s?)?transferase|alanine\s+(?:amino\s?)?transaminase|alanine\s+aminotransferase|sgpt|gpt\b|alat\b|alt/sgpt|sgpt/alt` },
  { key: 'ast', pattern: String.raw`谷草转氨酶|天门冬氨酸氨基转移酶|天冬氨酸氨基转移酶|(?:serum\s+)?glutamic[-\s]oxal(?:o)?acetic\s+transaminase|ast\b|aspartate\s+(?:amino\s?)?transferase|aspartate\s+(?:amino\s?)?transaminase|aspartate\s+aminotransferase|sgot|got\b|asat\b` },
  { key: 'alp', pattern: String.raw`碱性磷酸酶|alp\b|alkaline:?\s+phosphatase|alk\.?\s?phos\b|akp\b|alkaline\b` },
  { key: 'ggt', pattern: String.raw`ggt\b|gamma[-\s]?glutamyl\s?(?:trans(?:ferase|peptidase))|γ-?gt\b` },
  { key: 'albumin', pattern: String.raw`(?:serum\s+)?albumin\b|alb\b` },
  { key: 'creatinine.clearance', pattern: String.raw`肌酐清除率|(?:calculated\s+|estimated\s+|measured\s+)?creatinine\s+clearance|cr\s?cl\b|clcr\b|ccr\b|crcl\b|creatinine\s+cl\b` },
  { key: 'egfr', pattern: String.raw`估算肾小球滤过率|肾小球滤过率|e\s?gfr\b|(?:estimated\s+)?glomerular\s+filtration\s+rate|gfr\b|mdrd\b|ckd[-\s]epi` },
  { key: 'creatinine', pattern: String.raw`血清肌酐|血肌酐|肌酐|(?:serum\s+|plasma\s+|blood\s+)?creatinine|s\.?\s?cr\b|scr\b|creat\b|cr\b|cre\b` },
  { key: 'bun', pattern: String.raw`bun\b|blood\s+urea\s+nitrogen|urea\s+nitrogen|(?:serum\s+)?urea\b` },
  { key: 'hba1c', pattern: String.raw`糖化血红蛋白|hb\s?a1c|hgb\s?a1c|a1c\b|glycated\s+ha?emoglobin|glycosylated\s+ha?emoglobin|ha?emoglobin\s+a1c|glycohemoglobin|hba1` },
  { key: 'hemoglobin', pattern: String.raw`血红蛋白|ha?emoglobin|hgb\b|hb\b|hbg\b|haemoglobin` },
  { key: 'anc', pattern: String.raw`中性粒细胞绝对值|中性粒细胞计数|中性粒细胞|absolute\s+neutrophils?(?:\s+counts?)?|anc\b|neutrophils?(?:\s+counts?)?|absolute\s+granulocytes?(?:\s+counts?)?|granulocytes?(?:\s+counts?)?|agc\b|neut\b|pmn\b|polymorphonuclear(?:\s+leukocytes)?` },
  { key: 'platelets', pattern: String.raw`血小板计数|血小板|platelets?(?:\s+counts?)?|plt\b|plts\b|thrombocytes?(?:\s+counts?)?|trombocytes?|platelet\s+count` },
  { key: 'wbc', pattern: String.raw`白细胞计数|白细胞|white\s+blood\s+cells?(?:\s+counts?)?|wbc\b|leu[ck]ocytes?(?:\s+counts?)?|white\s+(?:blood\s+)?(?:cell\s+)?count|total\s+white\s+cell` },
  { key: 'lymphocytes', pattern: String.raw`(?:absolute\s+)?lymphocytes?(?:\s+counts?)?|alc\b` },
  { key: 'reticulocytes', pattern: String.raw`网织红细胞|(?:absolute\s+)?reticulocytes?(?:\s+counts?)?|retic\b|arc\b` },
  { key: 'inr', pattern: String.raw`国际标准化比值|inr\b|international\s+normali[sz]ed\s+ratio|pt[-/\s]inr` },
  { key: 'aptt', pattern: String.raw`活化部分凝血活酶时间|a?ptt\b|(?:activated\s+)?partial\s+thromboplastin\s+time|(?:activated\s+)?partial\s+thrombin\s+time|aptt` },
  { key: 'pt', pattern: String.raw`凝血酶原时间|prothrombin\s+time|pt\b(?!\s?(?:is|was|has|had|who|with|must|should|will)\b)` },
  { key: 'fibrinogen', pattern: String.raw`fibrinogen` },
  { key: 'lvef', pattern: String.raw`左心室射血分数|左室射血分数|射血分数|lvef\b|left\s+ventricular\s+ejection\s+fraction|(?:cardiac\s+|lv\s+)?ejection\s+fraction|ef\b` },
  { key: 'bp.systolic', pattern: String.raw`收缩压|systolic(?:\s+blood)?(?:\s+pressure)?|sbp\b|systolic\s+bp` },
  { key: 'bp.diastolic', pattern: String.raw`舒张压|diastolic(?:\s+blood)?(?:\s+pressure)?|dbp\b|diastolic\s+bp` },
  { key: 'heart.rate', pattern: String.raw`heart\s+rate|pulse(?:\s+rate)?|hr\b|resting\s+heart\s+rate` },
  { key: 'qtc', pattern: String.raw`qtc[fb]?\b|qt\s?c\b|corrected\s+qt(?:\s+interval)?|qt\s+interval|qtcf` },
  { key: 'spo2', pattern: String.raw`spo2|sao2|sp\s?o2|oxygen\s+saturation|o2\s+sat(?:uration)?` },
  { key: 'bmi', pattern: String.raw`体重指数|体质指数|bmi\b|body\s+mass\s+index|body\s+mass|quetelet` },
  { key: 'weight', pattern: String.raw`体重(?!指数)|(?:body\s+)?weight(?!\s+(?:loss|gain|change|reduction|bearing))|weighing|weighs|weigh\b` },
  { key: 'height', pattern: String.raw`(?:body\s+)?height` },
  { key: 'glucose', pattern: String.raw`(?:fasting\s+)?(?:plasma\s+|blood\s+|serum\s+)?glucose(?:\s+level)?|fpg\b|fbg\b|blood\s+sugar` },
  { key: 'potassium', pattern: String.raw`(?:serum\s+)?potassium|k\+` },
  { key: 'sodium', pattern: String.raw`(?:serum\s+)?sodium|na\+` },
  { key: 'calcium', pattern: String.raw`(?:serum\s+|corrected\s+|ionized\s+)?calcium|ca\+\+|ca2\+` },
  { key: 'magnesium', pattern: String.raw`magnesium|mg\+\+|mg2\+` },
  { key: 'tsh', pattern: String.raw`tsh\b|thyroid[-\s]stimulating\s+hormone|thyrotropin` },
  { key: 'hbv.dna', pattern: String.raw`hbv[-\s]?dna|hepatitis\s+b\s+(?:virus\s+)?dna|hbv\s+viral\s+load|hbv\s+(?:dna\s+)?titer` },
  { key: 'hcv.rna', pattern: String.raw`hcv[-\s]?rna|hepatitis\s+c\s+(?:virus\s+)?rna|hcv\s+viral\s+load` },
  { key: 'hematocrit', pattern: String.raw`ha?ematocrit|hct\b|packed\s+cell\s+volume|pcv\b` },
  { key: 'cholesterol.ldl', pattern: String.raw`ldl(?:[-\s]?c(?:holesterol)?)?\b|low[-\s]density\s+lipoprotein(?:\s+cholesterol)?` },
  { key: 'cholesterol.total', pattern: String.raw`(?:total\s+|serum\s+|fasting\s+(?:serum\s+)?)?cholesterol` },
  { key: 'triglycerides', pattern: String.raw`(?:fasting\s+|serum\s+)?triglycerides?|tg\b|trigs?\b` },
  { key: 'uric.acid', pattern: String.raw`(?:serum\s+)?uric\s+acid|urate\b` },
  { key: 'lipase', pattern: String.raw`(?:serum\s+)?lipase` },
  { key: 'amylase', pattern: String.raw`(?:serum\s+)?amylase` },
  { key: 'psa', pattern: String.raw`psa\b|prostate[-\s]specific\s+antigen` },
  { key: 'afp', pattern: String.raw`afp\b|alpha[-\s]?fetoprotein|α-fetoprotein` },
  { key: 'hiv.rna', pattern: String.raw`(?:plasma\s+)?hiv(?:-1)?\s+rna|hiv(?:-1)?\s+viral\s+load|viral\s+load` },
  { key: 'temperature', pattern: String.raw`(?:body\s+)?temperature|fever\b` },
  { key: 'cd4', pattern: String.raw`cd4\+?(?:\s+(?:t[-\s]?)?(?:cell|lymphocyte)s?)?(?:\s+counts?)?` },
];

/** Both blood-pressure components at once ("blood pressure < 140/90 mmHg"). */
export const BLOOD_PRESSURE_FORM = String.raw`血压|(?:arterial\s+|resting\s+|seated\s+|sitting\s+)?blood\s+pressure|bp\b|arterial\s+pressure`;

export const SCALE_FORMS: Array<SurfaceForm<(typeof SCALES)[number]>> = [
  { key: 'KARNOFSKY', pattern: String.raw`karnofsky(?:\s+performance)?(?:\s+(?:status|score|scale|index))?|kps\b|k\.p\.s` },
  { key: 'LANSKY', pattern: String.raw`lansky(?:\s+(?:play[-\s]performance|performance))?(?:\s+(?:status|score|scale))?` },
  { key: 'NYHA', pattern: String.raw`nyha(?:\s+(?:functional\s+)?class(?:ification)?)?|new\s+york\s+heart\s+association(?:\s+\(nyha\))?(?:\s+(?:functional\s+)?class(?:ification)?)?` },
  {
    key: 'ECOG',
    pattern: String.raw`ecog(?:[-\s]?ps)?(?:\s+performance)?(?:\s+(?:status|score|scale|grade))?|eastern\s+cooperative\s+oncology\s+group(?:\s+\(ecog\))?(?:\s+performance)?(?:\s+(?:status|score|scale))?|zubrod|who\s+performance\s+status|(?:who\s+)?performance\s+(?:status|score)`,
  },
];

/** Words that make a number of years an age. */
export const AGE_BEFORE = /(?:年龄|\bage[sd]?|\bold|\bolder|\byounger|years?\s+of\s+age|adults?|patients?|subjects?|participants?|volunteers?|individuals?|persons?|people|men|women|males?|females?|children|boys|girls|infants?|adolescents?|birthday|inclusive|pts?)\b[\s:,(]*(?:(?:between|from|of|is|are|must\s+be|should\s+be|being|at|who\s+are|>|<|≥|≤|=)\s*)*$/;
export const AGE_AFTER = /^\s?\)?\s?(?:years?|yrs?)?\s?(?:of\s+age|old|in\s+age|or\s+older|and\s+older|or\s+younger|of\s+age\s+or)/;
/** A number of time units after these words is a window or a duration, not an age or a measurement. */
export const WINDOW_BEFORE = /(?:within|in\s+the\s+(?:past|last|previous|preceding)|during\s+the\s+(?:past|last)|for|since|after|before|prior|last|past|previous|preceding|duration\s+of|period\s+of|interval\s+of|washout\s+of|lasting|persisting|ago|every|per|each|separated\s+by|apart)\s*(?:the\s+)?(?:past\s+|last\s+)?(?:at\s+least\s+|more\s+than\s+|less\s+than\s+|>|<|≥|≤)?\s*$/;
export const WINDOW_AFTER = /^\s?(?:\)\s?)?(?:prior|before|after|since|from|of\s+(?:the\s+)?(?:start|first|study|randomi|enrol|screening|registration|treatment|dosing|day)|preceding|following|ago|post|apart|between|washout|wash-out|until)/;

/** Condition concepts of src/core/clinical/tables/conditions.ts. */
export const CONDITION_FORMS: SurfaceForm[] = [
  { key: 'aplastic-anemia.severe', pattern: String.raw`重型再生障碍性贫血|重型再障|severe\s+aplastic\s+ana?emia|\bsaa\b|very\s+severe\s+aplastic\s+ana?emia|\bvsaa\b` },
  { key: 'pure-red-cell-aplasia', pattern: String.raw`纯红细胞再生障碍性贫血|纯红再障|pure\s+red\s+cell\s+aplas(?:ia|tic\s+ana?emia)|\bprca\b` },
  { key: 'aplastic-anemia', pattern: String.raw`再生障碍性贫血|再障|aplastic\s+ana?emia|\baa\b` },
  { key: 'paroxysmal-nocturnal-hemoglobinuria', pattern: String.raw`阵发性睡眠性血红蛋白尿症?|paroxysmal\s+nocturnal\s+ha?emoglobinuria|\bpnh\b` },
  { key: 'myelodysplastic-syndrome', pattern: String.raw`骨髓增生异常综合征|myelodysplastic\s+syndromes?|\bmds\b|myelodysplasia` },
  { key: 'immune-related-pancytopenia', pattern: String.raw`immune[-\s]related\s+pancytopenia|\birp\b` },
  { key: 'acute-arrest-of-hemopoiesis', pattern: String.raw`acute\s+arrest\s+of\s+ha?em(?:at)?opoiesis` },
  { key: 'cytopenia-of-unknown-significance', pattern: String.raw`(?:idiopathic\s+)?cytopenias?\s+of\s+(?:unknown|undetermined|uncertain)\s+significance|\bicus\b` },
  { key: 'bone-marrow-failure', pattern: String.raw`bone\s+marrow\s+failure(?:\s+(?:disorders?|diseases?|syndromes?))?` },
  { key: 'fanconi-anemia', pattern: String.raw`范可尼贫血|fanconi(?:'s)?\s+ana?emia` },
  // Cancers by site: a site names the cancer more precisely than "cancer" alone.
  { key: 'breast-cancer', pattern: String.raw`乳腺癌|breast\s+(?:cancer|carcinoma|adenocarcinoma)s?|mammary\s+carcinoma` },
  { key: 'lung-cancer', pattern: String.raw`肺癌|(?:non[-\s]small|small)[-\s]cell\s+lung\s+(?:cancer|carcinoma)|lung\s+(?:cancer|carcinoma|adenocarcinoma)s?|\bnsclc\b|\bsclc\b` },
  { key: 'prostate-cancer', pattern: String.raw`前列腺癌|prostat(?:e|ic)\s+(?:cancer|carcinoma|adenocarcinoma)` },
  { key: 'colorectal-cancer', pattern: String.raw`结直肠癌|(?:colorectal|colon|rectal)\s+(?:cancer|carcinoma|adenocarcinoma)s?|\bcrc\b` },
  { key: 'gastric-cancer', pattern: String.raw`胃癌|gastric\s+(?:cancer|carcinoma|adenocarcinoma)|stomach\s+cancer` },
  { key: 'esophageal-cancer', pattern: String.raw`食管癌|o?esophageal\s+(?:cancer|carcinoma|adenocarcinoma|squamous\s+cell\s+carcinoma)` },
  { key: 'pancreatic-cancer', pattern: String.raw`胰腺癌|pancreatic\s+(?:ductal\s+)?(?:cancer|carcinoma|adenocarcinoma)` },
  { key: 'liver-cancer', pattern: String.raw`肝细胞癌|肝癌|hepatocellular\s+carcinoma|\bhcc\b|liver\s+cancer` },
  { key: 'ovarian-cancer', pattern: String.raw`卵巢癌|ovarian\s+(?:cancer|carcinoma)` },
  { key: 'cervical-carcinoma-in-situ', pattern: String.raw`(?:carcinoma|cancer)\s+in\s+situ\s+of\s+(?:the\s+)?(?:uterine\s+)?cervix|cervical\s+(?:carcinoma|cancer)\s+in\s+situ|in\s+situ\s+(?:carcinoma|cancer)\s+of\s+(?:the\s+)?cervix|\bcin\b` },
  { key: 'cervical-cancer', pattern: String.raw`宫颈癌|cervical\s+(?:cancer|carcinoma)|(?:cancer|carcinoma)\s+of\s+the\s+(?:uterine\s+)?cervix` },
  { key: 'endometrial-cancer', pattern: String.raw`子宫内膜癌|endometrial\s+(?:cancer|carcinoma|adenocarcinoma)` },
  { key: 'bladder-cancer', pattern: String.raw`膀胱癌|bladder\s+(?:cancer|carcinoma)` },
  { key: 'kidney-cancer', pattern: String.raw`肾癌|renal\s+cell\s+(?:carcinoma|cancer)|\brcc\b|kidney\s+cancer` },
  { key: 'thyroid-cancer', pattern: String.raw`甲状腺癌|thyroid\s+(?:cancer|carcinoma)` },
  { key: 'head-and-neck-cancer', pattern: String.raw`鼻咽癌|head\s+and\s+neck\s+(?:squamous\s+cell\s+)?(?:cancer|carcinoma)|\bhnscc\b|nasopharyngeal\s+(?:cancer|carcinoma)|laryngeal\s+(?:cancer|carcinoma)` },
  { key: 'brain-tumour.malignant', pattern: String.raw`glioblastoma(?:\s+multiforme)?|\bgbm\b|(?:high|low)[-\s]grade\s+gliomas?|gliomas?` },
  { key: 'brain-metastases', pattern: String.raw`脑转移|(?:brain|cerebral|cns|central\s+nervous\s+system|intracranial|leptomeningeal)\s+(?:metastas[ie]s|metastatic\s+disease|mets)|metastas[ie]s\s+(?:to|in)\s+the\s+(?:brain|cns|central\s+nervous\s+system)` },
  { key: 'acute-myeloid-leukemia', pattern: String.raw`急性髓系白血病|acute\s+myelo(?:id|genous)\s+leuka?emia|\baml\b` },
  { key: 'acute-lymphoblastic-leukemia', pattern: String.raw`急性淋巴细胞白血病|acute\s+lympho(?:blastic|cytic)\s+leuka?emia` },
  { key: 'chronic-lymphocytic-leukemia', pattern: String.raw`chronic\s+lymphocytic\s+leuka?emia|\bcll\b` },
  { key: 'chronic-myeloid-leukemia', pattern: String.raw`chronic\s+myelo(?:id|genous)\s+leuka?emia|\bcml\b` },
  { key: 'leukemia', pattern: String.raw`白血病|leuka?emias?` },
  { key: 'lymphoma', pattern: String.raw`淋巴瘤|(?:non-)?hodgkin'?s?\s+lymphomas?|lymphomas?` },
  { key: 'multiple-myeloma', pattern: String.raw`多发性骨髓瘤|骨髓瘤|(?:multiple|plasma\s+cell)\s+myeloma|myeloma` },
  // Heart and vessels.
  { key: 'unstable-angina', pattern: String.raw`不稳定型?心绞痛|unstable\s+angina(?:\s+pectoris)?` },
  { key: 'angina', pattern: String.raw`心绞痛|angina(?:\s+pectoris)?` },
  { key: 'ischemic-heart-disease', pattern: String.raw`冠心病|(?:ischa?emic|coronary)\s+(?:heart|artery)\s+disease|\bcad\b|\bihd\b` },
  { key: 'atrial-fibrillation', pattern: String.raw`房颤|心房颤动|atrial\s+(?:fibrillation|flutter)|\bafib\b` },
  { key: 'long-qt-syndrome', pattern: String.raw`(?:congenital\s+)?long\s+qt\s+syndrome` },
  { key: 'arrhythmia', pattern: String.raw`心律失常|(?:cardiac\s+|ventricular\s+)?(?:arrhythmias?|dysrhythmias?)` },
  { key: 'cardiomyopathy', pattern: String.raw`心肌病|cardiomyopath(?:y|ies)` },
  { key: 'stroke', pattern: String.raw`脑卒中|脑梗死?|中风|stroke(?!\s+volume)|cerebrovascular\s+accidents?|\bcva\b|cerebral\s+infarction` },
  { key: 'transient-ischemic-attack', pattern: String.raw`transient\s+isch(?:a)?emic\s+attacks?|\btias?\b` },
  { key: 'cerebrovascular-disease', pattern: String.raw`脑血管病|cerebrovascular\s+(?:diseases?|disorders?|events?)` },
  { key: 'cardiovascular-disease', pattern: String.raw`心血管疾病|心脏病|(?<!congenital\s)(?:cardiovascular|cardiac|heart)\s+(?:diseases?|disorders?)` },
  { key: 'deep-vein-thrombosis', pattern: String.raw`深静脉血栓(?:形成)?|deep\s+(?:vein|venous)\s+thrombos[ie]s|\bdvt\b` },
  { key: 'pulmonary-embolism', pattern: String.raw`肺栓塞|pulmonary\s+embol(?:ism|us|i)` },
  { key: 'thromboembolism', pattern: String.raw`血栓栓塞|(?:venous\s+|arterial\s+)?thromboembol(?:ism|ic\s+(?:events?|disease))|\bvte\b|venous\s+thrombosis` },
  // Other organ systems.
  { key: 'diabetes.type1', pattern: String.raw`1型糖尿病|insulin[-\s]dependent\s+diabetes(?:\s+mellitus)?|\biddm\b|type\s+(?:1|i)\s+diabetes(?:\s+mellitus)?|\bt1dm\b|diabetes\s+mellitus,?\s+type\s+(?:1|i)\b` },
  { key: 'diabetes.type2', pattern: String.raw`2型糖尿病|non[-\s]insulin[-\s]dependent\s+diabetes(?:\s+mellitus)?|\bniddm\b|type\s+(?:2|ii)\s+diabetes(?:\s+mellitus)?|\bt2dm\b|diabetes\s+mellitus,?\s+type\s+(?:2|ii)\b` },
  { key: 'diabetes', pattern: String.raw`糖尿病|(?<!gestational\s)diabetes(?!\s+insipidus)(?:\s+mellitus)?` },
  { key: 'obesity', pattern: String.raw`肥胖|obesity` },
  { key: 'autoimmune-disease', pattern: String.raw`自身免疫性?疾病|auto-?immune\s+(?:diseases?|disorders?|conditions?|illness)` },
  { key: 'inflammatory-bowel-disease', pattern: String.raw`炎症性肠病|inflammatory\s+bowel\s+disease|\bibd\b|crohn'?s?(?:\s+disease)?|ulcerative\s+colitis` },
  { key: 'rheumatoid-arthritis', pattern: String.raw`类风湿关节炎|rheumatoid\s+arthritis` },
  { key: 'systemic-lupus-erythematosus', pattern: String.raw`系统性红斑狼疮|systemic\s+lupus\s+erythematosus|\bsle\b|lupus(?=\s+nephritis)` },
  { key: 'asthma', pattern: String.raw`哮喘|asthma` },
  { key: 'copd', pattern: String.raw`慢阻肺|慢性阻塞性肺疾?病|chronic\s+obstructive\s+pulmonary\s+disease|\bcopd\b` },
  { key: 'interstitial-lung-disease', pattern: String.raw`间质性肺(?:病|炎)|interstitial\s+lung\s+diseases?|\bild\b|(?:non-?infectious\s+)?pneumonitis|(?:idiopathic\s+)?pulmonary\s+fibrosis` },
  { key: 'epilepsy', pattern: String.raw`癫痫|epilepsy|seizures?(?:\s+disorders?)?(?!\s+threshold)|convulsions?` },
  { key: 'dementia', pattern: String.raw`痴呆|dementia|alzheimer'?s?(?:\s+disease)?` },
  { key: 'substance-abuse', pattern: String.raw`吸毒|酗酒|药物滥用|(?:alcohol|drugs?|substance|opioid|narcotics?)(?:\s+(?:or|and|and\/or|/)\s+(?:alcohol|drugs?|substance))?\s+(?:abuse|dependence|addiction|use\s+disorders?|misuse)|alcoholism|drug\s+addiction` },
  { key: 'severe-mental-illness', pattern: String.raw`(?:severe|serious)\s+(?:mental|psychiatric)\s+(?:illness|disorders?|diseases?)|schizophrenia|psychosis|bipolar\s+disorder` },
  { key: 'psychiatric-illness', pattern: String.raw`精神疾病|精神病|(?<!manual\s+of\s+)(?:psychiatric|mental)\s+(?:illness(?:es)?|disorders?|diseases?|conditions?)(?!,?\s+(?:-\s+)?(?:iv|v|4th|5th|fourth|fifth|text|\(?dsm))` },
  { key: 'depression', pattern: String.raw`抑郁症|major\s+depressive\s+disorder|depressive\s+disorders?|(?<!(?:marrow|respiratory|st[-\s]segment|st|bone\s+marrow)\s)depression` },
  { key: 'coagulopathy', pattern: String.raw`凝血功能障碍|coagulopath(?:y|ies)|(?:bleeding|ha?emorrhagic)\s+(?:disorders?|diathesis|diatheses|tendency)|ha?emophilia|von\s+willebrand(?:'s)?\s+disease|(?:clotting|coagulation)\s+disorders?` },
  { key: 'cirrhosis', pattern: String.raw`肝硬化|(?:liver\s+|hepatic\s+)?cirrhosis` },
  { key: 'chronic-kidney-disease', pattern: String.raw`慢性肾脏?病|chronic\s+kidney\s+disease|\bckd\b(?!-)` },
  { key: 'graft-versus-host-disease', pattern: String.raw`移植物抗宿主病|graft[-\s]+(?:versus|vs\.?)[-\s]+host(?:\s+disease)?|\bgvhd\b` },
  { key: 'pancreatitis', pattern: String.raw`胰腺炎|pancreatitis` },
  { key: 'peptic-ulcer', pattern: String.raw`消化性溃疡|peptic\s+ulcers?(?:\s+disease)?|(?:gastric|duodenal)\s+ulcers?` },
  { key: 'immunodeficiency', pattern: String.raw`(?:primary\s+|congenital\s+)?immunodeficienc(?:y|ies)(?!\s+virus)|immune\s+deficiency(?!\s+virus)` },
  { key: 'covid-19', pattern: String.raw`新冠|covid-?19|sars-cov-2\s+infection` },
  // Medication classes (src/core/clinical/tables/medications.ts).
  { key: 'chemotherapy', pattern: String.raw`化疗|(?<!(?:anti-?tb|tuberculosis|intrathecal|intravesical)\s)(?:cytotoxic\s+)?chemotherap(?:y|ies|eutic\s+(?:agents?|drugs?|regimens?))(?![-\s]*(?:na[iï]ve|induced))` },
  { key: 'antineoplastic', pattern: String.raw`抗肿瘤治疗|anti-?(?:cancer|neoplastic|tumou?r)\s+(?:therapy|therapies|treatments?|agents?|drugs?)` },
  { key: 'immune-checkpoint-inhibitor', pattern: String.raw`(?:immune\s+)?checkpoint\s+inhibitors?|anti-?pd-?(?:1|l1)(?:\s+(?:antibod(?:y|ies)|therapy|agents?))?|anti-?ctla-?4(?:\s+(?:antibod(?:y|ies)|therapy|agents?))?|pd-?(?:1|l1)\s+(?:inhibitors?|blockade)` },
  { key: 'kinase-inhibitor', pattern: String.raw`tyrosine\s+kinase\s+inhibitors?|\btkis?\b` },
  { key: 'endocrine-therapy', pattern: String.raw`(?:anti-?hormonal|endocrine)\s+therapy|androgen\s+deprivation\s+therapy|\badt\b` },
  { key: 'corticosteroid.systemic', pattern: String.raw`糖皮质激素|(?<!(?:inhaled|topical|intranasal|nasal|ophthalmic|intravitreal|periocular|intra-articular|epidural|anabolic|sex|ocular|eye)\s)(?:systemic\s+|oral\s+|intravenous\s+|iv\s+|chronic\s+)?(?:cortico)?steroids?(?:\s+(?:therapy|treatment))?(?![-\s]*(?:refractory|na[iï]ve|sparing|resistant|hormones?))|glucocorticoids?|prednisone|prednisolone|methylprednisolone|dexamethasone` },
  { key: 'anti-thymocyte-globulin', pattern: String.raw`抗胸腺细胞球蛋白|anti-?thymocyte\s+(?:immuno)?globulin|anti-?lymphocyte\s+(?:immuno)?globulin|\batg\b|\balg\b` },
  { key: 'ciclosporin', pattern: String.raw`环孢素a?|cyclosporin(?:e)?(?:\s+a)?|ciclosporin|\bcsa\b` },
  { key: 'immunosuppressant', pattern: String.raw`免疫抑制剂|immunosuppressi(?:ve|on)\s+(?:therapy|therapies|treatments?|agents?|drugs?|medications?)|immunosuppressants?` },
  { key: 'thrombopoietin-receptor-agonist', pattern: String.raw`艾曲泊帕|eltrombopag|romiplostim|thrombopoietin\s+receptor\s+agonists?|\btpo-?ras?\b` },
  { key: 'antiplatelet', pattern: String.raw`anti-?platelet\s+(?:agents?|therapy|drugs?|medications?)|clopidogrel|ticagrelor|prasugrel` },
  { key: 'nsaid', pattern: String.raw`\bnsaids?\b|non-?steroidal\s+anti-?inflammatory\s+(?:drugs?|agents?|medications?)` },
  { key: 'insulin', pattern: String.raw`胰岛素(?!抵抗)|(?<!(?:fasting|serum|plasma)\s)insulin(?![-\s]*(?:resistance|sensitivity|secretion|levels?|like|c-?peptide|antibod))` },
  { key: 'hematopoietic-growth-factor', pattern: String.raw`粒细胞集落刺激因子|\bg-?csf\b|\bgm-?csf\b|granulocyte(?:[-\s]macrophage)?\s+colony[-\s]stimulating\s+factors?|(?:peg)?filgrastim` },
  { key: 'erythropoiesis-stimulating-agent', pattern: String.raw`促红细胞生成素|促红素|erythropoiesis[-\s]stimulating\s+agents?|\besas?\b|\bepo\b|(?:recombinant\s+(?:human\s+)?)?erythropoietin|epoetin|darbepoetin` },
  { key: 'opioid', pattern: String.raw`(?:opioids?|opiates?)(?![-\s]+(?:antagonists?|receptor\s+antagonists?|blockers?|use\s+disorders?|withdrawal|dependence|addiction|na[iï]ve|induced))(?:\s+analgesics?)?` },
  { key: 'antiepileptic', pattern: String.raw`anti-?epileptics?(?:\s+drugs?)?|anti-?convulsants?` },
  { key: 'antipsychotic', pattern: String.raw`anti-?psychotics?(?:\s+(?:drugs?|medications?|agents?))?|neuroleptics?` },
  { key: 'antidepressant', pattern: String.raw`anti-?depressants?(?:\s+(?:drugs?|medications?))?` },
  { key: 'antibacterial.systemic', pattern: String.raw`抗生素|(?:systemic|intravenous|iv|oral)\s+antibiotics?|(?<!(?:anthracycline|antitumou?r|anti-tumou?r|cytotoxic|antineoplastic)\s)antibiotics?(?:\s+(?:therapy|treatment))?` },
  { key: 'antiretroviral', pattern: String.raw`抗逆转录病毒|anti-?retroviral\s+(?:therapy|treatment|drugs?|medications?|agents?)|\bhaart\b` },
  { key: 'live-vaccine', pattern: String.raw`减毒活疫苗|live(?:[-\s]attenuated)?\s+(?:virus\s+|viral\s+)?vaccin(?:es?|ations?)|attenuated\s+live\s+vaccines?` },
  { key: 'investigational-agent', pattern: String.raw`试验用?药物|investigational\s+(?:agents?|drugs?|(?:medicinal\s+)?products?|therap(?:y|ies)|treatments?|compounds?|medications?)|experimental\s+(?:agents?|drugs?|therap(?:y|ies)|medications?)` },
  // Procedures (src/core/clinical/tables/procedures.ts).
  { key: 'radiotherapy', pattern: String.raw`放射治疗|放疗|radiotherapy|radiation\s+(?:therapy|treatment)|(?<!total\s+body\s)irradiation|\bsbrt\b|stereotactic\s+radiosurgery` },
  { key: 'solid-organ-transplant', pattern: String.raw`器官移植|(?:solid\s+)?organ\s+(?:transplant(?:ation)?s?|allografts?)|(?:kidney|renal|liver|heart|lung)\s+transplant(?:ation)?s?` },
  { key: 'blood-transfusion', pattern: String.raw`输血|(?:blood|red\s+(?:blood\s+)?cell|rbc|platelet)\s+transfusions?(?![-\s]*(?:dependen|independen|free))|transfusions?(?![-\s]*(?:dependen|independen|free))` },
  { key: 'splenectomy', pattern: String.raw`脾切除术?|splenectomy` },
  { key: 'percutaneous-coronary-intervention', pattern: String.raw`percutaneous\s+coronary\s+interventions?|\bpci\b|coronary\s+(?:angioplasty|stent(?:ing|s)?)` },
  { key: 'coronary-artery-bypass-graft', pattern: String.raw`coronary\s+artery\s+bypass(?:\s+graft(?:ing|s)?)?|\bcabg\b` },
  { key: 'surgery', pattern: String.raw`手术|surgery|surgical\s+(?:procedures?|interventions?|resection)` },
  { key: 'skin-squamous-cell-carcinoma', pattern: String.raw`squamous\s+cell\s+(?:carcinoma|cancer)\s+of\s+(?:the\s+)?skin|(?:cutaneous|skin)\s+squamous\s+cell\s+(?:carcinoma|cancer)` },
  { key: 'skin-basal-cell-carcinoma', pattern: String.raw`basal\s+cell\s+(?:carcinoma|cancer)(?:\s+of\s+(?:the\s+)?skin)?|(?:cutaneous|skin)\s+basal\s+cell\s+(?:carcinoma|cancer)` },
  { key: 'melanoma', pattern: String.raw`(?:malignant\s+)?melanoma` },
  { key: 'clonal-hematologic-disease', pattern: String.raw`(?:other\s+)?clonal\s+(?:ha?ematologic(?:al)?\s+|blood\s+)?(?:diseases?|disorders?)` },
  { key: 'malignancy', pattern: String.raw`恶性肿瘤|malignan(?:t\s+(?:tumou?rs?|neoplasms?|diseases?)|cy|cies)|cancers?\b|carcinomas?\b|neoplasms?` },
  { key: 'hiv', pattern: String.raw`艾滋病|人类免疫缺陷病毒|\bhiv\b(?![-\s]*(?:protease|medications?|drugs?|therapy|treatment|antiretroviral|vaccine|prevention|negative))(?:\s+infection)?|human\s+immunodeficiency\s+virus(?:\s+\(hiv\))?(?:\s+infection)?|\baids\b` },
  { key: 'hepatitis-b', pattern: String.raw`乙型肝炎|乙肝|hepatitis\s+b\b(?:\s+virus)?(?:\s+infection)?(?:\s+\(hbv\))?|\bhbv\b(?:\s+infection)?` },
  { key: 'hepatitis-c', pattern: String.raw`丙型肝炎|丙肝|hepatitis\s+c\b(?:\s+virus)?(?:\s+infection)?(?:\s+\(hcv\))?|\bhcv\b(?:\s+infection)?` },
  { key: 'syphilis', pattern: String.raw`梅毒|syphilis|treponema\s+pallidum` },
  { key: 'tuberculosis', pattern: String.raw`活动性结核|结核病?|(?:active\s+)?tuberculosis|\btb\b` },
  { key: 'hepatitis.acute-severe', pattern: String.raw`acute\s+sever(?:e)?\s+hepatitis|fulminant\s+hepatitis` },
  { key: 'infection.severe', pattern: String.raw`严重感染|重症感染|(?:severe|serious|uncontrolled)\s+infections?|sepsis|septic\s+shock` },
  { key: 'infection', pattern: String.raw`感染|(?:active\s+|acute\s+|clinically\s+significant\s+)?infections?\b|infectious\s+(?:diseases?|period\s+of\s+diseases?)` },
  { key: 'heart-failure', pattern: String.raw`心力衰竭|心功能不全|心衰|(?:congestive\s+)?heart\s+failure|cardiac\s+(?:insufficiency|failure)|\bchf\b` },
  { key: 'myocardial-infarction', pattern: String.raw`myocardial\s+infarction|heart\s+attack|\bmi\b` },
  { key: 'hypertension', pattern: String.raw`高血压|(?<!(?:ocular|pulmonary|intracranial|portal|arterial|intra-abdominal|gestational)\s)hypertension` },
  { key: 'liver-disease.severe', pattern: String.raw`(?:severe|serious)\s+(?:liver|hepatic)\s+(?:disease|dysfunction|impairment|insufficiency|failure)|(?:liver|hepatic)\s+failure|cirrhosis` },
  { key: 'kidney-disease.severe', pattern: String.raw`(?:severe|serious)\s+(?:kidney|renal)\s+(?:disease|dysfunction|impairment|insufficiency|failure)|(?:kidney|renal)\s+failure|dialysis|end[-\s]stage\s+renal` },
  { key: 'hemorrhage', pattern: String.raw`活动性出血|出血|(?:active\s+)?(?:ha?emorrhage|bleeding)` },
  { key: 'iron-deficiency-anemia', pattern: String.raw`iron[-\s]deficiency\s+ana?emia` },
  { key: 'allergic-constitution', pattern: String.raw`过敏体质|allergic\s+constitution|atopy|allergic\s+diathesis` },
  { key: 'hsct', pattern: String.raw`造血干细胞移植|干细胞移植|骨髓移植|(?:(?:allogeneic|autologous|allo|auto)(?:/(?:allogeneic|autologous))?\s+)?(?:ha?ematopoietic\s+)?(?:stem\s+cell|bone\s+marrow)\s+transplant(?:ation)?|\bhsct\b|\bsct\b|\bbmt\b` },
  { key: 'anticoagulant', pattern: String.raw`anticoagula(?:nt|tion)(?:\s+(?:therapy|treatment|drugs?|medications?))?` },
];

/** Qualitative tests (analyte keys) named in serology criteria. */
export const SEROLOGY_FORMS: SurfaceForm[] = [
  { key: 'hbsag', pattern: String.raw`乙肝表面抗原|hbsag|hepatitis\s+b\s+surface\s+antigen|hbs\s+antigen` },
  { key: 'hbcab', pattern: String.raw`乙肝核心抗体|hbcab|anti[-\s]?hbc|hepatitis\s+b\s+core\s+antibody|hbc\s+antibody|hbcab` },
  { key: 'hbsab', pattern: String.raw`hbsab|anti[-\s]?hbs\b|hepatitis\s+b\s+surface\s+antibody` },
  { key: 'hcv.ab', pattern: String.raw`anti[-\s]?hcv|hcv\s+antibod(?:y|ies)|hepatitis\s+c\s+(?:virus\s+)?antibod(?:y|ies)|hcv\b|hepatitis\s+c\b` },
  { key: 'hiv', pattern: String.raw`hiv(?:[-\s]?[12])?(?:\s+(?:antibod(?:y|ies)|test))?|human\s+immunodeficiency\s+virus` },
  { key: 'syphilis', pattern: String.raw`syphilis|tppa|\brpr\b|\bvdrl\b` },
];

export const POSITIVE_WORDS = /阳性|\b(?:positive|positivity|seropositive|reactive|detectable|detected)\b|\(\+\)/;
export const NEGATIVE_WORDS = /阴性|\b(?:negative|seronegative|non[-\s]?reactive|undetectable|not\s+detected|lower\s+than\s+the\s+detection\s+limit|below\s+the\s+(?:limit\s+of\s+)?detection)\b|\(-\)/;

export function compileForms<Key extends string>(forms: Array<SurfaceForm<Key>>): RegExp {
  // One lookbehind for all forms: V8 then tests it once per position instead of once per form.
  return new RegExp(`(?<![\\w-])(?:${forms.map((form) => `(${form.pattern})`).join('|')})`, 'g');
}
