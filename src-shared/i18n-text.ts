/** A piece of product text in both languages the product ships: zh-CN (default) and English. */
export interface BilingualText {
  zh: string;
  en: string;
}

export type Locale = 'zh-CN' | 'en';

export function textIn(text: BilingualText, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}
