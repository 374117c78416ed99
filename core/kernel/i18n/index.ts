// Every text a user sees, one folder per language (core/i18n/en/, core/i18n/zh-CN/),
// one file per area inside it. English defines the keys; Chinese must have them all
// (a missing translation is a type error).
import type { Locale } from '../domain/types.js'
import { en } from './en/index.js'
import { zhCN } from './zh-CN/index.js'

export type MessageKey = keyof typeof en
export type Params = Record<string, string | number>

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN }

/** The text for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogues[locale][key]
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** Whether `key` is a text of the catalogue (for keys built from data, such as intent names). */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(en, key)

/** A translator bound to one locale. */
export const translator =
  (locale: Locale) =>
  (key: MessageKey, params?: Params): string =>
    t(locale, key, params)
export type Translate = ReturnType<typeof translator>
