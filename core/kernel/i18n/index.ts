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
const PLACEHOLDER = /\{(\w+)\}/g

/** A `{name}` placeholder; `whole` is what stays when `params` has no `name`. */
type Slot = { name: string; whole: string }
/** `#` in a plural branch: the count. */
const COUNT: unique symbol = Symbol('count')
/** Literal text, a placeholder, or (in a plural branch) the count. */
type Piece = string | Slot | typeof COUNT
/**
 * A template parsed once: its pieces and plural choices, in order. Every card line goes
 * through `t` (a catch-up reminder sweep makes ~300,000 calls), and two regular-expression
 * passes per call had been a tenth of the sweep's rendering.
 */
type Compiled = readonly (Piece | (Slot & { forms: Map<string, readonly Piece[]> }))[]

/** `{name}` placeholders in `text`, split out; `#` too inside a plural branch. */
function placeholders(text: string, hashes: boolean): Piece[] {
  const parts: Piece[] = []
  let at = 0
  for (const m of text.matchAll(PLACEHOLDER)) {
    parts.push(...literal(text.slice(at, m.index), hashes), { name: m[1] as string, whole: m[0] })
    at = m.index + m[0].length
  }
  parts.push(...literal(text.slice(at), hashes))
  return parts.filter((p) => p !== '')
}
const literal = (text: string, hashes: boolean): Piece[] =>
  hashes ? text.split('#').flatMap((piece, i) => (i === 0 ? [piece] : [COUNT as Piece, piece])) : [text]

function compile(template: string): Compiled {
  const parts: Compiled[number][] = []
  let at = 0
  for (const m of template.matchAll(PLURAL)) {
    parts.push(...placeholders(template.slice(at, m.index), false))
    const forms = new Map<string, readonly Piece[]>()
    for (const [, selector, text] of (m[2] as string).matchAll(BRANCH)) forms.set(selector as string, placeholders(text as string, true))
    parts.push({ name: m[1] as string, whole: m[0], forms })
    at = m.index + m[0].length
  }
  parts.push(...placeholders(template.slice(at), false))
  return parts
}

const compiled: Record<Locale, Map<MessageKey, Compiled>> = { en: new Map(), 'zh-CN': new Map() }

/** The text for `key` in `locale`, with `{name}` placeholders filled from `params` and `{n, plural, …}` chosen by `n`. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  let parts = compiled[locale].get(key)
  if (!parts) {
    parts = compile(catalogues[locale][key])
    compiled[locale].set(key, parts)
  }
  let text = ''
  for (const part of parts)
    text +=
      typeof part === 'object' && 'forms' in part
        ? (pluralForm(locale, params[part.name], part.forms, params) ?? part.whole)
        : fill(part, params)
  return text
}

const fill = (piece: Piece, params: Params, count?: string | number): string =>
  piece === COUNT ? String(count) : typeof piece === 'string' ? piece : piece.name in params ? String(params[piece.name]) : piece.whole

/** The branch a count chooses (an exact `=n` first, then the locale's plural category), filled in. */
function pluralForm(
  locale: Locale,
  value: string | number | undefined,
  forms: Map<string, readonly Piece[]>,
  params: Params,
): string | undefined {
  if (value === undefined) return undefined
  const count = Number(value)
  // "1.0 years": a count written with decimals takes the plural in English, as CLDR says.
  const decimals = String(value).split('.')[1]?.length ?? 0
  const form = forms.get(`=${count}`) ?? forms.get(pluralRulesOf(locale, decimals).select(count)) ?? forms.get('other')
  if (!form) return undefined
  let text = ''
  for (const piece of form) text += fill(piece, params, value)
  return text
}

/** Whether `key` is a text of the catalogue (for keys built from data, such as intent names). */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(en, key)

/** A translator bound to one locale. */
export const translator =
  (locale: Locale) =>
  (key: MessageKey, params?: Params): string =>
    t(locale, key, params)
export type Translate = ReturnType<typeof translator>
