// Every text a user sees, one folder per language (core/i18n/en/, core/i18n/zh-CN/),
// one file per area inside it. English defines the keys; Chinese must have them all
// (a missing translation is a type error).
import type { Locale } from '../domain/types.js'
import { en } from './en/index.js'
import { zhCN } from './zh-CN/index.js'

export type MessageKey = keyof typeof en
export type Params = Record<string, string | number>

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN }

/** Plural rules are cheap to use but not to build; one per locale and number of decimals shown. */
const pluralRules = new Map<string, Intl.PluralRules>()
const pluralRulesOf = (locale: Locale, decimals: number): Intl.PluralRules => {
  const key = `${locale}|${decimals}`
  let rules = pluralRules.get(key)
  if (!rules) {
    rules = new Intl.PluralRules(locale, { minimumFractionDigits: decimals })
    pluralRules.set(key, rules)
  }
  return rules
}

// `{n, plural, one {# path leads} other {# paths lead}}`: the ICU message shape, kept to what the
// catalogues need (no nesting; `#` is the number). English counts need it ("1 people", "point(s)"
// read as unfinished); Chinese has one form and writes plain `{n}`.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g

function plural(locale: Locale, value: string | number | undefined, branches: string): string | undefined {
  if (value === undefined) return undefined
  const count = Number(value)
  // "1.0 years": a count written with decimals takes the plural in English, as CLDR says.
  const decimals = String(value).split('.')[1]?.length ?? 0
  const forms = new Map<string, string>()
  for (const [, selector, text] of branches.matchAll(BRANCH)) forms.set(selector as string, text as string)
  const form = forms.get(`=${count}`) ?? forms.get(pluralRulesOf(locale, decimals).select(count)) ?? forms.get('other')
  return form?.replaceAll('#', String(value))
}

/** The text for `key` in `locale`, with `{name}` placeholders filled from `params` and `{n, plural, …}` chosen by `n`. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogues[locale][key]
  return template
    .replace(PLURAL, (whole, name: string, branches: string) => plural(locale, params[name], branches) ?? whole)
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** Whether `key` is a text of the catalogue (for keys built from data, such as intent names). */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(en, key)

/** A translator bound to one locale. */
export const translator =
  (locale: Locale) =>
  (key: MessageKey, params?: Params): string =>
    t(locale, key, params)
export type Translate = ReturnType<typeof translator>
