import { describe, expect, it } from 'vitest'
import { mentionedPeople, unauthorisedMentions } from '../../core/app/llm/guard-names.js'

const directory = [
  { id: 1, name: '陈亚历', nameEn: 'Alex Chen', email: 'alex.chen@demo.ladder' },
  { id: 2, name: '李雷', nameEn: 'Li Lei', email: 'li.lei@demo.ladder' },
  { id: 3, name: '花', nameEn: 'Hana', email: 'hana@demo.ladder' },
  { id: 4, name: '艾历', nameEn: 'Alex', email: 'alex@demo.ladder' },
  { id: 5, name: '孙丽', nameEn: 'Sun Li', email: 'sun.li@demo.ladder' },
  { id: 6, name: '韩梅梅', nameEn: null, email: 'han.meimei@demo.ladder' },
]

describe('unauthorisedMentions (asker: Alex Chen)', () => {
  const cases: [text: string, expected: number[]][] = [
    ['Your overall match is 64%; the largest gap is project experience.', []],
    ['Alex Chen, you are at 64%.', []], // the asker, although a colleague is called "Alex"
    ['陈亚历，你的整体达标率是 64%。', []],
    ['Li Lei is at 75% for Staff R&D Engineer.', [2]],
    ['li  lei is at 75%', [2]],
    ['LiLei: 75%', [2]],
    ['Lei Li is at 75%', [2]],
    ['李雷的整体达标率为 75%', [2]],
    ['Write to li.lei@demo.ladder', [2]],
    ['ask li.lei about it', [2]],
    ['Alex, you are at 64%.', [4]], // ambiguous: another employee is called just "Alex"
    ['花了两天完成课程', []], // a one-character name says nothing on its own
    ['Hana from HR can help', [3]],
    ['Enjoy the sunlight, and take RD-101', []], // "Sun Li" only at word edges
    ['孙丽和韩梅梅都已达标', [5, 6]],
    ['Ask Han Meimei', [6]], // no English name recorded: her e-mail's local part spells it
  ]
  it.each(cases)('%s → %j', (text, expected) => {
    expect(unauthorisedMentions(text, directory, new Set([1]))).toEqual(expected)
  })

  it('lets through people the tool results named', () => {
    expect(unauthorisedMentions('Li Lei and Sun Li are ready', directory, new Set([1, 2, 5]))).toEqual([])
  })
})

describe('mentionedPeople', () => {
  it('finds people in tool results by any of their names', () => {
    const results = '{"members":[{"name":"Li Lei","overall":75},{"name":"孙丽","overall":80}]}'
    expect([...mentionedPeople(results, directory)].sort()).toEqual([2, 5])
  })
})
