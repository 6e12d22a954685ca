// React side of the translation layer: the chosen language lives in context, persists in
// localStorage and is mirrored on <html lang> so screen readers pronounce the page correctly.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createTranslator, isLanguage, LANGUAGE_TAGS, type Language, type Translator } from './translate.ts';

export const LANGUAGE_STORAGE_KEY = 'eligo.language';

interface I18nContextValue {
  t: Translator;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18nContextValue | null>(null);

/** The saved choice, else the browser's preference (any zh-* → 简体中文), else English. */
export function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be disabled (private mode, policy); the language then lasts for the visit.
  }
  return navigator.languages?.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const t = useMemo(() => createTranslator(language), [language]);

  useEffect(() => {
    document.documentElement.lang = LANGUAGE_TAGS[language];
  }, [language]);

  const value = useMemo<I18nContextValue>(
    () => ({
      t,
      setLanguage(next: Language) {
        try {
          window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
        } catch {
          // See initialLanguage: without storage the choice still applies to this visit.
        }
        setLanguageState(next);
      },
    }),
    [t],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() must be used inside <I18nProvider>');
  return value;
}

export function useT(): Translator {
  return useI18n().t;
}

export function useSetLanguage(): (language: Language) => void {
  return useI18n().setLanguage;
}
