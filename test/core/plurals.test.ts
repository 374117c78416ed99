// English counts agree with their nouns: "1 person", "2 people", never "1 people" or
// "point(s)". The test walks the whole English catalogue, filling every placeholder
// with 0, 1 and 2, so a new text with a count is checked without being listed here.
import { describe, expect, it } from 'vitest'
import { en } from '../../core/kernel/i18n/en/index.js'
import { type MessageKey, t } from '../../core/kernel/i18n/index.js'
import { zhCN } from '../../core/kernel/i18n/zh-CN/index.js'

const keys = Object.keys(en) as MessageKey[]
const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)(?:, plural,|\})/g)].map((m) => m[1] as string)
const filled = (key: MessageKey, n: number): string => t('en', key, Object.fromEntries(placeholders(en[key]).map((name) => [name, n])))
const isPlural = (template: string): boolean => /\{\w+, plural,/.test(template)

// "1 days", "1 more people", "1 open tasks": a count of one followed by a plural noun.
// Words ending in s that are not plural nouns after a number are listed.
const notPluralNouns = new Set(['asks', 'says', 'belongs', 'is', 'was', 'has', 'does', 'its', 'this', 'us', 'as', 'status'])
function singularMistakes(text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(/(?<![\d./])\b1 (?:(?:more|open|overdue|hard|smaller|new) )*([A-Za-z]+)\b/g)) {
    const word = (m[1] as string).toLowerCase()
    if (word === 'people' || (word.endsWith('s') && !notPluralNouns.has(word))) found.push(m[0])
  }
  return found
}
// "2 person", "0 day": a count other than one followed by a singular noun we know.
const singularNouns =
  /\b[02] (?:(?:more|open|overdue|hard|smaller|new) )*(person|day|point|path|rating|rater|manager|participant|task|item|requirement|gap|question|attempt|dimension|answer|section|member)\b/

describe('English plurals', () => {
  it('no text hedges with "(s)"', () => {
    expect(keys.filter((key) => en[key].includes('(s)'))).toEqual([])
  })

  it.each([0, 1, 2])('every text with a count reads right for %i', (n) => {
    const wrong = keys.flatMap((key) => {
      const text = filled(key, n)
      const mistakes = n === 1 ? singularMistakes(text) : (text.match(singularNouns) ?? []).slice(0, 1)
      return mistakes.length ? [`${key}: ${text}`] : []
    })
    expect(wrong).toEqual([])
  })

  it('a text that chooses a form by count has a different one for 1 than for 2', () => {
    const same = keys
      .filter((key) => isPlural(en[key]))
      .filter((key) => filled(key, 1).replaceAll('1', '#') === filled(key, 2).replaceAll('2', '#'))
    expect(same).toEqual([])
  })

  it('a missing count leaves the placeholder visible rather than guessing a form', () => {
    const key = keys.find((k) => isPlural(en[k]))
    expect(key).toBeDefined()
    expect(t('en', key!, {})).toMatch(/\{\w+, plural,/)
  })

  it('Chinese has one form: its texts use plain placeholders', () => {
    expect(keys.filter((key) => isPlural(zhCN[key]))).toEqual([])
  })
})

describe('counts with decimals', () => {
  it.each([
    ['1', 'At least 1 year of experience (you: 1 year)'],
    ['1.0', 'At least 1 year of experience (you: 1.0 years)'],
    ['6.3', 'At least 1 year of experience (you: 6.3 years)'],
  ])('%s years of experience', (actual, text) => {
    expect(t('en', 'req.minYears', { years: 1, actual })).toBe(text)
  })
})
