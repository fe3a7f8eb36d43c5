import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import enUS from './en-US';
import zhCN from './zh-CN';

// The languages the console speaks; the first is the default.
export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];

// Where the operator's choice is remembered, per browser.
const storageKey = 'voltpay.language';

const dayjsLocale: Record<Language, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

function isLanguage(v: unknown): v is Language {
  return languages.includes(v as Language);
}

/** The remembered language, or Chinese. */
export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(storageKey);
    return isLanguage(v) ? v : languages[0];
  } catch {
    return languages[0]; // storage refused (privacy mode): the default
  }
}

/** The language the console shows now. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : languages[0];
}

function apply(lang: Language) {
  dayjs.locale(dayjsLocale[lang]);
  document.documentElement.lang = lang;
}

/** Switches the console's language, antd's and dayjs's with it, and remembers the choice. */
export async function setLanguage(lang: Language) {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // storage refused: the choice lasts until the page reloads
  }
  apply(lang);
  await i18n.changeLanguage(lang);
}

const initial = storedLanguage();
apply(initial);
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: languages[0],
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  initAsync: false,
});

export default i18n;
