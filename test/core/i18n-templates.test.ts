// `t` parses each template once and fills the parts on every call. This checks it against the
// two regular-expression passes it replaced (kept here as the reference), for every text of both
// catalogues and several kinds of parameters: counts, decimals, text, some or all missing. Where the
// passes were wrong (a value read again as a template), the parsed template is checked on its own.
import { describe, expect, it } from 'vitest'
import type { Locale } from '../../core/kernel/domain/types.js'
import { en } from '../../core/kernel/i18n/en/index.js'
import { type MessageKey, type Params, t } from '../../core/kernel/i18n/index.js'
import { zhCN } from '../../core/kernel/i18n/zh-CN/index.js'

const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g

function reference(locale: Locale, template: string, params: Params): string {
  const plural = (value: string | number | undefined, branches: string): string | undefined => {
    if (value === undefined) return undefined
    const count = Number(value)
    const decimals = String(value).split('.')[1]?.length ?? 0
    const forms = new Map<string, string>()
    for (const [, selector, text] of branches.matchAll(BRANCH)) forms.set(selector as string, text as string)
    const rules = new Intl.PluralRules(locale, { minimumFractionDigits: decimals })
    return (forms.get(`=${count}`) ?? forms.get(rules.select(count)) ?? forms.get('other'))?.replaceAll('#', String(value))
  }
  return template
    .replace(PLURAL, (whole, name: string, branches: string) => plural(params[name], branches) ?? whole)
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

const catalogues: [Locale, Record<MessageKey, string>][] = [
  ['en', en],
  ['zh-CN', zhCN],
]
/** The placeholders and counts a template names (not the words inside a plural's branches). */
const namesIn = (template: string): string[] => [
  ...new Set([...template.replace(PLURAL, '{$1}').matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)),
]
const kinds: [string, (name: string, i: number) => string | number | undefined][] = [
  ['none', () => undefined],
  ['zero', () => 0],
  ['one', () => 1],
  ['two', () => 2],
  ['a decimal', () => '1.0'],
  ['text', (name) => `${name} #1`],
  ['every other one missing', (_, i) => (i % 2 === 0 ? 7 : undefined)],
]

describe('t fills a parsed template as the two passes did', () => {
  for (const [locale, catalogue] of catalogues)
    it.each(kinds)(`${locale}: every text, parameters: %s`, (_, value) => {
      const differ: string[] = []
      for (const key of Object.keys(catalogue) as MessageKey[]) {
        const params: Params = {}
        namesIn(catalogue[key]).forEach((name, i) => {
          const v = value(name, i)
          if (v !== undefined) params[name] = v
        })
        // Twice: the first call parses, the second reuses the parse.
        for (let n = 0; n < 2; n++) {
          const got = t(locale, key, params)
          if (got !== reference(locale, catalogue[key], params)) differ.push(`${key}: ${got}`)
        }
      }
      expect(differ).toEqual([])
    })
})

describe('t on its own', () => {
  it('inserts a value as it is, never reading it as a template', () => {
    // The two passes filled `{job}` inside the value of `{n}` too.
    expect(t('en', 'paths.from', { n: 2, job: '{n} {job} #' })).toBe(
      '2 paths lead on from {n} {job} #. For each: where you stand, the largest gaps and where it leads next.',
    )
  })

  it('keeps a plural whose count is missing as written', () => {
    expect(t('en', 'paths.from', { job: 'Engineer' })).toMatch(
      /^\{n, plural, one \{# path leads\} other \{# paths lead\}\} on from Engineer\./,
    )
  })
})
