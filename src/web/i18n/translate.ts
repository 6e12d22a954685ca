// The one translation layer: looks keys up in the active language's dictionary, fills {placeholders},
// picks plural forms and translates API enum values. Pure, so it is shared by React and by tests.
import { en, type MessageKey, type Messages } from './en.ts';
import { zh } from './zh.ts';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export const dictionaries: Record<Language, Messages> = { en, zh };

/** BCP 47 tags for `<html lang>` and for Intl formatting. */
export const LANGUAGE_TAGS: Record<Language, string> = { en: 'en', zh: 'zh-CN' };

export type PluralBase = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

/** Enum groups whose values are translated under `<group>.<API value>` keys. */
export type EnumGroup =
  | 'status' | 'phase' | 'studyType' | 'interventionType' | 'sex' | 'sexScope' | 'stdAge' | 'allocation' | 'interventionModel'
  | 'masking' | 'whoMasked' | 'primaryPurpose' | 'observationalModel' | 'timePerspective' | 'armType' | 'role'
  | 'dateType' | 'responsibleParty' | 'agencyClass';

export type Vars = Record<string, string | number>;

export interface Translator {
  (key: MessageKey, vars?: Vars): string;
  readonly language: Language;
  readonly tag: string;
  plural(base: PluralBase, count: number, vars?: Vars): string;
  /** RECRUITING → "Recruiting" / "招募中"; a value the dictionary lacks is shown readably rather than hidden. */
  enumValue(group: EnumGroup, value: string): string;
  number(value: number, maximumFractionDigits?: number): string;
  /** An API v2 PartialDate ("2023", "2023-03" or "2023-03-01") in the language's own style. */
  date(partial: string): string;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function createTranslator(language: Language): Translator {
  const messages = dictionaries[language];
  const tag = LANGUAGE_TAGS[language];
  const pluralRules = new Intl.PluralRules(tag);
  const translate = (key: MessageKey, vars?: Vars): string => fill(messages[key] ?? key, vars, tag);
  return Object.assign(translate, {
    language,
    tag,
    plural(base: PluralBase, count: number, vars?: Vars): string {
      const form = pluralRules.select(count) === 'one' ? 'one' : 'other';
      return translate(`${base}.${form}` as MessageKey, { count, ...vars });
    },
    enumValue(group: EnumGroup, value: string): string {
      const key = `${group}.${value}`;
      return key in messages ? messages[key as MessageKey] : humanizeEnum(value);
    },
    number(value: number, maximumFractionDigits = 0): string {
      return new Intl.NumberFormat(tag, { maximumFractionDigits }).format(value);
    },
    date(partial: string): string {
      return formatPartialDate(partial, tag);
    },
  });
}

function fill(template: string, vars: Vars | undefined, tag: string): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(value) : value;
  });
}

/** SOME_VALUE → "Some value". */
export function humanizeEnum(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/;

export function formatPartialDate(partial: string, tag: string): string {
  const match = PARTIAL_DATE.exec(partial);
  if (!match) return partial;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), month ? Number(month) - 1 : 0, day ? Number(day) : 1));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (month) options.month = 'long';
  if (day) options.day = 'numeric';
  return new Intl.DateTimeFormat(tag, options).format(date);
}
