import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import zhCN, { type Messages } from './zh-CN'
import enUS from './en-US'

// Chinese first, English selectable; the choice is kept in storage (voltpay.language). No
// i18n library: the app has a few dozen strings, and every kilobyte counts on a phone.

export type Language = 'zh-CN' | 'en-US'
const storageKey = 'voltpay.language'
const catalogs: Record<Language, Messages> = { 'zh-CN': zhCN, 'en-US': enUS }

let language: Language = Taro.getStorageSync(storageKey) === 'en-US' ? 'en-US' : 'zh-CN'
const listeners = new Set<() => void>()

export function setLanguage(l: Language) {
  language = l
  Taro.setStorageSync(storageKey, l)
  if (typeof document !== 'undefined') document.documentElement.lang = l
  listeners.forEach((f) => f())
}

export function getLanguage(): Language {
  return language
}

/** Fills {name} placeholders. */
export function fill(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text
}

/** The current catalogue, re-rendering the component when the language changes. */
export function useMessages(): Messages {
  const l = useSyncExternalStore(
    (f) => {
      listeners.add(f)
      return () => listeners.delete(f)
    },
    () => language,
  )
  return catalogs[l]
}

export function messages(): Messages {
  return catalogs[language]
}
