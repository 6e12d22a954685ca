/** The marked English fallback used in Chinese output: “…”（英文原文，暂无中文）. */
export function untranslated(english: string): string {
  return `“${english}”（英文原文，暂无中文）`;
}
