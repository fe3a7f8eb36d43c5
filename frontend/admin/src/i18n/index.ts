import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from 'antd/es/locale';
import type { Messages } from './zh-CN';

// The languages the console speaks; the first is the default.
export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];

// Where the operator's choice is remembered, per browser.
const storageKey = 'voltpay.language';

const dayjsLocale: Record<Language, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

// Each language's strings and antd's texts are a chunk of their own: the browser downloads
// only the language it shows (the other when the operator switches to it).
const loaders: Record<Language, () => Promise<{ messages: Messages; antd: Locale }>> = {
  'zh-CN': () => import('./lang-zh-CN'),
  'en-US': () => import('./lang-en-US'),
};
const antdLocales = new Map<Language, Locale>();

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

/** antd's texts in the language shown (loaded with its strings), or antd's own English. */
export function antdLocale(): Locale | undefined {
  return antdLocales.get(currentLanguage());
}

async function load(lang: Language) {
  if (antdLocales.has(lang)) return;
  const { messages, antd } = await loaders[lang]();
  i18n.addResourceBundle(lang, 'translation', messages, true, true);
  antdLocales.set(lang, antd);
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
  await load(lang);
  apply(lang);
  await i18n.changeLanguage(lang);
}

const initial = storedLanguage();
apply(initial);
void i18n.use(initReactI18next).init({
  resources: {},
  lng: initial,
  // Every language has every key (en-US.ts is typed against zh-CN.ts): nothing to fall back to.
  fallbackLng: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** Settles when the remembered language's strings are loaded: render after it. */
export const i18nReady: Promise<void> = load(initial);

export default i18n;
