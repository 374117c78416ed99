// Every number a user reads says what it is: a quiz score "72/100", a self-assessment
// "64%", experience "6.3 years". A bare "(you: 6.3)" leaves the reader guessing the scale.
import { describe, expect, it } from 'vitest'
import type { Locale } from '../../core/kernel/domain/types.js'
import { type MessageKey, type Params, t } from '../../core/kernel/i18n/index.js'

// The unit that must follow the number 37, per locale.
const unit: Record<Locale, RegExp> = {
  en: /37(?:\/100|%| years?\b)/g,
  'zh-CN': /37(?:\/100| 分|%| 年)/g,
}
const cases: [MessageKey, Params][] = [
  ['req.minYears', { years: 37, actual: 37 }],
  ['req.minScore', { key: 'TECH-EXAM', score: 37, actual: 37 }],
  ['req.minScoreNone', { key: 'TECH-EXAM', score: 37 }],
  ['verify.reported.quiz', { passMark: 37 }],
  ['verify.reported.score', { score: 37 }],
  ['verify.request.score', { score: 37 }],
  ['quiz.intro', { n: 3, passMark: 37 }],
  ['quiz.scores', { best: 37, latest: 37, n: 2 }],
  ['quiz.passed.title', { course: 'RD-101', score: 37 }],
  ['quiz.passed.body', { passMark: 37 }],
  ['quiz.failed.title', { course: 'RD-101', score: 37 }],
  ['quiz.failed.body', { score: 37, passMark: 37 }],
  ['training.belowPassMark', { course: 'RD-101', passMark: 37, score: 37 }],
  ['trainings.score', { score: 37 }],
  ['evidence.selfOnly', { value: 37 }],
]

describe.each(['en', 'zh-CN'] as const)('numbers carry their unit (%s)', (locale) => {
  it.each(cases)('%s', (key, params) => {
    const text = t(locale, key, params)
    const numbers = text.match(/37/g)?.length ?? 0
    expect(numbers).toBeGreaterThan(0)
    expect({ text, withUnit: text.match(unit[locale])?.length ?? 0 }).toEqual({ text, withUnit: numbers })
  })
})
